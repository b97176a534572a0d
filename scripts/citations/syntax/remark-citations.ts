/**
 * remark plugin: Pandoc citations (`[see @a, p. 3; @b]`, `@a [p. 3]`, `[-@a]`) become `citation`
 * nodes with exact positions. Add it next to remark-parse (and remark-gfm, remark-directive, …).
 */
import type {} from 'remark-parse';
import type { Processor } from 'unified';
import { citationFromMarkdown } from './mdast-citation.js';
import { citationSyntax } from './micromark-citation.js';

export default function remarkCitations(this: Processor): undefined {
  const data = this.data();
  const micromarkExtensions = data.micromarkExtensions || (data.micromarkExtensions = []);
  const fromMarkdownExtensions = data.fromMarkdownExtensions || (data.fromMarkdownExtensions = []);
  micromarkExtensions.push(citationSyntax());
  fromMarkdownExtensions.push(citationFromMarkdown());
}
