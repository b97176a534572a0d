/**
 * Pandoc's definition lists (`scripts/markdown/micromark-definition-list.ts`), against Pandoc
 * 2.17's `markdown` reader and as a reader sees them in the built HTML.
 *
 * Corpus: `test/fixtures/definition-lists/cases.md`, documents separated by `%%% name` lines.
 * Golden: `test/fixtures/definition-lists/pandoc.json`, the blocks `pandoc -f markdown -t json`
 * reads in each case, summarized (a definition list as its terms and their definitions' blocks, a
 * tight definition's last paragraph as `plain`). Regenerate it after changing the cases (needs
 * `pandoc` on PATH):
 *
 *     UPDATE=1 npx vitest run test/markdown/definition-lists.test.ts
 *
 * Our parse is compared with the golden file, so the test needs no Pandoc.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ourBlock, pandocBlocks, type Block } from '../helpers/pandoc-blocks.js';
import { pandocVersion, readOracleCases } from '../helpers/pandoc-oracle.js';
import { parse } from '../helpers/parse.js';

const fixtures = new URL('../fixtures/definition-lists/', import.meta.url);
const goldenUrl = new URL('pandoc.json', fixtures);
const cases = readOracleCases(new URL('cases.md', fixtures));

if (process.env.UPDATE) {
  const version = pandocVersion();
  if (!version) throw new Error('UPDATE=1 needs pandoc on PATH');
  const golden = { pandoc: version, reader: 'markdown', cases: Object.fromEntries(cases.map(({ name, source }) => [name, pandocBlocks(source)])) };
  writeFileSync(goldenUrl, `${JSON.stringify(golden, null, 1)}\n`);
}

const golden = JSON.parse(readFileSync(goldenUrl, 'utf8')) as { pandoc: string; cases: Record<string, Block[]> };

describe(`definition lists as ${golden.pandoc} reads them`, () => {
  it('has a golden reading for every case', () => {
    expect(Object.keys(golden.cases)).toEqual(cases.map(({ name }) => name));
  });

  for (const { name, source } of cases) {
    it(name, () => {
      expect(parse(source).tree.children.map(ourBlock)).toEqual(golden.cases[name]);
    });
  }
});
