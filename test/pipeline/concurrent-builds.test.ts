import fs, { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lock } from 'proper-lockfile';
import { afterAll, describe, expect, it } from 'vitest';
import { fromRoot } from '../helpers/paths.js';
import { readInfo } from '../helpers/pdf-reader.js';
import { startCli, until } from '../helpers/processes.js';
import { runMain } from '../helpers/run-cli.js';

/**
 * Builds into one output folder at once: each places its outputs under the folder's lock, so the
 * HTML and the PDF found there always come from one build, and a lock left by a killed build does
 * not block the next one for good.
 */

const scratch = mkdtempSync(join(tmpdir(), 'paper-concurrent-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function paperTitled(title: string): string {
  const folder = join(scratch, title.replaceAll(' ', '-'));
  cpSync(fromRoot('test/fixtures/papers/mini'), folder, { recursive: true });
  const manuscript = join(folder, 'manuscript/paper.md');
  writeFileSync(manuscript, readFileSync(manuscript, 'utf8').replace('title: "A *Small* Paper"', `title: "${title}"`));
  return folder;
}

const htmlTitle = (out: string) => /<title>([^<]*)<\/title>/.exec(readFileSync(join(out, 'paper.html'), 'utf8'))?.[1];
const pdfTitle = async (out: string) => (await readInfo(join(out, 'paper.pdf'))).title;

describe('two builds into one folder', () => {
  // Two builds racing for the folder's lock are two processes, as two users' (or a user's and CI's) builds are.
  it('both succeed, and leave an HTML and a PDF from the same build', async () => {
    const out = join(scratch, 'shared');
    const builds = ['Paper One', 'Paper Two'].map((title) => startCli(['build', '.', '--out', out], paperTitled(title)));
    const runs = await Promise.all(builds.map((build) => build.done));
    for (const run of runs) expect(run.status, run.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['manifest.json', 'paper.html', 'paper.pdf']);
    expect(['Paper One', 'Paper Two']).toContain(htmlTitle(out));
    expect(await pdfTitle(out)).toBe(htmlTitle(out));
  });

  // A process: the lock is held from this process (proper-lockfile), and is meant to keep another process out.
  it('a build waits while another holds the lock, then places its outputs', async () => {
    const out = join(scratch, 'held');
    mkdirSync(out);
    writeFileSync(join(out, 'paper.html'), 'previous html');
    const release = await lock(out, { lockfilePath: join(out, '.paper-build.lock'), realpath: false });
    const build = startCli(['build', '.', '--out', out, '--no-pdf'], paperTitled('Paper Waiting'));
    const staged = () => readdirSync(out).filter((name) => name.startsWith('.staging-')).some((name) => existsSync(join(out, name, 'paper.html')));
    await until(staged, 'the HTML to be staged');
    // The build is at the lock now; give it time to (wrongly) go past it.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(readFileSync(join(out, 'paper.html'), 'utf8')).toBe('previous html');
    await release();
    const run = await build.done;
    expect(run.status, run.stderr).toBe(0);
    expect(htmlTitle(out)).toBe('Paper Waiting');
    expect(readdirSync(out).sort()).toEqual(['manifest.json', 'paper.html']);
  });

  it('a stale lock, left by a build that was killed, is taken over', async () => {
    const out = join(scratch, 'stale');
    const left = join(out, '.paper-build.lock');
    mkdirSync(left, { recursive: true });
    const minuteAgo = new Date(Date.now() - 60_000);
    utimesSync(left, minuteAgo, minuteAgo);
    const run = await runMain(['build', '.', '--out', out, '--no-pdf'], paperTitled('Paper After A Crash'));
    expect(run.status, run.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['manifest.json', 'paper.html']);
  });

  it('a lock with a future modification time, held by no build (a clock set wrong, NFS), is taken over', async () => {
    const out = join(scratch, 'future');
    const left = join(out, '.paper-build.lock');
    mkdirSync(left, { recursive: true });
    const future = new Date('2099-01-01T00:00:00Z');
    utimesSync(left, future, future);
    const run = await runMain(['build', '.', '--out', out, '--no-pdf'], paperTitled('Paper After A Skew'));
    expect(run.status, run.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['manifest.json', 'paper.html']);
  });

  // A process: the lock is held from this process, by a holder whose clock runs an hour ahead.
  it('a lock with a future modification time that its build keeps fresh is not taken over', async () => {
    const out = join(scratch, 'skewed-holder');
    mkdirSync(out);
    writeFileSync(join(out, 'paper.html'), 'previous html');
    // The holder's view of the lock's times through an hour-fast clock: it writes them an hour ahead and reads them back as its own.
    const hour = 3_600_000;
    const shifted = (time: number | Date) => new Date(new Date(time).getTime() + hour);
    const skewedFs = {
      ...fs,
      utimes: (path: string, atime: Date, mtime: Date, callback: (error: Error | null) => void) => fs.utimes(path, shifted(atime), shifted(mtime), callback),
      stat: (path: string, callback: (error: Error | null, stats?: fs.Stats) => void) =>
        fs.stat(path, (error, stats) => {
          if (stats) stats.mtime = new Date(stats.mtime.getTime() - hour);
          callback(error, stats);
        }),
    };
    const release = await lock(out, { lockfilePath: join(out, '.paper-build.lock'), realpath: false, update: 1000, fs: skewedFs });
    const build = startCli(['build', '.', '--out', out, '--no-pdf'], paperTitled('Paper Behind A Skewed Lock'));
    try {
      const staged = () => readdirSync(out).filter((name) => name.startsWith('.staging-')).some((name) => existsSync(join(out, name, 'paper.html')));
      await until(staged, 'the HTML to be staged');
      expect(statSync(join(out, '.paper-build.lock')).mtimeMs).toBeGreaterThan(Date.now() + hour / 2);
      // Longer than the stale time (10 s): a lock whose time moves is held, wherever its clock is.
      await new Promise((resolve) => setTimeout(resolve, 12_000));
      expect(readFileSync(join(out, 'paper.html'), 'utf8')).toBe('previous html');
    } finally {
      await release();
    }
    const run = await build.done;
    expect(run.status, run.stderr).toBe(0);
    expect(htmlTitle(out)).toBe('Paper Behind A Skewed Lock');
  }, 60_000);
});
