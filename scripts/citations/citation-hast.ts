import type { ElementContent } from 'hast';
import { h } from 'hastscript';
import type { State } from 'mdast-util-to-hast';
import type { Citation } from './syntax/citation-node.js';

/**
 * mdast `citation` → hast, following Pandoc's HTML: `<span class="citation" data-cites="a b">`
 * around the rendered text. A citation made only of cross-references renders as its links.
 */
export function citationToHast(state: State, node: Citation): ElementContent | ElementContent[] {
  const rendered = node.data?.rendered ?? [{ type: 'text', value: node.value }];
  if (node.data?.crossref) return rendered;
  const element = h('span', { className: ['citation'], dataCites: node.items.map((item) => item.key).join(' ') }, rendered);
  state.patch(node, element);
  return element;
}
