import type { Element } from 'hast';
import type { Code } from 'mdast';
import type { State } from 'mdast-util-to-hast';
import type {} from '../markdown/listings-transform.js';

/**
 * A code block as Pandoc's HTML writer gives it when it does not highlight: the fence's id,
 * classes (the language first) and key-values (as `data-*`) on the `<pre>`. The `<code>` keeps
 * `language-x` as well, the HTML standard's convention, which highlighters read. The code is not
 * highlighted.
 */
export function codeToHast(state: State, node: Code): Element {
  const written = node.data?.attributes;
  const properties: Record<string, string | string[]> = {};
  if (written?.id) properties.id = written.id;
  if (written && written.classes.length > 0) properties.className = written.classes;
  for (const [key, value] of Object.entries(written?.attributes ?? {})) properties[`data-${key}`] = value;
  const language = node.lang?.split(/\s+/)[0];
  const code: Element = { type: 'element', tagName: 'code', properties: language ? { className: [`language-${language}`] } : {}, children: [{ type: 'text', value: node.value ? `${node.value}\n` : '' }] };
  state.patch(node, code);
  const pre: Element = { type: 'element', tagName: 'pre', properties, children: [code] };
  state.patch(node, pre);
  return pre;
}
