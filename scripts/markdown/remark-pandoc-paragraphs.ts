/**
 * remark plugin: a list, block quote, ATX heading, thematic break or `~~~` fence needs a blank
 * line before it, as in Pandoc's `markdown`; a sublist right under an item's text does not
 * (`pandoc-paragraphs.ts`).
 */
import type {} from 'remark-parse';
import type { Processor } from 'unified';
import { pandocParagraphs } from './pandoc-paragraphs.js';

export default function remarkPandocParagraphs(this: Processor): undefined {
  (this.data().micromarkExtensions ??= []).push(pandocParagraphs());
}
