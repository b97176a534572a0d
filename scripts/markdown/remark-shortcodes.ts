/**
 * remark plugin: Quarto's shortcodes (`micromark-shortcode.ts`) become `shortcode` nodes, which
 * `shortcodesTransform` takes out of the paper.
 */
import type { CompileContext, Extension, Token } from 'mdast-util-from-markdown';
import type {} from 'remark-parse';
import type { Processor } from 'unified';
import { shortcodeSyntax } from './micromark-shortcode.js';
import type { Shortcode } from './shortcode-node.js';

export default function remarkShortcodes(this: Processor): undefined {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(shortcodeSyntax());
  (data.fromMarkdownExtensions ??= []).push(shortcodeFromMarkdown());
}

function shortcodeFromMarkdown(): Extension {
  return { enter: { shortcode: enterShortcode }, exit: { shortcode: exitShortcode } };
}

function enterShortcode(this: CompileContext, token: Token): undefined {
  const value = this.sliceSerialize(token);
  const node: Shortcode = { type: 'shortcode', command: /^\{\{<\s*([^\s>]+)/.exec(value)?.[1] ?? '', value };
  this.enter(node as never, token);
}

function exitShortcode(this: CompileContext, token: Token): undefined {
  this.exit(token);
}
