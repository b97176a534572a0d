import { randomUUID } from 'node:crypto';
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isStopped, pausingAt, startedBy, survivors } from '../helpers/killed-builds.js';
import { fromRoot } from '../helpers/paths.js';
import { startCli, until } from '../helpers/processes.js';
import { runCli, runMain, withoutTimes } from '../helpers/run-cli.js';

const scratch = mkdtempSync(join(tmpdir(), 'paper-verify-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** `paper verify` lines without the hashes, which change with the pipeline. */
const withoutHashes = (text: string) => text.replace(/\b[0-9a-f]{16}\b/g, '<sha>');

describe('paper verify', () => {
  const folder = join(scratch, 'paper');
  cpSync(fromRoot('test/fixtures/papers/mini'), folder, { recursive: true });
  const epoch = { SOURCE_DATE_EPOCH: '1296691200' };

  it('says there is nothing to verify before the first build', async () => {
    const run = await runMain(['verify', '.'], folder);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('paper verify: no build to verify: build/manifest.json is missing or not a build manifest; run `paper build` first\n');
  });

  // The end-to-end test of `paper verify`: bin/paper.js in its own process verifies a fresh build.
  it('rebuilds in a temporary folder and finds every output byte-identical, the PDF too', async () => {
    expect((await runMain(['build', '.'], folder, epoch)).status).toBe(0);
    const run = runCli(['verify', '.', '--quiet'], folder, epoch);
    expect(withoutTimes(withoutHashes(run.stdout))).toBe(
      [
        'paper.html     identical  sha256 <sha>',
        'paper.pdf      identical  sha256 <sha>',
        'manifest.json  identical  sha256 <sha>',
        'All 3 outputs in build are reproduced byte for byte (<time>).',
        '',
      ].join('\n'),
    );
    expect(run.status).toBe(0);
    expect(readdirSync(join(folder, 'build')).sort()).toEqual(['manifest.json', 'paper.html', 'paper.pdf']);
  });

  it('exits 1 and says why when an output was edited after its build', async () => {
    appendFileSync(join(folder, 'build', 'paper.html'), '<!-- edited -->');
    const run = await runMain(['verify', '.', '--quiet'], folder, epoch);
    expect(run.status).toBe(1);
    expect(withoutHashes(run.stdout)).toContain('paper.html     DIFFERS    recorded <sha>, rebuilt <sha>\n');
    expect(run.stdout).toContain('1 of 3 outputs in build differ from a rebuild. Since that build: paper.html in build was changed after it was built.\n');
  });

  it('names the source that changed since the build', async () => {
    expect((await runMain(['build', '.', '--force'], folder, epoch)).status).toBe(0);
    const manuscript = join(folder, 'manuscript', 'paper.md');
    writeFileSync(manuscript, readFileSync(manuscript, 'utf8').replace('Nothing here but a note.', 'Something here, and a note.'));
    const run = await runMain(['verify', '.', '--quiet'], folder, epoch);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/outputs in build differ from a rebuild\. Since that build: manuscript\/paper\.md changed\.\n$/);
  });
});

describe('an interrupted paper verify', () => {
  const folder = join(scratch, 'interrupted');
  cpSync(fromRoot('test/fixtures/papers/mini'), folder, { recursive: true });
  const epoch = { SOURCE_DATE_EPOCH: '1296691200' };

  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    it(`on ${signal} while Chromium prints: closes the browser, removes its temporary folder, exits ${code}`, async () => {
      if (!existsSync(join(folder, 'build', 'manifest.json'))) expect((await runMain(['build', '.'], folder, epoch)).status).toBe(0);
      const temporary = mkdtempSync(join(scratch, 'tmp-'));
      const mark = randomUUID();
      // A process: it stops itself as Chromium is asked to print, and the test sends it the signal there.
      const verify = startCli(['verify', '.', '--quiet'], folder, { ...epoch, TMPDIR: temporary, PAPER_VERIFY_TEST: mark, ...pausingAt('printing') });
      await until(() => isStopped(verify.pid), 'the rebuild to print');
      expect(readdirSync(temporary).filter((name) => name.startsWith('paper-verify-'))).toHaveLength(1);
      const started = startedBy('PAPER_VERIFY_TEST', mark, verify.pid);
      expect(started.processes.some((found) => /chrom/.test(found.command))).toBe(true);
      process.kill(verify.pid, signal);
      process.kill(verify.pid, 'SIGCONT');
      const run = await verify.done;
      expect(run.status).toBe(code);
      expect(run.stdout).toBe('');
      expect(run.stderr).toBe(`paper verify: interrupted by ${signal}; nothing was compared\n`);
      expect(await survivors('PAPER_VERIFY_TEST', mark, started.sessions, 10_000)).toEqual([]);
      // The rebuild's folder and the browser's profile are gone with it.
      expect(readdirSync(temporary)).toEqual([]);
      expect(readdirSync(join(folder, 'build')).sort()).toEqual(['manifest.json', 'paper.html', 'paper.pdf']);
    });
  }
});

describe('paper init', () => {
  // The end-to-end test of `paper init`: bin/paper.js in its own process makes the paper, and builds it.
  it('makes a paper that checks clean and builds at once, PDF included', async () => {
    const folder = join(scratch, 'new paper');
    const made = runCli(['init', folder]);
    expect(made.status).toBe(0);
    expect(made.stderr).toBe(
      [
        `Created a new paper in ${folder}:`,
        '  .gitignore',
        '  README.md',
        '  bibliography/references.bib',
        '  manuscript/paper.md',
        '  manuscript/tables/periods.yaml',
        '  paper.config.yaml',
        `Build it with \`paper build ${folder}\`, check it with \`paper check ${folder}\`.`,
        '',
      ].join('\n'),
    );
    const table = readFileSync(join(folder, 'manuscript', 'tables', 'periods.yaml'), 'utf8');
    const schema = /\$schema=(\S+)/.exec(table)?.[1] ?? '';
    expect(existsSync(join(folder, 'manuscript', 'tables', schema))).toBe(true);
    expect(await runMain(['check', folder])).toMatchObject({ status: 0, stdout: '', stderr: '' });
    const built = runCli(['build', folder]);
    expect(built.status).toBe(0);
    expect(readdirSync(join(folder, 'build')).sort()).toEqual(['manifest.json', 'paper.html', 'paper.pdf']);
    const html = readFileSync(join(folder, 'build', 'paper.html'), 'utf8');
    expect(html).toMatch(/<table [^>]*class="period-table"/);
    expect(html).toContain('data-cites="example2020"');
    expect(html).toContain('id="ref-example2020"');
  });

  it('refuses a folder that is not empty, and writes nothing', async () => {
    const folder = join(scratch, 'taken');
    mkdirSync(folder);
    writeFileSync(join(folder, 'notes.txt'), 'mine');
    const run = await runMain(['init', folder]);
    expect(run).toMatchObject({ status: 1, stdout: '' });
    expect(run.stderr).toBe(`paper init: \`${folder}\` is not empty; choose a new folder (nothing was written)\n`);
    expect(readdirSync(folder)).toEqual(['notes.txt']);
    expect(readdirSync(scratch).filter((name) => name.includes('.init-'))).toEqual([]);
  });

  it('needs a folder: exit 2', async () => {
    const run = await runMain(['init']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('paper init: Name the folder for the new paper: `paper init DIR`');
  });
});
