import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { check } from '../../scripts/pipeline/check.js';
import { miniPaperCopy } from '../helpers/mini-paper.js';

/**
 * One error, not two: whatever fails to load (a table's data, a graph's data, an image, a
 * bibliography, the front matter) is reported once, where it fails. The messages that would only
 * follow from it ("no such table", "cannot find target", "unknown key", "never called", "unused
 * entry") are not reported. Each case breaks one input of the mini paper, which checks clean, and
 * asserts every message of the check.
 */

const scratch = mkdtempSync(join(tmpdir(), 'paper-dependent-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let copies = 0;
function paper(): string {
  copies += 1;
  return miniPaperCopy(scratch, `paper-${copies}`);
}

function edit(folder: string, path: string, change: (text: string) => string): void {
  const file = join(folder, path);
  const before = readFileSync(file, 'utf8');
  const after = change(before);
  expect(after).not.toBe(before);
  writeFileSync(file, after);
}

async function checked(folder: string, bibliographies: string[] = []): Promise<string[]> {
  const result = await check({ path: folder, cwd: folder, bibliographies });
  return result.files.flatMap((file) =>
    file.messages.map((message) => `${relative(folder, file.path)}:${message.line}:${message.column} ${message.fatal ? 'error' : 'warning'} ${message.reason} ${message.ruleId}`),
  );
}

const table = 'manuscript/tables/period.yaml';
const graph = 'manuscript/graphs/trend.yaml';
const manuscript = 'manuscript/paper.md';
const bibliography = 'bibliography/refs.bib';

/** An entry the paper cites only in a cell of its period table. */
function citeOnlyInTheTable(folder: string): void {
  edit(folder, bibliography, (text) => `${text}\n@book{cell2002,\n  author = {Cell, Cora},\n  title = {Cited in a Cell},\n  publisher = {Press},\n  location = {Rome},\n  date = {2002},\n}\n`);
  edit(folder, table, (text) => text.replace('{ text: A crisis, mark: negative }', '{ text: "A crisis [@cell2002]", mark: negative }'));
}

describe('the mini paper', () => {
  it('checks clean, with an entry cited only in its table', async () => {
    const folder = paper();
    citeOnlyInTheTable(folder);
    expect(await checked(folder)).toEqual([]);
  });
});

describe('a period table that fails to load is reported once', () => {
  const alone = ['manuscript/tables/period.yaml:15:22 error Expected a trend: `up`, `up-slight`, `flat`, `down-slight`, `down`; found `sideways` table-schema'];

  it('at the cell that fails the schema: not again by the graph drawn from it, the reference to it, the note and the entry cited only in it', async () => {
    const folder = paper();
    citeOnlyInTheTable(folder);
    edit(folder, table, (text) => text.replace('"1999": down,', '"1999": sideways,'));
    // Before: also `manuscript/graphs/trend.yaml:3:42 error No period table \`tbl-period\` table-schema`.
    expect(await checked(folder)).toEqual(alone);
  });

  it('when its data file is missing', async () => {
    const folder = paper();
    rmSync(join(folder, table));
    expect(await checked(folder)).toEqual(['manuscript/paper.md:28:1 error Cannot read table data `tables/period.yaml`: no such file table-source-missing']);
  });

  it('when its YAML cannot be read', async () => {
    const folder = paper();
    edit(folder, table, (text) => text.replace('caption: Relations by year', 'caption: [Relations by year'));
    expect(await checked(folder)).toEqual(['manuscript/tables/period.yaml:2:1 error Invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ] table-schema']);
  });

  it('when its data file is binary: the encoding error alone', async () => {
    const folder = paper();
    writeFileSync(join(folder, table), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]));
    // Before: also `manuscript/tables/period.yaml:1:1 error Expected a mapping of \`name: value\` fields; found nothing table-schema`.
    expect(await checked(folder)).toEqual(['manuscript/tables/period.yaml:1:5 error The file is not text (it holds NUL bytes, the first one here); save it as UTF-8 text file-encoding']);
  });

  it('when the table has no id of its own: a graph names it by the id it would have had', async () => {
    const folder = paper();
    edit(folder, manuscript, (text) => text.replace('::period-table{#tbl-period src=', '::period-table{src=').replaceAll('tbl-period', 'tbl-1-1'));
    edit(folder, graph, (text) => text.replace('tables: [tbl-period]', 'tables: [tbl-1-1]'));
    expect(await checked(folder)).toEqual([]);
    edit(folder, table, (text) => text.replace('"1999": down,', '"1999": sideways,'));
    expect(await checked(folder)).toEqual(alone);
  });

  it('while a graph naming a table that the paper does not have still says so', async () => {
    const folder = paper();
    edit(folder, table, (text) => text.replace('"1999": down,', '"1999": sideways,'));
    edit(folder, graph, (text) => text.replace('tables: [tbl-period]', 'tables: [tbl-period, tbl-perod]'));
    expect(await checked(folder)).toEqual([...alone, 'manuscript/graphs/trend.yaml:3:54 error No period table `tbl-perod`; did you mean `tbl-period` table-schema']);
  });
});

