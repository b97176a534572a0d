import { randomUUID } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isStopped, killAll, pausingAt, startedBy, survivors, type PauseMoment, type Started } from '../helpers/killed-builds.js';
import { fromRoot } from '../helpers/paths.js';
import { processesCarrying, startCli, until } from '../helpers/processes.js';
import { runMain } from '../helpers/run-cli.js';

/**
 * A build killed outright (SIGKILL, the OOM killer) runs no cleanup of its own, so the browser it
 * started must end by itself: it talks to the build over a pipe and exits when the pipe closes.
 * Each build carries a mark in its environment, which its browser inherits; the processes still
 * carrying it after the kill, or in the sessions of those that carried it before, are what the
 * build left running (counted by PID, never by name).
 */

const scratch = mkdtempSync(join(tmpdir(), 'paper-killed-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let papers = 0;
function paper(): string {
  const folder = join(scratch, `paper-${++papers}`);
  cpSync(fromRoot('test/fixtures/papers/mini'), folder, { recursive: true });
  return folder;
}

const isBrowser = (found: { command: string }) => /chrom/i.test(found.command);

/**
 * Start a build, kill it (SIGKILL) at `moment`, and return the processes it left alive: at a moment
 * of pause-build.mjs, where it stopped itself; at `browser`, as soon as its browser process is there.
 */
async function killedAt(moment: PauseMoment | 'browser', extraEnv: NodeJS.ProcessEnv = {}): Promise<{ browsersAtKill: number; left: Started[] }> {
  const mark = randomUUID();
  const env = { ...extraEnv, ...(moment === 'browser' ? {} : pausingAt(moment)) };
  // A process: the test kills it with SIGKILL and counts the browsers it leaves.
  const build = startCli(['build', '.'], paper(), { PAPER_KILLED_TEST: mark, SOURCE_DATE_EPOCH: '1296691200', ...env });
  let ended = false;
  void build.done.then(() => (ended = true));
  const reached = moment === 'browser' ? () => processesCarrying('PAPER_KILLED_TEST', mark).some(isBrowser) : () => isStopped(build.pid);
  await until(() => ended || reached(), `the build to reach ${moment}`);
  expect(ended, `the build ended before ${moment}`).toBe(false);
  const started = startedBy('PAPER_KILLED_TEST', mark, build.pid);
  const browsersAtKill = started.processes.filter(isBrowser).length;
  process.kill(build.pid, 'SIGKILL');
  expect((await build.done).signal).toBe('SIGKILL');
  const left = await survivors('PAPER_KILLED_TEST', mark, started.sessions);
  killAll(left);
  return { browsersAtKill, left };
}

describe('a build killed by SIGKILL', () => {
  it('while the browser prints leaves no browser process running', async () => {
    const { browsersAtKill, left } = await killedAt('printing');
    expect(browsersAtKill).toBeGreaterThan(0);
    expect(left.map(({ pid, command }) => `${pid} ${command.slice(0, 60)}`)).toEqual([]);
  }, 120_000);

  it('at any moment of its run leaves no browser process running (fault injection)', async () => {
    // From the browser's start to the last stage's end, before the browser is closed.
    const moments = ['stage:check', 'browser', 'stage:render', 'printing', 'stage:print', 'stage:write'] as const;
    const left: Record<string, number> = {};
    const alive: Record<string, number> = {};
    for (const moment of moments) {
      const killed = await killedAt(moment);
      left[moment] = killed.left.length;
      alive[moment] = killed.browsersAtKill;
    }
    // The kills did hit a running browser: from its start on (at the end of render it is most often up too).
    expect(Object.entries(alive).filter(([moment, count]) => count === 0 && !['stage:check', 'stage:render'].includes(moment))).toEqual([]);
    expect(left).toEqual({ 'stage:check': 0, browser: 0, 'stage:render': 0, printing: 0, 'stage:print': 0, 'stage:write': 0 });
  }, 300_000);

  it("leaves its browser's profile, which the next build removes", async () => {
    const temporary = mkdtempSync(join(scratch, 'tmp-'));
    const { left } = await killedAt('printing', { TMPDIR: temporary });
    expect(left).toEqual([]);
    expect(readdirSync(temporary).filter((name) => name.startsWith('paper-chromium-'))).toHaveLength(1);
    const next = await runMain(['build', '.', '--quiet'], paper(), { TMPDIR: temporary, SOURCE_DATE_EPOCH: '1296691200' });
    expect(next.status, next.stderr).toBe(0);
    expect(readdirSync(temporary)).toEqual([]);
  }, 120_000);
});
