/**
 * The mdast-util-from-markdown extension that turns the tokens of `raw-tex-syntax.ts` into
 * `rawTex` and `rawTexBlock` nodes holding the TeX as written (without the blanks a command
 * without arguments takes after it).
 */
import type { CompileContext, Extension, Token } from 'mdast-util-from-markdown';
import type { RawTex, RawTexBlock } from './raw-tex-node.js';

export function rawTexFromMarkdown(): Extension {
  return {
    enter: { rawTex: enterInline, rawTexBlock: enterBlock },
    exit: { rawTex: exitTex, rawTexBlock: exitTex },
  };
}

function enterInline(this: CompileContext, token: Token): undefined {
  const node: RawTex = { type: 'rawTex', value: '' };
  this.enter(node, token);
}

function enterBlock(this: CompileContext, token: Token): undefined {
  const node: RawTexBlock = { type: 'rawTexBlock', value: '' };
  this.enter(node, token);
}

function exitTex(this: CompileContext, token: Token): undefined {
  const node = this.stack.at(-1) as RawTex | RawTexBlock;
  const written = this.sliceSerialize(token);
  node.value = written.trimEnd();
  this.exit(token);
  // The place is the command's, without the blanks it took after it (they are on its line).
  const blanks = written.length - node.value.length;
  const end = node.position?.end;
  if (node.position && end && blanks > 0 && end.offset !== undefined) node.position.end = { line: end.line, column: end.column - blanks, offset: end.offset - blanks };
}
