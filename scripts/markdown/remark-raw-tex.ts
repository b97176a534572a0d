/**
 * remark plugin: Pandoc's raw TeX (`raw-tex-syntax.ts`) becomes `rawTex` and `rawTexBlock` nodes,
 * which the resolve stage reads (`raw-tex-transform.ts`).
 */
import type {} from 'remark-parse';
import type { Processor } from 'unified';
import { rawTexFromMarkdown } from './mdast-raw-tex.js';
import { rawTexSyntax } from './raw-tex-syntax.js';

export default function remarkRawTex(this: Processor): undefined {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(rawTexSyntax());
  (data.fromMarkdownExtensions ??= []).push(rawTexFromMarkdown());
}
