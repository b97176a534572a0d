import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runMain } from '../helpers/run-cli.js';

/**
 * A front matter that is missing a title, or holds a field that does not fit, stops nothing: the
 * check goes on with what it could read, and the manuscript's other problems are all shown.
 */
const scratch = mkdtempSync(join(tmpdir(), 'paper-front-matter-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function check(name: string, manuscript: string, bib = '@book{smith2000, author = {Smith, John}, title = {A Book}, publisher = {P}, location = {L}, date = {2000}}\n') {
  const folder = join(scratch, name);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'paper.md'), manuscript);
  writeFileSync(join(folder, 'refs.bib'), bib);
  const run = await runMain(['check', '.'], folder);
  return { status: run.status, lines: run.stderr.trim().split('\n') };
}

describe('a front matter with problems', () => {
  it('without a title: a warning, and the unknown citation key is shown too', async () => {
    const run = await check('untitled', '---\nauthor: Ann\nbibliography: refs.bib\n---\n\nAs @smith2000 and @smiht2000 say.\n');
    expect(run.lines).toEqual([
      'paper.md:1:1  warning  The front matter has no `title`; the file name `paper` is used  frontmatter-title-missing',
      'paper.md:6:19-6:29  error  Cannot find citation key `smiht2000`; did you mean `smith2000`  citation-unknown-key',
      '',
      '✖ 1 error, ⚠ 1 warning',
    ]);
    expect(run.status).toBe(1);
  });

  it('with `Title:`: the did-you-mean, and the rest of the paper checked', async () => {
    const run = await check('capital', '---\nTitle: On Things\nbibliography: refs.bib\n---\n\nAs @smith2000 says.[^x]\n');
    expect(run.lines).toEqual([
      'paper.md:2:1-2:6  warning  Unknown key `Title`; did you mean `title`  frontmatter-unknown-key',
      'paper.md:6:20-6:24  error  Footnote `[^x]` has no definition; add a line `[^x]: ...`  footnote-undefined',
      '',
      '✖ 1 error, ⚠ 1 warning',
    ]);
  });

  it('with a field that does not fit: that field reported, the others read (the bibliography too)', async () => {
    const run = await check('bad-field', '---\ntitle: T\nnumber-sections: maybe\nbibliography: refs.bib\n---\n\nAs @smith2000 and @nobody1999 say.\n');
    expect(run.lines).toEqual([
      'paper.md:3:18-3:23  error  Expected `true` or `false`; found `maybe`  frontmatter-schema',
      'paper.md:7:19-7:30  error  Cannot find citation key `nobody1999`  citation-unknown-key',
      '',
      '✖ 2 errors',
    ]);
  });

  it('with a bibliography field that does not fit: no citation is called unknown, since the entries were never read', async () => {
    const run = await check('bad-bibliography', '---\ntitle: T\nbibliography: { file: refs.bib }\n---\n\nAs @smith2000 says.\n');
    expect(run.lines).toEqual([
      'paper.md:3:15-3:33  error  Expected text; found a mapping  frontmatter-schema',
      '',
      '✖ 1 error',
    ]);
  });
});
