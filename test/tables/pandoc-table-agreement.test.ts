/**
 * Our reading of tables against Pandoc 2.17's, case by case: pipe tables with captions before and
 * after, and Pandoc's simple, multiline and grid tables (alignments, widths, headers, cells).
 *
 * Corpus: `test/fixtures/pandoc-tables/cases.md`, documents separated by `%%% name` lines.
 * Golden: `test/fixtures/pandoc-tables/pandoc.json`, what `pandoc -f markdown-smart -t json` reads
 * in each case, summarized by `pandoc-tables.ts`. Regenerate it after changing the corpus (needs
 * `pandoc` on PATH):
 *
 *     UPDATE=1 npx vitest run test/tables/pandoc-table-agreement.test.ts
 *
 * Our reading is compared with the golden file, so the test needs no Pandoc. Compared without the
 * caption's trailing `{#tbl:x}`, which pandoc-crossref reads and Pandoc leaves as text.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixtures, ourTables, pandocTables, pandocVersion, readCases, type TableSummary } from './pandoc-tables.js';

interface Golden {
  pandoc: string;
  cases: Record<string, TableSummary[]>;
}

const goldenFile = new URL('pandoc.json', fixtures);
const cases = readCases();

if (process.env.UPDATE) {
  const version = pandocVersion();
  if (!version) throw new Error('UPDATE=1 needs pandoc on PATH');
  const golden: Golden = { pandoc: version, cases: Object.fromEntries([...cases].map(([name, markdown]) => [name, pandocTables(markdown)])) };
  writeFileSync(goldenFile, `${JSON.stringify(golden, null, 1)}\n`);
}

const golden = existsSync(goldenFile) ? (JSON.parse(readFileSync(goldenFile, 'utf8')) as Golden) : { pandoc: '', cases: {} };

describe(`tables as ${golden.pandoc} reads them`, () => {
  it('has a golden reading for every case', () => {
    expect(Object.keys(golden.cases)).toEqual([...cases.keys()]);
  });

  for (const [name, markdown] of cases) {
    it(name, () => {
      expect(ourTables(markdown)).toEqual(golden.cases[name]);
    });
  }
});
