/**
 * Where a paragraph ends, against Pandoc 2.17's `markdown` reader: a list, block quote, ATX
 * heading, thematic break or `~~~` fence needs a blank line before it; a backtick fence and a
 * sublist under an item's text do not (`scripts/markdown/pandoc-paragraphs.ts`).
 *
 * Corpus: `test/fixtures/paragraphs/cases.md`, documents separated by `%%% name` lines.
 * Golden: `test/fixtures/paragraphs/pandoc.json`, the blocks `pandoc -f markdown -t json` reads in
 * each case, summarized (a paragraph as its text). Regenerate it after changing the cases (needs
 * `pandoc` on PATH):
 *
 *     UPDATE=1 npx vitest run test/markdown/pandoc-paragraphs.test.ts
 *
 * Our parse is compared with the golden file, so the test needs no Pandoc; with Pandoc 2.17 on
 * PATH, each case is also run again to show the golden file is still what Pandoc says.
 *
 * Known differences (no case here):
 * - a comment over several lines under a paragraph line ends the paragraph (CommonMark's HTML
 *   block, dropped without a trace); Pandoc keeps it inside the paragraph, even over a blank line.
 * - a row of a simple or multiline table inside a list item that starts with a list marker
 *   (`  - 3   4`) starts a sublist for us; Pandoc reads the item's lines first and keeps the row.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ourBlock, pandocBlocks, type Block } from '../helpers/pandoc-blocks.js';
import { pandocVersion, readOracleCases } from '../helpers/pandoc-oracle.js';
import { parse } from '../helpers/parse.js';

const fixtures = new URL('../fixtures/paragraphs/', import.meta.url);
const goldenUrl = new URL('pandoc.json', fixtures);
const cases = readOracleCases(new URL('cases.md', fixtures));

const version = pandocVersion();
if (process.env.UPDATE) {
  if (!version) throw new Error('UPDATE=1 needs pandoc on PATH');
  const golden = { pandoc: version, reader: 'markdown', cases: Object.fromEntries(cases.map(({ name, source }) => [name, pandocBlocks(source)])) };
  writeFileSync(goldenUrl, `${JSON.stringify(golden, null, 2)}\n`);
}
const golden = JSON.parse(readFileSync(goldenUrl, 'utf8')) as { pandoc: string; cases: Record<string, Block[]> };

describe('paragraphs end where Pandoc ends them', () => {
  for (const { name, source } of cases) {
    it(name, () => {
      expect(parse(source).tree.children.map(ourBlock)).toEqual(golden.cases[name]);
    });
  }
});

const samePandoc = version === golden.pandoc;
if (!samePandoc) console.log(`paragraph agreement: golden file not re-checked against Pandoc (${version ?? 'no pandoc on PATH'}, golden from ${golden.pandoc})`);
describe.skipIf(!samePandoc)(`the golden file is what ${golden.pandoc} reads`, () => {
  it('every case', () => {
    for (const { name, source } of cases) expect([name, pandocBlocks(source)]).toEqual([name, golden.cases[name]]);
  });
});
