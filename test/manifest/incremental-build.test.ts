import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuildManifest } from '../../scripts/manifest/build-manifest.js';
import { miniPaperCopy } from '../helpers/mini-paper.js';
import { runMain, type CliRun } from '../helpers/run-cli.js';

/**
 * build/manifest.json, builds that do nothing when nothing changed, the PDF kept when only what it
 * does not show changed, and `paper verify`: on copies of the mini paper.
 */

const scratch = mkdtempSync(join(tmpdir(), 'paper-manifest-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const manifestOf = (folder: string) => JSON.parse(readFileSync(join(folder, 'build', 'manifest.json'), 'utf8')) as BuildManifest;

const paperCopy = (name: string) => miniPaperCopy(scratch, name);

describe('the build manifest', () => {
  const folder = paperCopy('manifest');
  let run: CliRun;
  beforeAll(async () => {
    run = await runMain(['build', '.', '--no-pdf'], folder);
  });

  it('lists every input with its sha256, and the project config as looked for and absent', () => {
    expect(run.status).toBe(0);
    const manifest = manifestOf(folder);
    const paths = manifest.inputs.map((input) => input.path);
    expect(paths).toEqual(expect.arrayContaining(['bibliography/refs.bib', 'manuscript/graphs/trend.yaml', 'manuscript/paper.md', 'manuscript/tables/period.yaml']));
    expect(manifest.inputs.find((input) => input.path === 'paper.config.yaml')).toEqual({ path: 'paper.config.yaml', sha256: null });
    for (const input of manifest.inputs) if (input.sha256 !== null) expect(input.sha256, input.path).toBe(sha256(join(folder, input.path)));
    expect(paths.some((path) => path.endsWith('styles/paper.css'))).toBe(true);
    expect(paths.some((path) => path.endsWith('styles/paper.csl'))).toBe(true);
  });

  it('lists the outputs with their sha256 and size, and the versions used', () => {
    const manifest = manifestOf(folder);
    const html = join(folder, 'build', 'paper.html');
    expect(manifest.outputs).toEqual([{ path: 'paper.html', sha256: sha256(html), bytes: statSync(html).size }]);
    expect(manifest.versions.node).toBe(process.version);
    expect(manifest.versions.chromium).toBeNull();
    expect(Object.keys(manifest.versions.packages)).toEqual(expect.arrayContaining(['unified', 'remark-parse', '@citation-js/core', 'citeproc', 'puppeteer-core', 'pdf-lib']));
    expect(manifest.tool.bundle).toMatch(/^[0-9a-f]{64}$/);
    expect(manifest.options).toEqual({ pdf: false, style: null, paperSize: null, bibliographies: [] });
    expect(manifest.messages).toEqual({ warnings: 0, infos: 0 });
    expect(JSON.stringify(manifest)).not.toContain(folder);
  });
});

describe('an incremental build', () => {
  const folder = paperCopy('incremental');
  const html = join(folder, 'build', 'paper.html');

  it('does nothing when no input, option or tool changed', async () => {
    expect((await runMain(['build', '.', '--no-pdf'], folder)).status).toBe(0);
    const before = statSync(html).mtimeMs;
    const again = await runMain(['build', '.', '--no-pdf'], folder);
    expect(again.status).toBe(0);
    expect(again.stderr).toMatch(/^Up to date: build\/paper\.html \(no input changed; [\d.]+ m?s\)\n$/);
    expect(statSync(html).mtimeMs).toBe(before);
  });

  it('builds again when a table file, an option or --force says so', async () => {
    const table = join(folder, 'manuscript', 'tables', 'period.yaml');
    writeFileSync(table, readFileSync(table, 'utf8').replace('A crisis', 'A graver crisis'));
    const edited = await runMain(['build', '.', '--no-pdf'], folder);
    expect(edited.stderr).toMatch(/^check /);
    expect(readFileSync(html, 'utf8')).toContain('A graver crisis');
    expect(manifestOf(folder).inputs.find((input) => input.path === 'manuscript/tables/period.yaml')?.sha256).toBe(sha256(table));

    const letter = await runMain(['build', '.', '--no-pdf', '--paper-size', 'letter'], folder);
    expect(letter.stderr).toMatch(/^check /);
    expect(manifestOf(folder).options.paperSize).toBe('letter');
    expect((await runMain(['build', '.', '--no-pdf', '--paper-size', 'letter'], folder)).stderr).toMatch(/^Up to date/);
    expect((await runMain(['build', '.', '--no-pdf', '--paper-size', 'letter', '--force'], folder)).stderr).toMatch(/^check /);
  });

  it('builds again when an output was changed or removed by hand', async () => {
    appendFileSync(html, '<!-- edited -->');
    expect((await runMain(['build', '.', '--no-pdf', '--paper-size', 'letter'], folder)).stderr).toMatch(/^check /);
    expect(readFileSync(html, 'utf8')).not.toContain('<!-- edited -->');
  });

  it('prints nothing with --quiet', async () => {
    const quiet = await runMain(['build', '.', '--no-pdf', '--quiet', '--force'], folder);
    expect(quiet).toMatchObject({ status: 0, stdout: '', stderr: '' });
  });
});

describe('the PDF of an incremental build', () => {
  const folder = paperCopy('pdf');
  const pdf = join(folder, 'build', 'paper.pdf');
  const epoch = { SOURCE_DATE_EPOCH: '1296691200' };

  it('is kept, not printed again, when the manuscript changed but not the HTML or the date', async () => {
    expect((await runMain(['build', '.'], folder, epoch)).status).toBe(0);
    const printed = sha256(pdf);
    const before = manifestOf(folder);
    expect(before.pdf).toMatchObject({ date: '2011-02-03T00:00:00.000Z', dateSource: 'SOURCE_DATE_EPOCH' });
    expect(before.versions.chromium).toMatch(/Chrom/);
    // A blank line at the end changes the file, not the document.
    appendFileSync(join(folder, 'manuscript', 'paper.md'), '\n\n');
    const run = await runMain(['build', '.'], folder, epoch);
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/^print +<?[\d.]+ m?s {2}the HTML and its metadata are unchanged: the last PDF is kept$/m);
    expect(sha256(pdf)).toBe(printed);
    expect(manifestOf(folder).pdf?.key).toBe(before.pdf?.key);
    expect(manifestOf(folder).inputs).not.toEqual(before.inputs);
  });

  it('is printed again when its date changes', async () => {
    const printed = sha256(pdf);
    const run = await runMain(['build', '.'], folder, { SOURCE_DATE_EPOCH: '1300000000' });
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/^print +[\d.]+ m?s$/m);
    expect(sha256(pdf)).not.toBe(printed);
    expect(manifestOf(folder).pdf?.date).toBe(new Date(1300000000 * 1000).toISOString());
  });
});

