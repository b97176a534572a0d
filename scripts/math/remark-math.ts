/**
 * remark plugin: Pandoc's `$x$` and `$$x$$` (`micromark-math.ts`) become `inlineMath` and
 * `displayMath` nodes. Use it after remarkCitations, so that its constructs come first at a `$`
 * (`$@a$` is math, not a citation).
 */
import type {} from 'remark-parse';
import type { Processor } from 'unified';
import { mathFromMarkdown } from './mdast-math.js';
import { mathSyntax } from './micromark-math.js';

export default function remarkMath(this: Processor): undefined {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(mathSyntax());
  (data.fromMarkdownExtensions ??= []).push(mathFromMarkdown());
}
