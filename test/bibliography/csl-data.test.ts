import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fromRoot } from '../helpers/paths.js';
import { parseHtml, selectAll, textOf } from '../helpers/html-text.js';
import { runMain, withoutTimes } from '../helpers/run-cli.js';

/**
 * CSL-JSON and CSL-YAML bibliographies (what Zotero exports), as Pandoc accepts them: the fixture
 * paper cites from one of each. The expected references are what `pandoc --citeproc` prints for
 * the same paper with the same CSL (citation-js's APA).
 */
const scratch = mkdtempSync(join(tmpdir(), 'paper-csl-data-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('CSL-JSON and CSL-YAML bibliographies', () => {
  it('are cited and listed as Pandoc lists them', async () => {
    const folder = join(scratch, 'both');
    cpSync(fromRoot('test/fixtures/bibliography-csl'), folder, { recursive: true });
    const run = await runMain(['build', 'paper.md', '--out', 'out', '--no-pdf', '--style', 'apa'], folder);
    expect(run.status).toBe(0);
    const html = parseHtml(readFileSync(join(folder, 'out/paper.html'), 'utf8'));
    expect(selectAll('#refs > .csl-entry', html).map((entry) => textOf(entry))).toEqual([
      'Doe, J. (2000). A Book in JSON. Press.',
      'Poe, E. A. (1845). The Raven. Wiley and Putnam.',
      'Roe, R. (2010). An article. Journal, 3, 1–10.',
      'Smith, A. (2004). A chapter. In A Book.',
    ]);
    expect(selectAll('a[role=doc-biblioref]', html).map((link) => link.properties.href)).toEqual(['#ref-doe2000', '#ref-doe2000', '#ref-poe1845', '#ref-roe2010', '#ref-smith2004', '#ref-smith2004']);
  });

  it('reports an item without an id, or a file that is not a list of items, at its place; the other items still load', async () => {
    const folder = join(scratch, 'broken');
    cpSync(fromRoot('test/fixtures/bibliography-csl'), folder, { recursive: true });
    writeFileSync(join(folder, 'refs.json'), '[\n  {"id": "doe2000", "type": "book", "title": "A"},\n  {"type": "book", "title": "No id"}\n]\n');
    writeFileSync(join(folder, 'refs.yaml'), 'title: not a bibliography\n');
    writeFileSync(join(folder, 'paper.md'), '---\ntitle: T\nbibliography: [refs.json, refs.yaml]\n---\n\nSee @doe2000.\n');
    const run = await runMain(['check', 'paper.md'], folder);
    expect(withoutTimes(run.stdout + run.stderr)).toContain(
      [
        'refs.json:3:3-3:37  error  Item 2 has no `id`; it cannot be cited  bib-syntax',
        'refs.yaml:1:1-2:1  error  Expected a list of CSL items, or a mapping whose `references` is that list  bib-syntax',
      ].join('\n'),
    );
    expect(run.stdout + run.stderr).not.toContain('citation-unknown-key');
  });

  it('never crashes on items that are not quite CSL: names as text, dates as anything, lists and objects where text belongs', async () => {
    const folder = join(scratch, 'odd');
    cpSync(fromRoot('test/fixtures/bibliography-csl'), folder, { recursive: true });
    writeFileSync(
      join(folder, 'refs.json'),
      JSON.stringify([
        { id: 'w1', type: 'no-such-type', author: 'Doe, Jane', title: 5, issued: 'garbage' },
        { id: 'w2', type: 'book', author: [{ literal: 'WHO' }, 'x', null], editor: { family: 'E' }, title: ['A', 'B'], issued: { 'date-parts': 'x' } },
        { id: 'w3', type: 'book', author: [{ family: 3 }], issued: { 'date-parts': [['a']] }, URL: { x: 1 }, language: ['en'] },
      ]),
    );
    writeFileSync(join(folder, 'paper.md'), "---\ntitle: T\nbibliography: refs.json\nnocite: ['*']\n---\n\nText.\n");
    const run = await runMain(['build', 'paper.md', '--out', 'out', '--no-pdf', '--style', 'apa'], folder);
    expect(run.status).toBe(0);
    const html = parseHtml(readFileSync(join(folder, 'out/paper.html'), 'utf8'));
    expect(selectAll('#refs > .csl-entry', html).map((entry) => textOf(entry))).toEqual(['3. (n.d.).', 'Doe, Jane. (garbage). 5.', 'WHO & x. (n.d.). A; B (E, Ed.).']);
  });
});
