import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Element } from 'hast';
import { afterAll, describe, expect, it } from 'vitest';
import { parseHtml, selectAll, textOf } from '../helpers/html-text.js';
import { runMain, withoutTimes } from '../helpers/run-cli.js';

/** The text a reader sees: without the citations' hover previews. */
function readerText(node: Element): string {
  const copy = structuredClone(node);
  for (const preview of selectAll('.citation-preview', copy)) preview.children = [];
  return textOf(copy);
}

/**
 * biblatex's `@set` as Pandoc reads it: `entryset` is not read, so a cited set is an item with no
 * author, title or date. `pandoc --citeproc --csl apa.csl` on this paper prints `As (n.d.) says,
 * and (Smith, 2000).` and lists `(n.d.).` first, then Jones and Smith. The engines differ on that
 * empty entry alone: citeproc-js capitalises the term that begins it (`(N.d.).`) and, as the CSL
 * specification says of an empty sort key, lists it last; Pandoc's citeproc lists it first.
 */
describe('a biblatex @set', () => {
  const folder = mkdtempSync(join(tmpdir(), 'paper-bib-set-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('is cited and listed as Pandoc does, with no author, title or date, and a warning names its members', async () => {
    writeFileSync(
      join(folder, 'refs.bib'),
      [
        '@book{smith2000, author = {Smith, John}, title = {A Book}, publisher = {Press}, date = {2000}}',
        '@book{jones2001, author = {Jones, Ann}, title = {Another Book}, publisher = {Press}, date = {2001}}',
        '@set{both, entryset = {smith2000, jones2001}}',
        '',
      ].join('\n'),
    );
    writeFileSync(join(folder, 'paper.md'), '---\ntitle: T\nbibliography: refs.bib\nnocite: "@jones2001"\n---\n\nAs @both says, and [@smith2000].\n');
    const run = await runMain(['build', 'paper.md', '--out', 'out', '--no-pdf', '--style', 'apa'], folder);
    const output = withoutTimes(run.stdout + run.stderr);
    expect(run.status).toBe(0);
    expect(output).toContain(
      'refs.bib:3:6-3:10  warning  Entry `both` is a biblatex `@set`, which Pandoc does not expand: it is listed with no author, title or date; cite its members instead (`smith2000`, `jones2001`)  bib-set-entry',
    );
    const html = parseHtml(readFileSync(join(folder, 'out/paper.html'), 'utf8'));
    expect(readerText(selectAll('p', html)[0]!)).toBe('As (n.d.) says, and (Smith, 2000).');
    expect(selectAll('#refs > .csl-entry', html).map((entry) => textOf(entry))).toEqual(['Jones, A. (2001). Another Book. Press.', 'Smith, J. (2000). A Book. Press.', '(N.d.).']);
  });
});
