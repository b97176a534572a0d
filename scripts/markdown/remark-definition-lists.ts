/**
 * remark plugin: Pandoc's definition lists (`micromark-definition-list.ts`) become `defList`
 * nodes, with their terms and definitions.
 */
import type {} from 'remark-parse';
import type { Processor } from 'unified';
import { definitionListFromMarkdown } from './definition-list-from-markdown.js';
import { definitionListSyntax } from './micromark-definition-list.js';

export default function remarkDefinitionLists(this: Processor): undefined {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(definitionListSyntax());
  (data.fromMarkdownExtensions ??= []).push(definitionListFromMarkdown());
}

/**
 * Whether the text has a line that may be a definition's marker (`:` or `~` and a blank, indented
 * at most two spaces, after any quote or list markers): a paper without one is read without the
 * syntax. It errs on the side of matching.
 */
export function mayHaveDefinitionList(text: string): boolean {
  return definitionMarker.test(text);
}

const definitionMarker = /^(?:[ \t]*(?:>|[*+-]|\d{1,9}[.)]))*[ \t]*[:~][ \t]/m;
