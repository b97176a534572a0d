/**
 * remark plugin: Pandoc's fenced divs (`micromark-fenced-div.ts`) become `fencedDiv` nodes. Use
 * it after remark-directive's syntax: `:::name` stays a directive.
 */
import type {} from 'remark-parse';
import type { Processor } from 'unified';
import { fencedDivFromMarkdown } from './fenced-div-from-markdown.js';
import { fencedDivSyntax } from './micromark-fenced-div.js';

export default function remarkFencedDivs(this: Processor): undefined {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(fencedDivSyntax());
  (data.fromMarkdownExtensions ??= []).push(fencedDivFromMarkdown());
}
