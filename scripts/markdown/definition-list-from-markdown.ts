/**
 * The mdast-util-from-markdown extension that turns the definitions of
 * `micromark-definition-list.ts` into `defListDescription` nodes, the paragraph before each
 * term's first definition into its `defListTerm`, and neighbouring items into one `defList`, as
 * Pandoc groups them. The list is put on the stack only while one of its definitions is read, so
 * the term and definitions that follow it in the same parent find it as their last sibling.
 */
import type { Parent } from 'mdast';
import type { CompileContext, Extension, Token } from 'mdast-util-from-markdown';
import type { DefList, DefListDescription, DefListTerm } from './definition-list-node.js';

export function definitionListFromMarkdown(): Extension {
  return { enter: { defListDescription: enterDescription }, exit: { defListDescription: exitDescription } };
}

function enterDescription(this: CompileContext, token: Token): undefined {
  const siblings = (this.stack.at(-1) as Parent).children;
  let list: DefList | undefined;
  const last = siblings.at(-1);
  if (last?.type === 'paragraph') {
    siblings.pop();
    const term: DefListTerm = { type: 'defListTerm', children: last.children, position: last.position };
    const before = siblings.at(-1);
    list = before?.type === 'defList' ? before : undefined;
    if (!list) siblings.push((list = { type: 'defList', children: [], position: { start: term.position!.start, end: term.position!.end } }));
    list.children.push(term);
  } else if (last?.type === 'defList') {
    list = last;
  } else {
    // The term was read as something else (`[a]: b`, a link definition, is one in Pandoc).
    siblings.push((list = { type: 'defList', children: [], position: { start: { ...token.start }, end: { ...token.end } } }));
  }
  this.stack.push(list);
  const description: DefListDescription = { type: 'defListDescription', spread: Boolean(token._spread), children: [] };
  this.enter(description, token);
}

function exitDescription(this: CompileContext, token: Token): undefined {
  const description = this.stack.at(-1) as DefListDescription;
  this.exit(token);
  const list = this.stack.pop() as DefList;
  // The definition ends with its last block, not with the blank lines after it.
  const end = description.children.at(-1)?.position?.end;
  if (end && description.position) description.position.end = end;
  if (list.position && description.position) list.position.end = description.position.end;
}
