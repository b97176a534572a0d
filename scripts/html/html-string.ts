import type { Element, Root, RootContent } from 'hast';
import { toHtml } from 'hast-util-to-html';

/**
 * Serializes HTML documents one after another, keeping the HTML of each block from the last
 * document: a block that is the same (same elements, properties and text; places do not matter)
 * is not serialized again. A long-lived process (`paper watch`) re-serializes only the blocks an
 * edit changed. The output is always what `hast-util-to-html` makes of the whole document.
 *
 * The document is split where it fans out: from the root down through elements with few element
 * children (html, body, main) to the first with many (head, the article); each child of those is
 * a block. Text between them is serialized on its own, which is the same as in place there. A block is serialized alone, which gives the same HTML as in place: with the default
 * settings an element's HTML depends on its parent only inside `<script>`, `<style>` and `<svg>`,
 * which are never split.
 */
export class BlockHtmlSerializer {
  private kept = new Map<string, string>();

  serialize(tree: Root): string {
    const used = new Map<string, string>();
    const out: string[] = [];
    this.emit(tree, used, out, 0, false);
    this.kept = used;
    // One join at the end: hast-util-to-html joins at every level, copying the big blocks each time.
    return out.join('');
  }

  /** The HTML of `node`'s children: elements that fan out are opened and gone into, and the children of those are blocks. */
  private emit(node: Root | Element, used: Map<string, string>, out: string[], depth: number, blocks: boolean): void {
    for (const child of node.children) {
      if (child.type !== 'element') {
        out.push(toHtml(child));
      } else if (blocks) {
        const key = blockKey(child);
        const html = used.get(key) ?? this.kept.get(key) ?? toHtml(child);
        used.set(key, html);
        out.push(html);
      } else if (depth < maxDepth && splittable(child)) {
        const empty = toHtml({ ...child, children: [] });
        out.push(empty.slice(0, empty.length - `</${child.tagName}>`.length));
        this.emit(child, used, out, depth + 1, elementCount(child) > fewChildren);
        out.push(`</${child.tagName}>`);
      } else {
        out.push(toHtml(child));
      }
    }
  }
}

/** How far down the split looks for the elements that fan out. */
const maxDepth = 6;
/** An element with more element children than this is where blocks begin. */
const fewChildren = 3;
/** Elements whose content is serialized by other rules than the document's. */
const unsplittable = new Set(['script', 'style', 'svg', 'math', 'template', 'textarea', 'title', 'noscript', 'iframe', 'xmp', 'plaintext', 'noembed', 'noframes']);

function splittable(element: Element): boolean {
  return !unsplittable.has(element.tagName) && elementCount(element) > 0;
}

function elementCount(element: Element): number {
  let count = 0;
  for (const child of element.children) if (child.type === 'element') count++;
  return count;
}

/**
 * What the HTML of a block depends on, as a string: its elements, properties, text and comments,
 * without places and data.
 */
export function blockKey(node: RootContent): string {
  const parts: string[] = [];
  appendKey(node, parts);
  return parts.join('');
}

function appendKey(node: RootContent, parts: string[]): void {
  switch (node.type) {
    case 'element':
      parts.push('<', node.tagName, propertiesKey(node.properties));
      for (const child of node.children) appendKey(child, parts);
      if (node.content) parts.push('#', JSON.stringify(node.content));
      parts.push('>');
      return;
    case 'text':
      parts.push(JSON.stringify(node.value));
      return;
    case 'comment':
      parts.push('!', JSON.stringify(node.value));
      return;
    default:
      parts.push('?', JSON.stringify(node));
  }
}

/** JSON, except that `Infinity` is not written as `null`: hast-util-to-html tells them apart. */
function propertiesKey(properties: Element['properties']): string {
  for (const value of Object.values(properties)) {
    if (typeof value === 'number' && !Number.isFinite(value)) return JSON.stringify(properties, (_key, item: unknown) => (typeof item === 'number' && !Number.isFinite(item) ? `#${String(item)}` : item));
  }
  return JSON.stringify(properties);
}
