import { randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { miniPaperCopy } from '../helpers/mini-paper.js';
import { processesCarrying, startCli, until } from '../helpers/processes.js';
import { runMain } from '../helpers/run-cli.js';

/**
 * The `.staging-*` folders that builds killed without cleanup (SIGKILL, SIGHUP, a full disk) leave
 * in the output folder: the next build removes those older than the lock's stale time (10 s), and
 * never the one a running build still writes into (a running build keeps its own fresh).
 */

const scratch = mkdtempSync(join(tmpdir(), 'paper-staging-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const paperCopy = (name: string) => miniPaperCopy(scratch, name);

const stagingIn = (out: string) => readdirSync(out).filter((name) => name.startsWith('.staging-'));

function leftStaging(out: string, name: string, age: number): void {
  const folder = join(out, name);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'paper.html'), '<!doctype html><p>half');
  const then = new Date(Date.now() - age);
  utimesSync(folder, then, then);
}

describe('staging folders left by killed builds', () => {
  it('are removed by the next build once older than the stale time; younger ones stay', async () => {
    const folder = paperCopy('swept');
    const out = join(folder, 'build');
    leftStaging(out, '.staging-killed1', 60_000);
    leftStaging(out, '.staging-killed2', 3_600_000);
    leftStaging(out, '.staging-recent', 0);
    const run = await runMain(['build', '.', '--no-pdf'], folder);
    expect(run.status, run.stderr).toBe(0);
    expect(stagingIn(out)).toEqual(['.staging-recent']);
    expect(readdirSync(out).filter((name) => !name.startsWith('.')).sort()).toEqual(['manifest.json', 'paper.html']);
  });

  it('never include the staging folder of a build still running, however long it has run', async () => {
    const folder = paperCopy('running');
    const out = join(folder, 'build');
    // A browser that never answers keeps the first build in its print stage, its HTML staged.
    const browser = join(scratch, 'stuck-chromium');
    writeFileSync(browser, '#!/bin/sh\nsleep 300\n');
    chmodSync(browser, 0o755);
    const mark = randomUUID();
    // A process: the test interrupts it at the end, and counts what it leaves running.
    const running = startCli(['build', '.', '--quiet'], folder, { PUPPETEER_EXECUTABLE_PATH: browser, PAPER_BROWSER_TIMEOUT: '100000', PAPER_STAGING_TEST: mark });
    try {
      await until(() => existsSync(out) && stagingIn(out).some((name) => existsSync(join(out, name, 'paper.html'))), 'the first build to stage its HTML');
      await until(() => processesCarrying('PAPER_STAGING_TEST', mark).some((process) => process.command.includes('sleep 300')), 'the browser');
      const [own] = stagingIn(out);
      if (own === undefined) throw new Error('no staging folder');
      // As if the print had taken a minute: a running build keeps its folder fresh (within the stale time), a dead one does not.
      const minuteAgo = new Date(Date.now() - 60_000);
      utimesSync(join(out, own), minuteAgo, minuteAgo);
      await until(() => statSync(join(out, own)).mtimeMs > Date.now() - 10_000, 'the running build to keep its staging folder fresh', 10_000);
      const second = await runMain(['build', '.', '--no-pdf'], folder);
      expect(second.status, second.stderr).toBe(0);
      expect(stagingIn(out)).toEqual([own]);
      expect(readFileSync(join(out, own, 'paper.html'), 'utf8')).toContain('</html>');
      process.kill(running.pid, 'SIGINT');
      expect((await running.done).status).toBe(130);
      expect(stagingIn(out)).toEqual([]);
    } finally {
      // Whatever failed above, nothing this test started outlives it.
      for (const { pid } of processesCarrying('PAPER_STAGING_TEST', mark)) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // Gone already.
        }
      }
    }
    await until(() => processesCarrying('PAPER_STAGING_TEST', mark).length === 0, 'the browser to be gone', 10_000);
  });
});
