/**
 * The mdast-util-from-markdown extension that turns the definitions of
 * `micromark-definition-list.ts` into `defListDescription` nodes, the paragraph before each
 * term's first definition into its `defListTerm`, and neighbouring items into one `defList`, as
 * Pandoc groups them. The list is put on the stack only while one of its definitions is read, so
 * the term and definitions that follow it in the same parent find it as their last sibling.
 */
import type { Nodes, Paragraph, Parent, Root, RootContent } from 'mdast';
import type { CompileContext, Extension, Token } from 'mdast-util-from-markdown';
import type { Point } from 'unist';
import type { DefList, DefListDescription, DefListTerm } from './definition-list-node.js';

/** Each definition's marker as written, with the spaces after it. */
const markers = new WeakMap<DefListDescription, string>();

export function definitionListFromMarkdown(): Extension {
  return {
    enter: { defListDescription: enterDescription },
    exit: { defListDescription: exitDescription, defListDescriptionPrefix: exitPrefix },
    transforms: [captionsBeforeTables],
  };
}

function exitPrefix(this: CompileContext, token: Token): undefined {
  markers.set(this.stack.at(-1) as DefListDescription, this.sliceSerialize(token));
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
    if (!list) siblings.push((list = { type: 'defList', children: [], position: { start: { ...term.position!.start }, end: { ...term.position!.end } } }));
    list.children.push(term);
  } else if (last?.type === 'defList') {
    list = last;
  } else {
    // The term was read as something else (`[a]: b`, a link definition, is one in Pandoc).
    siblings.push((list = { type: 'defList', children: [], position: { start: point(token.start), end: point(token.end) } }));
  }
  this.stack.push(list);
  const description: DefListDescription = { type: 'defListDescription', spread: Boolean(token._spread), children: [] };
  this.enter(description, token);
}

function point(place: Token['start']): Point {
  return { line: place.line, column: place.column, offset: place.offset };
}

function exitDescription(this: CompileContext, token: Token): undefined {
  const description = this.stack.at(-1) as DefListDescription;
  this.exit(token);
  const list = this.stack.pop() as DefList;
  // The definition ends with its last block, not with the blank lines after it (points are
  // copied: the incremental parser moves each node's points in place).
  const end = description.children.at(-1)?.position?.end;
  if (end && description.position) description.position.end = { ...end };
  if (list.position && description.position) list.position.end = { ...description.position.end };
}

/**
 * Pandoc's table caption before its table: a term, a blank line, `: Caption`, then a table is a
 * paragraph and a captioned table, not a definition list (Pandoc tries the table at the marker
 * before reading a definition there). The caption goes back to a paragraph that starts at its
 * marker, which the resolve stage's `tableCaptionsTransform` takes as the table's caption.
 */
function captionsBeforeTables(tree: Root): undefined {
  walk(tree);
}

function walk(node: Nodes): void {
  if (!('children' in node)) return;
  const children = node.children as RootContent[];
  for (let index = 0; index < children.length; index++) {
    const child = children[index]!;
    if (child.type === 'defList' && children[index + 1]?.type === 'table') {
      const unravelled = captionParagraphs(child);
      if (unravelled) children.splice(index, 1, ...unravelled);
    }
    walk(child);
  }
}

function captionParagraphs(list: DefList): [Paragraph, Paragraph] | undefined {
  const [term, description, ...rest] = list.children;
  if (term?.type !== 'defListTerm' || description?.type !== 'defListDescription' || rest.length > 0) return undefined;
  const marker = markers.get(description);
  const [caption, ...more] = description.children;
  const blankBefore = term.position && description.position && description.position.start.line > term.position.end.line + 1;
  if (!marker?.startsWith(':') || !blankBefore || caption?.type !== 'paragraph' || more.length > 0) return undefined;
  const first = caption.children[0];
  const start = description.position!.start;
  if (first?.type === 'text') {
    first.value = marker + first.value;
    if (first.position) first.position.start = { ...start };
  } else {
    caption.children.unshift({ type: 'text', value: marker.trimEnd() + ' ' });
  }
  if (caption.position) caption.position.start = { ...start };
  return [{ type: 'paragraph', children: term.children, position: term.position }, caption];
}
