/**
 * The mdast-util-from-markdown extension that turns the tokens of `micromark-math.ts` into
 * `inlineMath` and `displayMath` nodes, with the TeX as Pandoc reads it: display math exactly as
 * written between its `$$`, inline math with each run of blanks (line endings too) made one space.
 */
import type { CompileContext, Extension, Token } from 'mdast-util-from-markdown';
import type { DisplayMath, InlineMath } from './math-node.js';

export function mathFromMarkdown(): Extension {
  return {
    enter: { mathInline: enterInline, mathDisplay: enterDisplay },
    exit: { mathInline: exitMath, mathDisplay: exitMath },
  };
}

function enterInline(this: CompileContext, token: Token): undefined {
  const node: InlineMath = { type: 'inlineMath', value: '' };
  this.enter(node, token);
}

function enterDisplay(this: CompileContext, token: Token): undefined {
  const node: DisplayMath = { type: 'displayMath', value: '' };
  this.enter(node, token);
}

function exitMath(this: CompileContext, token: Token): undefined {
  const node = this.stack.at(-1) as InlineMath | DisplayMath;
  const source = this.sliceSerialize(token);
  node.value = node.type === 'displayMath' ? source.slice(2, -2) : inlineTex(source.slice(1, -1));
  this.exit(token);
}

/** Runs of blanks as one space, except a blank that a `\` takes (`\ ` stays). */
function inlineTex(tex: string): string {
  return tex.replace(/(\\[\s\S])|\s+/g, (match, escaped: string | undefined) => escaped ?? ' ');
}
