/**
 * remark plugin: Pandoc's `H~2~O` and `x^2^` (`micromark-sub-superscript.ts`) become
 * `subscript` and `superscript` nodes, shown as `<sub>` and `<sup>`.
 */
import type { CompileContext, Extension, Token } from 'mdast-util-from-markdown';
import type {} from 'mdast-util-to-hast';
import type { Parent, PhrasingContent } from 'mdast';
import type {} from 'remark-parse';
import type { Processor } from 'unified';
import { subSuperscriptSyntax } from './micromark-sub-superscript.js';

export interface Subscript extends Parent {
  type: 'subscript';
  children: PhrasingContent[];
}

export interface Superscript extends Parent {
  type: 'superscript';
  children: PhrasingContent[];
}

declare module 'mdast' {
  interface PhrasingContentMap {
    subscript: Subscript;
    superscript: Superscript;
  }
  interface RootContentMap {
    subscript: Subscript;
    superscript: Superscript;
  }
}

export default function remarkSubSuperscript(this: Processor): undefined {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(subSuperscriptSyntax());
  (data.fromMarkdownExtensions ??= []).push(subSuperscriptFromMarkdown());
}

function subSuperscriptFromMarkdown(): Extension {
  return {
    enter: { subscript: enter('subscript'), superscript: enter('superscript') },
    exit: { subscript: exit, superscript: exit },
  };
}

function enter(type: 'subscript' | 'superscript') {
  return function (this: CompileContext, token: Token): undefined {
    const node: Subscript | Superscript = { type, children: [], data: { hName: type === 'subscript' ? 'sub' : 'sup' } };
    this.enter(node as never, token);
  };
}

/** An escaped blank (`H~a\\ b~`) is a no-break space, as in Pandoc. */
function exit(this: CompileContext, token: Token): undefined {
  const node = this.stack.at(-1) as Subscript | Superscript;
  for (const child of node.children) if (child.type === 'text') child.value = child.value.replaceAll('\\ ', '\u00a0');
  this.exit(token);
}
