import type { Element, ElementContent, Root } from 'hast';
import { h } from 'hastscript';
import { copyTree } from '../source/tree-copy.js';

export interface ContentsOptions {
  /** The list's heading ("Contents"). */
  title: string;
  /** Markdown heading levels listed: `1` lists the `#` sections (`h2`), `2` also `##`, and so on. */
  depth: number;
}

/**
 * The HTML edition's table of contents, as Pandoc writes it: `<nav id="TOC" role="doc-toc">` with a
 * nested list of links to the headings that have an id, numbers in `span.toc-section-number`.
 * Links and note calls in a heading are left out of its entry (a link in a link is not allowed, a
 * note call in the contents would be a second call). The title block's `h1` is not listed.
 * Returns `undefined` when there is no heading to list.
 */
export function tableOfContents(tree: Root, options: ContentsOptions): Element | undefined {
  const deepest = options.depth + 1;
  const root = h('ul');
  const open: Array<{ level: number; list: Element }> = [{ level: 1, list: root }];
  for (const heading of headingsOf(tree, deepest)) {
    const level = Number(heading.tagName.slice(1));
    while (open.length > 1 && (open.at(-1)?.level ?? 1) >= level) open.pop();
    const parent = open.at(-1)?.list ?? root;
    const item = h('li', [h('a', { href: `#${String(heading.properties.id)}`, id: `toc-${String(heading.properties.id)}` }, entryContent(heading.children))]);
    parent.children.push(item);
    const list = h('ul');
    item.children.push(list);
    open.push({ level, list });
  }
  dropEmptyLists(root);
  if (root.children.length === 0) return undefined;
  const title = h('h2', { id: 'toc-title' }, options.title);
  return h('nav', { id: 'TOC', role: 'doc-toc', ariaLabelledBy: ['toc-title'] }, [title, root]);
}

/** `h2`…`h{deepest}` with an id, in document order, outside the title block. */
function headingsOf(tree: Root | Element, deepest: number): Element[] {
  const found: Element[] = [];
  for (const child of tree.children) {
    if (child.type !== 'element' || child.properties.id === 'title-block-header') continue;
    const match = /^h([2-6])$/.exec(child.tagName);
    if (match) {
      if (Number(match[1]) <= deepest && child.properties.id) found.push(child);
    } else found.push(...headingsOf(child, deepest));
  }
  return found;
}

/** A heading's content for its entry: links unwrapped, note calls dropped, ids removed, number restyled. */
function entryContent(children: ElementContent[]): ElementContent[] {
  return children.flatMap((child): ElementContent[] => {
    if (child.type !== 'element') return [copyTree(child)];
    if (child.tagName === 'sup' && child.children.some((inner) => inner.type === 'element' && inner.properties.dataFootnoteRef !== undefined)) return [];
    if (child.tagName === 'a') return entryContent(child.children);
    const className = Array.isArray(child.properties.className) && child.properties.className.includes('header-section-number') ? ['toc-section-number'] : child.properties.className;
    return [{ ...child, properties: { ...child.properties, id: undefined, className }, children: entryContent(child.children) }];
  });
}

function dropEmptyLists(list: Element): void {
  for (const item of list.children) {
    if (item.type !== 'element') continue;
    const nested = item.children.at(-1);
    if (nested?.type !== 'element' || nested.tagName !== 'ul') continue;
    if (nested.children.length === 0) item.children.pop();
    else dropEmptyLists(nested);
  }
}

