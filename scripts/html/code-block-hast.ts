import type { Element } from 'hast';
import type { Code } from 'mdast';
import type { State } from 'mdast-util-to-hast';
import type {} from '../markdown/listings-transform.js';
import { codeLanguage, type CodeHighlighter } from './code-highlighter.js';

/**
 * A code block as Pandoc's HTML writer gives it when it does not highlight: the fence's id,
 * classes (the language first) and key-values (as `data-*`) on the `<pre>`. The `<code>` keeps
 * `language-x` as well, the HTML standard's convention. With a highlighter that knows the
 * language, the code is highlighted as Pandoc's writer does it: `sourceCode` on both, and tokens
 * in spans of skylighting's classes (`code-highlighter.ts`).
 */
export function codeToHast(state: State, node: Code): Element {
  return codeBlockHast(state, node, undefined);
}

/** The code block handler of a paper whose code is highlighted. */
export function highlightedCodeToHast(highlighter: CodeHighlighter | undefined): (state: State, node: Code) => Element {
  return (state, node) => codeBlockHast(state, node, highlighter);
}

function codeBlockHast(state: State, node: Code, highlighter: CodeHighlighter | undefined): Element {
  const written = node.data?.attributes;
  const properties: Record<string, string | string[]> = {};
  if (written?.id) properties.id = written.id;
  if (written && written.classes.length > 0) properties.className = written.classes;
  for (const [key, value] of Object.entries(written?.attributes ?? {})) properties[`data-${key}`] = value;
  const language = codeLanguage(node);
  const text = node.value ? `${node.value}\n` : '';
  const tokens = language ? highlighter?.highlight(language, text) : undefined;
  const code: Element = { type: 'element', tagName: 'code', properties: language ? { className: [`language-${language}`] } : {}, children: tokens ?? [{ type: 'text', value: text }] };
  if (tokens) {
    properties.className = [...((properties.className as string[] | undefined) ?? []), 'sourceCode'];
    code.properties.className = ['sourceCode', ...(code.properties.className as string[])];
  }
  state.patch(node, code);
  const pre: Element = { type: 'element', tagName: 'pre', properties, children: [code] };
  state.patch(node, pre);
  return pre;
}
