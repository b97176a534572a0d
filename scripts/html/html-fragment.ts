import type { ElementContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { copyTree } from '../source/tree-copy.js';

/**
 * The nodes of an HTML fragment (a rendered citation, a reference list entry). A paper renders the
 * same few hundred strings on every build of a long-lived process, and parsing HTML is the costly
 * part, so the parses of recent strings are kept (a bounded number) and each call gets its own
 * copy: the tree it goes into is changed later.
 */
export function parseHtmlFragment(html: string): ElementContent[] {
  let nodes = parsed.get(html);
  if (!nodes) {
    nodes = fromHtml(html, { fragment: true }).children as ElementContent[];
    if (parsed.size >= limit) parsed.clear();
    parsed.set(html, nodes);
  }
  return copyTree(nodes);
}

const parsed = new Map<string, ElementContent[]>();
const limit = 20_000;
