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
  node.value = this.sliceSerialize(token).trimEnd();
  this.exit(token);
}
