import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { miniPaperCopy } from '../helpers/mini-paper.js';
import { fromRoot } from '../helpers/paths.js';
import { runMain, withoutTimes } from '../helpers/run-cli.js';

/**
 * One policy for every file a paper names in its own sources (issue 15, F12 and F13): it must be
 * inside the paper folder once links are followed; the command line may name files anywhere. A
 * cloned paper with a table linked to `/etc/passwd`, or a bibliography named by an absolute path,
 * reads nothing of the machine, and no message quotes what such a file holds.
 */

const base = mkdtempSync(join(tmpdir(), 'paper-outside-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

const outside = join(base, 'outside');
mkdirSync(outside);
writeFileSync(join(outside, 'secret.yaml'), readFileSync(fromRoot('test/fixtures/papers/mini/manuscript/tables/period.yaml'), 'utf8').replace('A crisis', 'SECRET-TABLE-TEXT'));
writeFileSync(join(outside, 'secret.bib'), '@book{secret2000, author = {Secret, Sam}, title = {SECRET-BIB-TITLE}, publisher = {P}, date = {2000}}\n');
cpSync(fromRoot('styles/paper.csl'), join(outside, 'x.csl'));

let paper = '';
let count = 0;
beforeEach(() => {
  paper = miniPaperCopy(base, `paper-${++count}`);
});

const manuscript = () => join(paper, 'manuscript/paper.md');
function edit(change: (text: string) => string): void {
  writeFileSync(manuscript(), change(readFileSync(manuscript(), 'utf8')));
}
/** The lines of what a command printed that carry one of the rules. */
const linesOf = (text: string, ...rules: string[]) => text.split('\n').filter((line) => rules.some((rule) => line.endsWith(`  ${rule}`)));
const everything = (folder: string): string =>
  readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .map((name) => {
      try {
        return readFileSync(join(folder, name), 'latin1');
      } catch {
        return '';
      }
    })
    .join('\n');

describe('a file the paper names', () => {
  it('is refused when it is a link that leads out of the paper folder, and nothing of it is quoted', async () => {
    symlinkSync(join(outside, 'secret.yaml'), join(paper, 'manuscript/tables/secret.yaml'));
    symlinkSync('/etc/passwd', join(paper, 'manuscript/tables/passwd.yaml'));
    edit((text) => text.replace('::trend-graph', '::period-table{#tbl-secret src="tables/secret.yaml"}\n\n::period-table{#tbl-passwd src="tables/passwd.yaml"}\n\n::trend-graph'));
    const run = await runMain(['build', '.', '--no-pdf'], paper);
    expect(run.status).toBe(1);
    expect(linesOf(run.stderr, 'table-source-missing')).toEqual([
      'manuscript/paper.md:31:1-31:53  error  Cannot read table data `tables/secret.yaml`: the path leads outside the paper folder  table-source-missing',
      'manuscript/paper.md:33:1-33:53  error  Cannot read table data `tables/passwd.yaml`: the path leads outside the paper folder  table-source-missing',
    ]);
    expect(`${run.stdout}${run.stderr}`).not.toMatch(/SECRET|root:/);
  });

  it('may be a link to another file inside the paper folder', async () => {
    symlinkSync('period.yaml', join(paper, 'manuscript/tables/alias.yaml'));
    edit((text) => text.replace('src="tables/period.yaml"', 'src="tables/alias.yaml"'));
    const run = await runMain(['build', '.', '--no-pdf', '--quiet'], paper);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(readFileSync(join(paper, 'build/paper.html'), 'utf8')).toContain('A crisis');
  });

  it('is refused as a bibliography or a style named by the front matter, with the way to use it anyway', async () => {
    edit((text) => text.replace('bibliography: ../bibliography/refs.bib', `bibliography: [../bibliography/refs.bib, ${join(outside, 'secret.bib')}, ../../../../../../etc/passwd]\ncsl: ../../outside/x.csl`).replace('nocite: "@listed2001"', 'nocite: "@*"'));
    const checked = await runMain(['check', '.'], paper);
    // Columns of the two values on line 9: they move with the length of the temporary folder's path.
    const line = readFileSync(manuscript(), 'utf8').split('\n')[8] ?? '';
    const at = (value: string) => `9:${line.indexOf(value) + 1}-9:${line.indexOf(value) + 1 + value.length}`;
    expect(withoutTimes(checked.stderr.replaceAll(base, '<base>')).split('\n').filter((text) => text.includes('bib-missing-file'))).toEqual([
      `manuscript/paper.md:${at(join(outside, 'secret.bib'))}  error  Cannot read bibliography \`<base>/outside/secret.bib\`: the path leads outside the paper folder; to use a bibliography kept elsewhere, give it on the command line (\`--bibliography <base>/outside/secret.bib\`)  bib-missing-file`,
      `manuscript/paper.md:${at('../../../../../../etc/passwd')}  error  Cannot read bibliography \`../../../../../../etc/passwd\`: the path leads outside the paper folder; to use a bibliography kept elsewhere, give it on the command line (\`--bibliography ../../../../../../etc/passwd\`)  bib-missing-file`,
    ]);
    edit((text) => text.replace(/^bibliography: .*$/m, 'bibliography: ../bibliography/refs.bib'));
    const built = await runMain(['build', '.', '--no-pdf'], paper);
    expect(built.status).toBe(1);
    expect(linesOf(built.stderr, 'style-invalid')).toEqual([
      'manuscript/paper.md:10:6-10:25  error  Cannot read CSL style `../../outside/x.csl`: the path leads outside the paper folder; to use a style kept elsewhere, give it on the command line (`--style ../../outside/x.csl`)  style-invalid',
    ]);
  });

  it('may be anywhere when the command line names it', async () => {
    edit((text) => text.replace('nocite: "@listed2001"', 'nocite: "@*"'));
    const run = await runMain(['build', '.', '--no-pdf', '--quiet', '--bibliography', join(outside, 'secret.bib'), '--style', join(outside, 'x.csl')], paper);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(readFileSync(join(paper, 'build/paper.html'), 'utf8')).toContain('SECRET-BIB-TITLE');
  });

  it('is not read even when the paper turns the error into a warning', async () => {
    symlinkSync(join(outside, 'secret.bib'), join(paper, 'bibliography/linked.bib'));
    edit((text) => text.replace('bibliography: ../bibliography/refs.bib', 'bibliography: [../bibliography/refs.bib, ../bibliography/linked.bib]').replace('nocite: "@listed2001"', 'nocite: "@*"'));
    writeFileSync(join(paper, 'paper.config.yaml'), 'rules:\n  bib-missing-file: warning\n');
    const run = await runMain(['build', '.', '--no-pdf'], paper);
    expect(run.status).toBe(0);
    expect(linesOf(run.stderr, 'bib-missing-file')).toEqual([
      'manuscript/paper.md:9:42-9:68  warning  Cannot read bibliography `../bibliography/linked.bib`: the path leads outside the paper folder; to use a bibliography kept elsewhere, give it on the command line (`--bibliography ../bibliography/linked.bib`)  bib-missing-file',
    ]);
    expect(everything(join(paper, 'build'))).not.toContain('SECRET');
  });
});

describe('a bibliography with no entries', () => {
  it('is a warning at its first line, not silence', async () => {
    writeFileSync(join(paper, 'bibliography/empty.bib'), 'root:x:0:0:root:/root:/bin/bash\n% only a comment\n');
    edit((text) => text.replace('bibliography: ../bibliography/refs.bib', 'bibliography: [../bibliography/refs.bib, ../bibliography/empty.bib]'));
    const run = await runMain(['check', '.'], paper);
    expect(linesOf(run.stderr, 'bib-empty')).toEqual(['bibliography/empty.bib:1:1  warning  The bibliography has no entries; citations of it will be unknown keys  bib-empty']);
  });
});

describe('a value that fits no schema', () => {
  it('is quoted in at most 40 characters', async () => {
    writeFileSync(join(paper, 'manuscript/tables/period.yaml'), `caption: x\ncolumns: ["1999"]\nrows: ${'a'.repeat(200)}\n${'k'.repeat(100)}: 1\n`);
    const run = await runMain(['check', '.'], paper);
    expect(linesOf(run.stderr, 'table-schema').filter((line) => line.startsWith('manuscript/tables/'))).toEqual([
      `manuscript/tables/period.yaml:3:7-3:207  error  Expected a list; found \`${'a'.repeat(39)}…\`  table-schema`,
      `manuscript/tables/period.yaml:4:1-4:101  error  Unknown field \`${'k'.repeat(39)}…\`  table-schema`,
    ]);
  });
});
