import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ourBlock, pandocBlocks, type Block } from './pandoc-blocks.js';
import { pandocVersion, readOracleCases } from './pandoc-oracle.js';
import { parse } from './parse.js';

/**
 * Our blocks against Pandoc's on a folder of cases: `cases.md` (documents separated by `%%% name`
 * lines) and `pandoc.json`, the blocks `pandoc -f markdown -t json` reads in each, summarized.
 * `UPDATE=1` regenerates the golden file (needs `pandoc` on PATH). Each case is a test against the
 * golden file, so no Pandoc is needed; with the golden file's Pandoc on PATH, every case is run
 * again through it to show the file is still what Pandoc says (else one line says it was not).
 * `more` adds tests to the same `describe`.
 */
export function describePandocBlockAgreement(what: string, fixtures: URL, more?: () => void): void {
  const goldenUrl = new URL('pandoc.json', fixtures);
  const cases = readOracleCases(new URL('cases.md', fixtures));
  const version = pandocVersion();
  if (process.env.UPDATE) {
    if (!version) throw new Error('UPDATE=1 needs pandoc on PATH');
    const golden = { pandoc: version, reader: 'markdown', cases: Object.fromEntries(cases.map(({ name, source }) => [name, pandocBlocks(source)])) };
    writeFileSync(goldenUrl, `${JSON.stringify(golden, null, 1)}\n`);
  }
  const golden = JSON.parse(readFileSync(goldenUrl, 'utf8')) as { pandoc: string; cases: Record<string, Block[]> };

  describe(`${what} as ${golden.pandoc} reads them`, () => {
    it('has a golden reading for every case', () => {
      expect(Object.keys(golden.cases)).toEqual(cases.map(({ name }) => name));
    });

    for (const { name, source } of cases) {
      it(name, () => {
        expect(parse(source).tree.children.map(ourBlock)).toEqual(golden.cases[name]);
      });
    }

    more?.();
  });

  const samePandoc = version === golden.pandoc;
  if (!samePandoc) console.log(`${what}: golden file not re-checked against Pandoc (${version ?? 'no pandoc on PATH'}, golden from ${golden.pandoc})`);
  describe.skipIf(!samePandoc)(`the golden file of ${what} is what ${golden.pandoc} reads`, () => {
    it('every case', () => {
      for (const { name, source } of cases) expect([name, pandocBlocks(source)]).toEqual([name, golden.cases[name]]);
    });
  });
}