describe('the output folder after a build', () => {
  it('holds exactly the outputs its manifest lists: a build with --no-pdf removes the last PDF', async () => {
    const folder = paperCopy('no-pdf-after-pdf');
    const out = join(folder, 'build');
    expect((await runMain(['build', '.'], folder)).status).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['manifest.json', 'paper.html', 'paper.pdf']);
    appendFileSync(join(folder, 'manuscript', 'paper.md'), '\nA sentence the old PDF does not have.\n');
    const run = await runMain(['build', '.', '--no-pdf'], folder);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/^Wrote build\/paper\.html, build\/manifest\.json \([\d.]+ m?s\)$/m);
    expect(manifestOf(folder).outputs.map((output) => output.path)).toEqual(['paper.html']);
    expect(readdirSync(out).sort()).toEqual(['manifest.json', 'paper.html']);
  });

  it('removes a PDF whose manifest is gone too, and leaves files of other names alone', async () => {
    const folder = paperCopy('stray-pdf');
    const out = join(folder, 'build');
    mkdirSync(out);
    writeFileSync(join(out, 'paper.pdf'), 'a PDF of some earlier build');
    writeFileSync(join(out, 'notes.txt'), 'mine');
    expect((await runMain(['build', '.', '--no-pdf'], folder)).status).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['manifest.json', 'notes.txt', 'paper.html']);
  });
});
