/**
 * Pandoc's `subscript` and `superscript` (`scripts/markdown/micromark-sub-superscript.ts`), with
 * GFM's `~~strikeout~~` kept, against Pandoc 2.17's HTML of each case.
 *
 * Corpus: `test/fixtures/sub-superscript/cases.md`, documents separated by `%%% name` lines.
 * Golden: `test/fixtures/sub-superscript/pandoc.json`, `pandoc -f markdown -t html` of each case.
 * Regenerate it after changing the cases (needs `pandoc` on PATH):
 *
 *     UPDATE=1 npx vitest run test/markdown/sub-superscript.test.ts
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { toHtml } from 'hast-util-to-html';
import { toHast } from 'mdast-util-to-hast';
import { describe, expect, it } from 'vitest';
import { pandocVersion, readOracleCases } from '../helpers/pandoc-oracle.js';
import { parse } from '../helpers/parse.js';

const fixtures = new URL('../fixtures/sub-superscript/', import.meta.url);
const goldenUrl = new URL('pandoc.json', fixtures);
const cases = readOracleCases(new URL('cases.md', fixtures));

/** HTML as both write it, compared without line breaks, Pandoc's math markup and its `<del>`/`<s>` names. */
function normalize(html: string): string {
  return html
    .replace(/\s+/g, ' ')
    .replace(/<span class="math inline">(.*?)<\/span>/g, 'MATH')
    .replace(/<(\/?)s>/g, '<$1del>')
    .trim();
}

function ours(markdown: string): string {
  const { tree } = parse(markdown);
  const html = toHtml(toHast(tree, { handlers: { inlineMath: () => ({ type: 'text', value: 'MATH' }) } as never })!);
  return normalize(html);
}

if (process.env.UPDATE) {
  if (!pandocVersion()) throw new Error('UPDATE=1 needs pandoc on PATH');
  const golden = { pandoc: pandocVersion(), cases: Object.fromEntries(cases.map(({ name, source }) => [name, normalize(execFileSync('pandoc', ['-f', 'markdown', '-t', 'html'], { input: source, encoding: 'utf8' }))])) };
  writeFileSync(goldenUrl, `${JSON.stringify(golden, null, 1)}\n`);
}

const golden = JSON.parse(readFileSync(goldenUrl, 'utf8')) as { pandoc: string; cases: Record<string, string> };

describe(`sub- and superscripts as ${golden.pandoc} writes them`, () => {
  for (const { name, source } of cases) {
    it(name, () => {
      expect(ours(source)).toBe(golden.cases[name]);
    });
  }
});
