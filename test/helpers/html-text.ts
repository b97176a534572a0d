import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toText } from 'hast-util-to-text';
import { selectAll, select } from 'hast-util-select';

export function parseHtml(html: string): Root {
  return fromHtml(html);
}

export function textOf(node: Root | Element): string {
  return toText(node).replace(/\s+/g, ' ').trim();
}

export { select, selectAll };
