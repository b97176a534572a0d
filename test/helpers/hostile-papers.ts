import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Hostile inputs too big to commit, written at test time into a paper folder: a manuscript that
 * cites one entry, a bibliography, and whatever files a case adds or replaces.
 */

export const manuscriptHead = '---\ntitle: A Hostile Paper\nbibliography: refs.bib\n---\n\n';

const entry = (key: string, pad = '') => `@book{${key},\n  author = {Author, Ann},\n  title = {A Book${pad}},\n  location = {London},\n  publisher = {Press},\n  date = {2000},\n}\n\n`;

/** Write a paper folder: `paper.md` citing `@a`, `refs.bib` defining it, then `files` (path → content). */
export function writePaper(folder: string, files: Record<string, string | Buffer> = {}): string {
  mkdirSync(folder, { recursive: true });
  const all: Record<string, string | Buffer> = { 'paper.md': `${manuscriptHead}Text [@a].\n`, 'refs.bib': entry('a'), ...files };
  for (const [path, content] of Object.entries(all)) {
    mkdirSync(join(folder, path, '..'), { recursive: true });
    writeFileSync(join(folder, path), content);
  }
  return folder;
}

/** `count` entries, the first keyed `a`, each padded to about `entryBytes` bytes. */
export function bigBibliography(count: number, entryBytes = 0): string {
  const pad = ' x'.repeat(Math.max(0, Math.floor((entryBytes - entry('k0').length) / 2)));
  const parts: string[] = [];
  for (let index = 0; index < count; index++) parts.push(entry(index === 0 ? 'a' : `k${index}`, pad));
  return parts.join('');
}

/** A list nested `depth` levels deep, each level indented two more spaces. */
export function nestedList(depth: number): string {
  const lines: string[] = [];
  for (let level = 0; level < depth; level++) lines.push(`${'  '.repeat(level)}- x`);
  return `${manuscriptHead}Text [@a].\n\n${lines.join('\n')}\n`;
}

/** Block quotes nested `depth` levels deep on one line. */
export function nestedQuote(depth: number): string {
  return `${manuscriptHead}Text [@a].\n\n${'> '.repeat(depth)}x\n`;
}

/** A manuscript placing one period table whose data file is `src`. */
export function tableManuscript(src: string): string {
  return `${manuscriptHead}Text [@a].\n\n:::table-group{#tbl-big}\nA big table\n\n::period-table{#tbl-big-data src="${src}"}\n:::\n`;
}

const years = ['1991', '1992', '1993'];

/** A period table of `rows` event rows, as YAML; with `cite`, each cell also cites `@a`. */
export function bigYamlTable(rows: number, cite = true): string {
  const second = cite ? '"*another* [@a]"' : '"*another*"';
  const lines = ['caption: Many rows', `columns: [${years.map((year) => `"${year}"`).join(', ')}]`, 'rows:'];
  for (let row = 0; row < rows; row++) {
    lines.push(`  - category: Row ${row}`, '    kind: events', '    cells:');
    for (const year of years) lines.push(`      "${year}": [event ${row} of ${year}, ${second}]`);
  }
  return `${lines.join('\n')}\n`;
}

/** The same table as a spreadsheet's CSV. */
export function bigCsvTable(rows: number): string {
  const lines = ['caption,Many rows', `category,kind,${years.join(',')}`];
  for (let row = 0; row < rows; row++) lines.push(`Row ${row},events,${years.map((year) => `"event ${row} of ${year}\n*another* [@a]"`).join(',')}`);
  return `${lines.join('\n')}\n`;
}
