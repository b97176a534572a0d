import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { corpusCopy, corpusPresent, removeCorpusCopies, sayIfSkipped } from '../helpers/corpus.js';
import { fromRoot } from '../helpers/paths.js';
import { imageCounts, pageTexts } from '../helpers/pdf-reader.js';
import { runMain } from '../helpers/run-cli.js';
import { captions, readerText, syntaxShownAsText } from './reader-view.js';

/**
 * A published JOSS paper (../shared/corpus/gmr-joss), written for LaTeX: its figures take their ids
 * from `\label{…}` in the caption and are referred to by `\autoref{…}`. It builds as it is.
 */
sayIfSkipped('gmr-joss corpus test');
afterAll(removeCorpusCopies);

describe.skipIf(!corpusPresent)('gmr-joss', async () => {
  // A skipped describe still runs its body to collect its tests: nothing here may touch the corpus then.
  if (!corpusPresent) return;
  const folder = corpusCopy('gmr-joss');
  const run = await runMain(['build', folder, '--quiet'], fromRoot('.'), { SOURCE_DATE_EPOCH: '1296000000' });
  const html = () => readFileSync(join(folder, 'build/paper.html'), 'utf8');

  it('shows none of Pandoc\'s or Quarto\'s syntax as text', () => {
    expect(syntaxShownAsText(html())).toEqual([]);
  });

  it('builds as written, with its PDF', () => {
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('numbers its two figures, and its \\autoref references name them', () => {
    expect(captions(html())).toEqual(['Figure 1: Multimodal regression.', 'Figure 2: Imitation learning.']);
    const text = readerText(html());
    expect(text).toContain('On the left side of Figure 1 we see the');
    expect(text).toContain('In Figure 2 we can see that in the middle of');
    expect(html()).toContain('<a href="#fig:multimodal_regression" class="crossref">Figure 1</a>');
  });

  it('prints both PNG figures with their captions', async () => {
    const pdf = readFileSync(join(folder, 'build/paper.pdf'));
    expect((await imageCounts(pdf)).reduce((sum, count) => sum + count, 0)).toBe(2);
    const text = (await pageTexts(pdf)).join('\n');
    expect(text).toContain('Figure 1: Multimodal regression.');
    expect(text).toContain('Figure 2: Imitation learning.');
  });
});
