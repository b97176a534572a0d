/**
 * remark plugin: Pandoc's simple, multiline and grid tables become mdast `table` nodes whose cells
 * carry their Markdown as written (parsed in the resolve stage, `pandoc-table-cells.ts`).
 */
import type {} from 'remark-parse';
import type { Processor } from 'unified';
import { pandocTableFromMarkdown } from './mdast-pandoc-table.js';
import { pandocTableSyntax } from './micromark-pandoc-table.js';

export default function remarkPandocTables(this: Processor): undefined {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(pandocTableSyntax());
  (data.fromMarkdownExtensions ??= []).push(pandocTableFromMarkdown());
}
