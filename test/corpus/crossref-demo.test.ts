import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { corpusCopy, corpusPresent, removeCorpusCopies, sayIfSkipped } from '../helpers/corpus.js';
import { pageDifference } from '../helpers/page-snapshot.js';
import { fromRoot } from '../helpers/paths.js';
import { imageCounts, pageTexts, renderGray } from '../helpers/pdf-reader.js';
import { runMain } from '../helpers/run-cli.js';
import { captions, equationNumbers, readerText, syntaxShownAsText } from './reader-view.js';

/**
 * pandoc-crossref's own demo (../shared/corpus/crossref-demo), as its author wrote it: its one real
 * error stays an error; with it corrected, the paper builds, and a reader sees what
 * pandoc-crossref's demo output shows (docs/demo/output.md of pandoc-crossref).
 */
sayIfSkipped('crossref-demo corpus test');
afterAll(removeCorpusCopies);

describe.skipIf(!corpusPresent)('crossref-demo', async () => {
  // A skipped describe still runs its body to collect its tests: nothing here may touch the corpus then.
  if (!corpusPresent) return;
  // Its refs.bib holds no entry (a comment only): the message says so.
  it('as written: the citation of a key no bibliography has is the only error', async () => {
    const run = await runMain(['check', corpusCopy('crossref-demo'), '--quiet'], fromRoot('.'));
    expect(run.stderr.split('\n').filter((line) => line.includes(' error '))).toEqual([
      expect.stringMatching(/paper\.md:31:310-31:330 {2}error {2}Cannot find citation key `unprocessedCitation`; `refs\.bib` has no entries {2}citation-unknown-key$/),
    ]);
  });

  const folder = corpusCopy('crossref-demo', [{ file: 'paper.md', from: '; @unprocessedCitation]', to: ']' }]);
  const run = await runMain(['build', folder, '--quiet'], fromRoot('.'), { SOURCE_DATE_EPOCH: '1296000000' });
  const html = () => readFileSync(join(folder, 'build/paper.html'), 'utf8');
  const pdf = () => readFileSync(join(folder, 'build/paper.pdf'));

  it('shows none of Pandoc\'s or Quarto\'s syntax as text', () => {
    expect(syntaxShownAsText(html())).toEqual([]);
  });

  it('with it corrected, builds with its PDF', () => {
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it("numbers figures, subfigures, the table and the listings under the demo's own figure title", () => {
    expect(captions(html())).toEqual([
      'Figure # 1: A figure',
      'Figure # 2: First figure',
      'Figure # 3: Second figure',
      'Figure # 4: Third figure',
      'Unlabelled image',
      '(a) Subfigure a',
      '(b) Subfigure b',
      'Figure # 5: Subfigures caption',
      '(a) Subfigure a',
      '(b) Subfigure b',
      '(c) Subfigure c',
      'Figure # 6: Subfigures side by side',
      'Table 1: Table example',
      'Listing 1: Listing caption',
      'Listing 2: Listing caption',
      'Listing 3: Listing caption',
    ]);
  });

  it('numbers the labelled equations at the margin, the one in mid-paragraph too', () => {
    expect(equationNumbers(html())).toEqual([
      ['eq:eqn1', '(1)'],
      ['eq:quadr', '(2)'],
      ['eq:eqn2', '(3)'],
    ]);
  });

  it("writes the references as pandoc-crossref's demo does: grouped, ranged, capitalized", () => {
    const text = readerText(html());
    for (const sentence of [
      'cross-reference figures (see figs. 2-4), display equations (see eq. 1), tables (see tbl. 1) and sections (secs. 1, 2, 4.1-4.3)',
      'For immediate example, see fig. 1',
      'for example, lsts. 1-3',
      'like this: Fig. 2.',
      'Figs. 2, 3 is capitalized, while figs. 2, 3 is not.',
      'like fig. 2, tbl. 1, lsts. 1, 2, figs. 3, 4, which will be grouped',
      'like sec. AppA.CustLab',
      'see figs. 5, 5b',
    ]) {
      expect(text).toContain(sentence);
    }
  });

  it('prints the captions and the equation numbers in the PDF', async () => {
    const text = (await pageTexts(pdf())).join('\n');
    for (const seen of ['Figure # 1: A figure', 'Figure # 6: Subfigures side by side', 'Table 1: Table example', 'Listing 3: Listing caption', '(1)', '(3)']) expect(text).toContain(seen);
  });

  it('paints each image once: a figure that moves to the next page takes all of its image along', async () => {
    // Chromium once printed the first row of a figure's image at the foot of the page before the
    // one the figure moved to (poppler shows it as a line): a second painting of that image.
    const images = [...html().matchAll(/<img /g)].length;
    expect(images).toBe(10);
    expect((await imageCounts(pdf())).reduce((sum, count) => sum + count, 0)).toBe(images);
  });

  it('leaves no rule of a table at the foot of the page the table moved away from (page 4)', async () => {
    // Chromium 148 painted the header rule of "Table without caption", which moves to page 5, at
    // the foot of page 4. Page 4 shows one whole table, "Table 1": its rules above the header and
    // under the rows are the page's only lines of ink standing alone (the one under the header
    // touches the header's letters at this resolution).
    const page = await renderGray(pdf(), 4, 60);
    const ink = (row: number) => (row < 0 || row >= page.height ? 0 : page.pixels.subarray(row * page.width, (row + 1) * page.width).filter((pixel) => pixel < 150).length);
    const rules: number[] = [];
    for (let row = 0; row < page.height; row++) {
      const alone = ink(row - 2) < page.width * 0.02 && ink(row + 2) < page.width * 0.02 && ink(row - 1) + ink(row + 1) < ink(row);
      if (ink(row) > page.width * 0.15 && alone) rules.push(row);
    }
    expect(rules).toHaveLength(2);
  });

  it('shows none of its raw TeX (\\pagebreak, \\listoffigures …) as text, and breaks the page at \\pagebreak', async () => {
    expect(readerText(html())).not.toMatch(/\\(pagebreak|listoffigures|listoftables|listoflistings)/);
    expect(html()).toContain('<div class="page-break" style="break-after: page"></div>');
    expect((await pageTexts(pdf())).join('\n')).not.toMatch(/\\(pagebreak|listof)/);
  });

  it('looks as it did when last looked at: page 4 (equations, tables, a listing) against its snapshot', async () => {
    expect(await pageDifference(pdf(), 4, fromRoot('test/fixtures/corpus-snapshots/crossref-demo-p4.gray.gz'))).toBeLessThan(0.01);
  });
});