describe('a graph or figure that fails to load is reported once', () => {
  it('a graph whose data fails its schema: not again by `@fig-trend`', async () => {
    const folder = paper();
    edit(folder, graph, (text) => text.replace('caption: The *trend* of the decade\n', ''));
    expect(await checked(folder)).toEqual(['manuscript/graphs/trend.yaml:1:1 error Missing required field `caption`; expected text table-schema']);
  });

  it('a graph whose data file is binary: the encoding error alone', async () => {
    const folder = paper();
    writeFileSync(join(folder, graph), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]));
    expect(await checked(folder)).toEqual(['manuscript/graphs/trend.yaml:1:5 error The file is not text (it holds NUL bytes, the first one here); save it as UTF-8 text file-encoding']);
  });

  it('a figure whose image is not an image: not again by `@fig-plot`', async () => {
    const folder = paper();
    writeFileSync(join(folder, 'manuscript/plot.png'), 'not an image');
    edit(folder, manuscript, (text) => text.replace('The graph is @fig-trend.', 'The graph is @fig-trend.\n\n![A plot](plot.png){#fig-plot}\n\nThe plot is @fig-plot.'));
    expect(await checked(folder)).toEqual(['manuscript/paper.md:35:1 error The image `plot.png` is not PNG, JPEG, GIF, WebP, SVG or PDF, whatever its name says; save it as one of them image-format']);
  });

  it('a figure whose image is missing: not again by `@fig-plot`', async () => {
    const folder = paper();
    edit(folder, manuscript, (text) => text.replace('The graph is @fig-trend.', 'The graph is @fig-trend.\n\n![A plot](figures/none.png){#fig-plot}\n\nThe plot is @fig-plot.'));
    expect(await checked(folder)).toEqual(['manuscript/paper.md:35:1 error Cannot read image `figures/none.png`: no such file image-missing']);
  });
});

describe('a bibliography that fails to load is reported once', () => {
  it('missing: not again by each citation and `nocite` key', async () => {
    const folder = paper();
    rmSync(join(folder, bibliography));
    expect(await checked(folder)).toEqual(['manuscript/paper.md:9:15 error Cannot read bibliography `../bibliography/refs.bib`: no such file bib-missing-file']);
  });

  it('given on the command line and missing: not again by each citation', async () => {
    const folder = paper();
    edit(folder, manuscript, (text) => text.replace('bibliography: ../bibliography/refs.bib\n', '').replace('nocite: "@listed2001"\n', ''));
    expect(await checked(folder, ['gone.bib'])).toEqual(['gone.bib:1:1 error Cannot read bibliography `gone.bib`: no such file bib-missing-file']);
  });

  it('not text (a binary file): not again by each citation and `nocite` key', async () => {
    const folder = paper();
    writeFileSync(join(folder, bibliography), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]));
    expect(await checked(folder)).toEqual(['bibliography/refs.bib:1:5 error The file is not text (it holds NUL bytes, the first one here); save it as UTF-8 text file-encoding']);
  });

  it('with a byte that is not UTF-8: its entries still load, and a key it lacks is still unknown', async () => {
    const folder = paper();
    const [before = '', after = ''] = readFileSync(join(folder, bibliography), 'latin1').split('A Book');
    // "A Böok" in Latin-1: one byte, 0xF6, that is not UTF-8.
    writeFileSync(join(folder, bibliography), Buffer.from(`${before}A B\u00f6ok${after}`, 'latin1'));
    edit(folder, manuscript, (text) => text.replace('Nothing here but a note.', 'Nothing here but a note [@nobody1990].'));
    expect(await checked(folder)).toEqual([
      'manuscript/paper.md:23:26 error Cannot find citation key `nobody1990` citation-unknown-key',
      'bibliography/refs.bib:3:19 error The file is not valid UTF-8 (byte 0xF6); save it as UTF-8 file-encoding',
    ]);
  });

  it('with no entries (not BibTeX): each unknown key says so, and the build still stops', async () => {
    const folder = paper();
    writeFileSync(join(folder, bibliography), 'Only words, no entry.\n');
    edit(folder, manuscript, (text) => text.replace('[see @jones1999, 12; @smith2000, ch. 2]', '[see @jones1999, 12]').replace('[^a]: The first note, citing [@jones1999].', '[^a]: The first note.'));
    edit(folder, table, (text) => text.replace(' [@smith2000]', ''));
    expect(await checked(folder)).toEqual([
      'manuscript/paper.md:16:4 error Cannot find citation key `smith2000`; `refs.bib` has no entries citation-unknown-key',
      'manuscript/paper.md:16:53 error Cannot find citation key `jones1999`; `refs.bib` has no entries citation-unknown-key',
      'manuscript/paper.md:10:9 error Cannot find `nocite` key `listed2001`; `refs.bib` has no entries citation-unknown-key',
      'bibliography/refs.bib:1:1 warning The bibliography has no entries; citations of it will be unknown keys bib-empty',
    ]);
  });

  it('one entry that cannot be parsed: not again by its citation or its `nocite` key', async () => {
    const folder = paper();
    edit(folder, bibliography, (text) => text.replace('@book{listed2001,\n', '@book{listed2001,\n  title = {Unclosed,\n'));
    edit(folder, manuscript, (text) => text.replace('Nothing here but a note.', 'Nothing here but a note [@listed2001].'));
    expect(await checked(folder)).toEqual(['bibliography/refs.bib:18:1 error Entry `listed2001` is not closed before the end of the file bib-syntax']);
  });

  it('a front matter that fails its schema: its `bibliography:` and `nocite:` are not guessed at', async () => {
    const folder = paper();
    edit(folder, manuscript, (text) => text.replace('bibliography: ../bibliography/refs.bib', 'bibliography: 3'));
    // Only the front matter's own messages (their wording belongs to the front matter's reader).
    const messages = await checked(folder);
    expect(messages.map((message) => message.replace(/ error .* (\S+)$/, ' $1'))).toEqual(['manuscript/paper.md:9:15 frontmatter-schema']);
  });
});
