import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bigBibliography, bigCsvTable, bigYamlTable, nestedList, nestedQuote, tableManuscript, writePaper } from './helpers/hostile-papers.js';
import { fromRoot } from './helpers/paths.js';
import { runBounded, type Bounds, type BoundedRun } from './helpers/run-bounded.js';
import { withoutTimes } from './helpers/run-cli.js';

/**
 * Broken and hostile input (issue 9): every case goes through `paper check` and
 * `paper build --no-pdf`, each in its own process with a kill timeout and a heap limit. A case
 * with an error exits 1 with exactly the golden message, no stack trace, and leaves the previous
 * outputs byte-identical. Small cases are folders in test/fixtures/hostile/ whose `expected` holds
 * both runs (regenerate on purpose with `UPDATE=1 npx vitest run test/hostile-input.test.ts`);
 * cases too big to commit are written into a temporary folder here.
 *
 * Cases that exit 0: `bom-crlf-valid` and `md-nested-100-ok` (valid input), `bib-duplicate-field`
 * (a warning), `bib-empty` is not one (the citations then name no entry).
 */

const fixtures = fromRoot('test/fixtures/hostile');
const scratch = mkdtempSync(join(tmpdir(), 'paper-hostile-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const small: Bounds = { timeoutMs: 30_000, heapMb: 256 };
const previous = { 'paper.html': 'previous html\n', 'paper.pdf': 'previous pdf\n' };
const stackFrame = /^\s+at .+:\d+:\d+\)?$/m;

/** Run `paper build --no-pdf` over a build/ folder holding previous outputs; check they survive a failed build. */
function buildOver(folder: string, bounds: Bounds): BoundedRun {
  const out = join(folder, 'build');
  mkdirSync(out, { recursive: true });
  for (const [name, content] of Object.entries(previous)) writeFileSync(join(out, name), content);
  // A process: a hostile input must be killed when it hangs and stopped by a heap limit, not take the test run down.
  const run = runBounded(['build', '.', '--no-pdf'], folder, bounds);
  if (run.status !== 0) {
    expect(readdirSync(out).sort()).toEqual(Object.keys(previous).sort());
    for (const [name, content] of Object.entries(previous)) expect(readFileSync(join(out, name), 'utf8')).toBe(content);
  }
  return run;
}

function printed(command: string, run: BoundedRun, folder: string): string {
  return withoutTimes(`$ paper ${command}\nexit ${run.status}\n--- stdout\n${run.stdout}--- stderr\n${run.stderr}`.replaceAll(folder, '<case>'));
}

describe('hostile input (golden fixtures)', () => {
  for (const name of readdirSync(fixtures).sort()) {
    it(name, () => {
      const folder = join(scratch, name);
      cpSync(join(fixtures, name), folder, { recursive: true });
      rmSync(join(folder, 'expected'), { force: true });
      // A process, bounded in time and heap: see buildOver.
      const checked = runBounded(['check', '.'], folder, small);
      const built = buildOver(folder, small);
      const text = `${printed('check .', checked, folder)}\n${printed('build . --no-pdf', built, folder)}`;
      const expectedPath = join(fixtures, name, 'expected');
      if (process.env.UPDATE) writeFileSync(expectedPath, text);
      expect(text).toBe(readFileSync(expectedPath, 'utf8'));
      expect(text).not.toMatch(stackFrame);
      expect(checked.status === 0 || checked.status === 1).toBe(true);
      expect(built.status).toBe(checked.status);
    });
  }
});

/**
 * A big case: the command exits `status` with each of `lines` among its messages and `summary` as
 * its count, in bounded time and memory, for check and (unless `build` is false) build.
 */
function expectBounded(folder: string, bounds: Bounds, status: number, lines: string[], summary: string, maxPeakMb: number, build = true): void {
  // Processes: their time and peak memory are the subject (timeout, --max-old-space-size, the peak each reports at exit).
  const runs = [runBounded(['check', '.'], folder, bounds), ...(build ? [buildOver(folder, bounds)] : [])];
  for (const run of runs) {
    expect(run.status, run.stderr.slice(0, 500)).toBe(status);
    const printed = run.stderr.split('\n');
    for (const line of lines) expect(printed).toContain(line);
    expect(printed).toContain(summary);
    expect(run.stderr).not.toMatch(stackFrame);
    // Every run that exits by itself reports its peak (report-peak-rss.mjs), so the bound always applies.
    expect(run.peakKb, 'peak memory reported').toBeDefined();
    expect((run.peakKb ?? Number.POSITIVE_INFINITY) / 1024).toBeLessThan(maxPeakMb);
  }
}

const nestingQuote = 'This block quote nests more than 100 levels deep; the Markdown is not read (no paper needs more than a few levels)  markdown-nesting';
const nestingList = 'This list item nests more than 100 levels deep; the Markdown is not read (no paper needs more than a few levels)  markdown-nesting';

describe('hostile input too big to commit', () => {
  it('10,000 levels of block quote: refused at the 101st `>`, before any parsing', () => {
    const folder = writePaper(join(scratch, 'quote-10000'), { 'paper.md': nestedQuote(10_000) });
    expectBounded(folder, small, 1, [`paper.md:8:201  error  ${nestingQuote}`], '✖ 1 error', 300);
  });

  it('2,000 levels of list (4 MB of indentation): refused at level 101', () => {
    const folder = writePaper(join(scratch, 'list-2000'), { 'paper.md': nestedList(2_000) });
    expectBounded(folder, small, 1, [`paper.md:108:201  error  ${nestingList}`], '✖ 1 error', 300);
  });

  it('10,000 levels of list indented by tabs: refused at level 101', () => {
    const lines = Array.from({ length: 10_000 }, (_, level) => `${'\t'.repeat(level)}- x`).join('\n');
    const folder = writePaper(join(scratch, 'tabs-10000'), { 'paper.md': `${nestedList(0)}${lines}\n` });
    expectBounded(folder, small, 1, [`paper.md:109:101  error  ${nestingList}`], '✖ 1 error', 600);
  });

  it('a 50 MB bibliography of 20,000 entries', () => {
    const folder = writePaper(join(scratch, 'bib-50mb'), { 'refs.bib': bigBibliography(20_000, 2_600) });
    expect(readFileSync(join(folder, 'refs.bib')).length).toBeGreaterThan(50_000_000);
    // Every entry but the cited one is unused: 19,999 warnings on one line, exit 0; the outputs are written.
    expectBounded(folder, { timeoutMs: 120_000, heapMb: 1024 }, 0, ['refs.bib:9:7  warning  19999 entries are neither cited nor in `nocite`; `--verbose` lists them  bib-unused-entry'], '⚠ 19999 warnings', 1200, false);
  });

  it('a 20,000-entry bibliography with a Latin-1 byte in its last entry', () => {
    const bib = Buffer.concat([Buffer.from(bigBibliography(20_000)), Buffer.from('@book{z, title = {Caf\xe9}}\n', 'latin1')]);
    const folder = writePaper(join(scratch, 'bib-20000'), { 'refs.bib': bib });
    expectBounded(folder, { timeoutMs: 120_000, heapMb: 1024 }, 1, ['refs.bib:160001:22  error  The file is not valid UTF-8 (byte 0xE9); save it as UTF-8  file-encoding'], '✖ 1 error, ⚠ 20003 warnings', 1200);
  });

  // The table's cells are all valid; the row after the last has a cell in no column.
  const badRow = `  - category: Extra\n    kind: events\n    cells: { "2999": x }\n`;

  it('a 5,000-row period table in YAML', () => {
    const folder = writePaper(join(scratch, 'table-yaml'), { 'paper.md': tableManuscript('t.yaml'), 't.yaml': bigYamlTable(5_000) + badRow });
    expectBounded(folder, { timeoutMs: 240_000, heapMb: 2048 }, 1, ['t.yaml:30006:14-30006:20  error  `2999` is not a column of this table; the columns are `1991`, `1992`, `1993`  table-schema'], '✖ 1 error', 2500);
  });

  it('a 5,000-row period table in CSV', () => {
    const csv = `${bigCsvTable(5_000)}Extra,events,x,y,z,w\n`;
    const folder = writePaper(join(scratch, 'table-csv'), { 'paper.md': tableManuscript('t.csv'), 't.csv': csv });
    expectBounded(folder, { timeoutMs: 240_000, heapMb: 2048 }, 1, ['t.csv:20003:20-20003:21  error  `column 6` is not a column of this table; the columns are `1991`, `1992`, `1993`  table-schema'], '✖ 1 error', 2500);
  });
});

describe('a valid big table', () => {
  // Without a citation in every cell: citeproc-js renders 15,000 citations in quadratic time
  // (rebuildProcessorState), a limit of the CSL engine, not of the table.
  it('builds: 5,000 rows of YAML to HTML', () => {
    const folder = writePaper(join(scratch, 'table-build'), { 'paper.md': tableManuscript('t.yaml'), 't.yaml': bigYamlTable(5_000, false) });
    // A process: 5,000 rows must build within a time and heap bound, which only a process can be held to.
    const run = runBounded(['build', '.', '--no-pdf'], folder, { timeoutMs: 240_000, heapMb: 2048 });
    expect(run.status, run.stderr.slice(0, 500)).toBe(0);
    expect(withoutTimes(run.stderr)).toBe('check <time>\nrender <time>\nwrite <time>\nWrote build/paper.html, build/manifest.json (<time>)\n');
    const html = readFileSync(join(folder, 'build', 'paper.html'), 'utf8');
    expect(html).toContain('event 4999 of 1993');
    expect(existsSync(join(folder, 'build', 'paper.pdf'))).toBe(false);
  });
});
