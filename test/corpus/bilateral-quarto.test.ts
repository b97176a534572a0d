import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { corpusCopy, corpusPresent, removeCorpusCopies, sayIfSkipped } from '../helpers/corpus.js';
import { pageDifference } from '../helpers/page-snapshot.js';
import { fromRoot } from '../helpers/paths.js';
import { pageTexts } from '../helpers/pdf-reader.js';
import { runMain } from '../helpers/run-cli.js';
import { captions, equationNumbers, readerText, syntaxShownAsText } from './reader-view.js';

/**
 * A Quarto manuscript (../shared/corpus/bilateral-quarto: 11 SVG figures, 28 display equations, 17
 * of them numbered). Its errors are the three tables only Quarto's code execution would make
 * (`#| label: tbl-…` in Python cells, which are never run here); with those references written as
 * words, it builds.
 */
sayIfSkipped('bilateral-quarto corpus test');
afterAll(removeCorpusCopies);

const madeByCode = ['tbl-data-overview', 'tbl-midline-params'];

describe.skipIf(!corpusPresent)('bilateral-quarto', async () => {
  // A skipped describe still runs its body to collect its tests: nothing here may touch the corpus then.
  if (!corpusPresent) return;
  it('as written: the references to the tables its code cells would make are the only errors', async () => {
    const run = await runMain(['check', corpusCopy('bilateral-quarto'), '--quiet'], fromRoot('.'));
    const errors = run.stderr.split('\n').filter((line) => line.includes(' error '));
    expect(errors.map((line) => /`([^`]+)`/.exec(line)?.[1])).toEqual(['tbl-data-overview', 'tbl-midline-params', 'tbl-midline-params']);
    expect(errors.every((line) => line.endsWith('crossref-unknown-target'))).toBe(true);
  });

  const folder = corpusCopy('bilateral-quarto', [
    { file: 'paper.md', from: '@tbl-data-overview', to: 'the overview table' },
    { file: 'paper.md', from: '@tbl-midline-params', to: 'the table of parameters' },
  ]);
  const run = await runMain(['build', folder, '--quiet'], fromRoot('.'), { SOURCE_DATE_EPOCH: '1296000000' });
  const html = () => readFileSync(join(folder, 'build/paper.html'), 'utf8');

  it('shows none of Pandoc\'s or Quarto\'s syntax as text', () => {
    expect(syntaxShownAsText(html())).toEqual([]);
  });

  it('with them written as words, builds with its PDF', () => {
    expect(madeByCode.every((id) => !html().includes(`@${id}`))).toBe(true);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('numbers its eleven figures and its table, figures with math in their captions drawn', () => {
    const all = captions(html());
    expect(all.filter((caption) => caption.startsWith('Figure ')).map((caption) => caption.split(':')[0])).toEqual(Array.from({ length: 11 }, (_, index) => `Figure ${index + 1}`));
    expect(all.find((caption) => caption.startsWith('Figure 6:'))).toMatch(/^Figure 6: The joint distribution \[math\] over ipsi- and contralateral states/);
    expect(all.find((caption) => caption.startsWith('Table '))).toMatch(/^Table 1: Specificity and sensitivity values from the literature \(/);
  });

  it('draws all 28 display equations, numbers the 17 labelled ones in order', () => {
    expect([...html().matchAll(/class="math display/g)].length).toBe(28);
    const numbers = equationNumbers(html());
    expect(numbers.map(([, number]) => number)).toEqual(Array.from({ length: 17 }, (_, index) => `(${index + 1})`));
    expect(numbers[0]?.[0]).toMatch(/^eq-/);
  });

  it("reads Quarto's references as Quarto writes them", () => {
    const text = readerText(html());
    for (const sentence of ['In Figure 1, we illustrate the prevalence', 'in Equation 5 depends on the spread parameters shown in Figure 2', 'Using Equation 9 along with Equation 4, we can write']) {
      expect(text).toContain(sentence);
    }
    // Equations in list items, with text going on under them: their `{#eq-…}` is taken off too.
    expect(text).not.toContain('{#');
  });

  it('prints the captions and the equation numbers', async () => {
    const text = (await pageTexts(readFileSync(join(folder, 'build/paper.pdf')))).join('\n');
    for (const seen of ['Figure 11:', 'Table 1: Specificity and sensitivity', '(17)']) expect(text).toContain(seen);
  });

  it('looks as it did when last looked at: page 7 (equations and a figure) against its snapshot', async () => {
    expect(await pageDifference(readFileSync(join(folder, 'build/paper.pdf')), 7, fromRoot('test/fixtures/corpus-snapshots/bilateral-quarto-p7.gray.gz'))).toBeLessThan(0.01);
  });
});
