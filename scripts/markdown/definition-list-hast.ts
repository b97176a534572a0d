import type { Element, ElementContent } from 'hast';
import type { State } from 'mdast-util-to-hast';
import type { DefList, DefListDescription, DefListTerm } from './definition-list-node.js';

/** A definition list as Pandoc's HTML writer gives it: `<dl>`, then `<dt>` and `<dd>` in order. */
export function defListToHast(state: State, node: DefList): Element {
  return finish(state, node, { type: 'element', tagName: 'dl', properties: {}, children: state.wrap(state.all(node), true) });
}

export function defListTermToHast(state: State, node: DefListTerm): Element {
  return finish(state, node, { type: 'element', tagName: 'dt', properties: {}, children: state.all(node) });
}

/** A tight definition's last paragraph is Pandoc's Plain: its text stands in the `<dd>` alone. */
export function defListDescriptionToHast(state: State, node: DefListDescription): Element {
  const results = state.all(node);
  const last = results.at(-1);
  const plain = !node.spread && node.children.at(-1)?.type === 'paragraph' && last?.type === 'element' && last.tagName === 'p' ? last : undefined;
  const children: ElementContent[] = [];
  for (const block of plain ? results.slice(0, -1) : results) children.push(newline(), block);
  if (plain) children.push(newline(), ...plain.children);
  if (children.length > 0) children.push(newline());
  return finish(state, node, { type: 'element', tagName: 'dd', properties: {}, children });
}

const newline = (): ElementContent => ({ type: 'text', value: '\n' });

function finish(state: State, node: DefList | DefListTerm | DefListDescription, element: Element): Element {
  state.patch(node, element);
  return state.applyData(node, element);
}
