import type { Element, ElementContent, Root } from 'hast';
import { h } from 'hastscript';
import { visit } from 'unist-util-visit';
import { copyTree } from '../source/tree-copy.js';

export const previewClass = 'citation-preview';

/**
 * Citation previews without script: every link of a citation to its entry (`a[href="#ref-KEY"]`)
 * gets a copy of the formatted entry, `span.citation-preview`, which the stylesheet shows while
 * the link is hovered or focused, and never prints.
 *
 * Screen readers hear the entry once: the link is described by the entry in the reference list
 * (`aria-describedby="ref-KEY"`), and the visual copy is `aria-hidden`. The copy holds no link
 * (a link in a link is not allowed, and nothing hidden may take focus), no id, and no block
 * element (it sits inside a paragraph).
 */
export function citationPreviewsTransform(tree: Root, options: { references: Element | undefined }): void {
  const { references } = options;
  if (!references) return;
  const entries = new Map<string, Element>();
  for (const entry of references.children) {
    if (entry.type === 'element' && typeof entry.properties.id === 'string') entries.set(entry.properties.id, entry);
  }
  visit(tree, 'element', (node) => {
    if (node.tagName !== 'a' || node.properties.role !== 'doc-biblioref') return;
    const id = String(node.properties.href ?? '').slice(1);
    const entry = entries.get(id);
    if (!entry) return;
    node.properties.ariaDescribedBy = [id];
    node.children.push(h('span', { className: [previewClass], ariaHidden: 'true' }, inert(entry.children)));
  });
}

/** Entry content as phrasing that cannot take focus: links and blocks become spans, ids go. */
function inert(children: ElementContent[]): ElementContent[] {
  return children.map((child) => {
    if (child.type !== 'element') return copyTree(child);
    const { id: _id, href: _href, role: _role, ...properties } = child.properties;
    const tagName = child.tagName === 'a' || child.tagName === 'div' ? 'span' : child.tagName;
    return { type: 'element', tagName, properties, children: inert(child.children) };
  });
}
