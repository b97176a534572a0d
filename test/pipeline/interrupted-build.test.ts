import { randomUUID } from 'node:crypto';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isStopped, pausingAt, startedBy, survivors } from '../helpers/killed-builds.js';
import { fromRoot } from '../helpers/paths.js';
import { processesCarrying, startCli, until, type RunningCli } from '../helpers/processes.js';

/**
 * `paper build` interrupted half-way: the staging folder goes, the browser goes, the previous
 * outputs stay byte for byte, and the command says so in one line with the shell's exit code.
 */

const scratch = mkdtempSync(join(tmpdir(), 'paper-interrupt-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function paperWithPreviousOutputs(name: string): { folder: string; out: string } {
  const folder = join(scratch, name);
  cpSync(fromRoot('test/fixtures/papers/mini'), folder, { recursive: true });
  const out = join(folder, 'build');
  mkdirSync(out);
  writeFileSync(join(out, 'paper.html'), 'previous html');
  writeFileSync(join(out, 'paper.pdf'), 'previous pdf');
  return { folder, out };
}

const exitCodes = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 } as const;

/**
 * Signal the build (and let it go on, if it stopped itself), and check what it leaves: its one
 * line, its exit code, the old outputs, no process.
 */
async function interrupt(build: RunningCli, signal: keyof typeof exitCodes, out: string, mark: string): Promise<void> {
  process.kill(build.pid, signal);
  process.kill(build.pid, 'SIGCONT');
  const run = await build.done;
  expect(run.status).toBe(exitCodes[signal]);
  expect(run.stderr).toBe(`paper build: interrupted by ${signal}; nothing was written, the previous outputs are unchanged\n`);
  expect(readdirSync(out).sort()).toEqual(['paper.html', 'paper.pdf']);
  expect(readFileSync(join(out, 'paper.html'), 'utf8')).toBe('previous html');
  expect(readFileSync(join(out, 'paper.pdf'), 'utf8')).toBe('previous pdf');
  await until(() => processesCarrying('PAPER_INTERRUPT_TEST', mark).length === 0, 'the browser to be gone', 10_000);
}

describe('an interrupted build', () => {
  it('on SIGINT while printing: removes the staging folder, kills the browser, exits 130', async () => {
    const { folder, out } = paperWithPreviousOutputs('sigint');
    // A browser that never answers keeps the build in its print stage, with the HTML staged.
    const browser = join(scratch, 'stuck-chromium');
    writeFileSync(browser, '#!/bin/sh\nsleep 300\n');
    chmodSync(browser, 0o755);
    const mark = randomUUID();
    // A process: the test delivers SIGINT to it, reads its exit code, and counts the browsers it leaves.
    const build = startCli(['build', '.', '--quiet'], folder, { PUPPETEER_EXECUTABLE_PATH: browser, PAPER_BROWSER_TIMEOUT: '100000', PAPER_INTERRUPT_TEST: mark });
    await until(() => readdirSync(out).some((name) => name.startsWith('.staging-')), 'the staging folder');
    await until(() => processesCarrying('PAPER_INTERRUPT_TEST', mark).some((process) => process.command.includes('sleep 300')), 'the browser');
    await interrupt(build, 'SIGINT', out, mark);
  });

  it('on SIGTERM with Chromium running: the same, exit 143', async () => {
    const { folder, out } = paperWithPreviousOutputs('sigterm');
    const mark = randomUUID();
    // A process: the test delivers SIGTERM to it, reads its exit code, and counts the browsers it leaves.
    const build = startCli(['build', '.', '--quiet'], folder, { PAPER_INTERRUPT_TEST: mark });
    // Chromium starts right after the checks, while the paper renders: the build is mid-way.
    await until(() => processesCarrying('PAPER_INTERRUPT_TEST', mark).some((process) => /chrom/.test(process.command)), 'Chromium');
    await interrupt(build, 'SIGTERM', out, mark);
  });

  it('on SIGHUP while Chromium prints (the terminal closed): the same, exit 129', async () => {
    const { folder, out } = paperWithPreviousOutputs('sighup');
    const mark = randomUUID();
    // A process: it stops itself as Chromium is asked to print, and the test sends it SIGHUP there.
    const build = startCli(['build', '.', '--quiet'], folder, { PAPER_INTERRUPT_TEST: mark, ...pausingAt('printing') });
    await until(() => isStopped(build.pid), 'the build to print');
    expect(readdirSync(out).filter((name) => name.startsWith('.staging-'))).toHaveLength(1);
    const started = startedBy('PAPER_INTERRUPT_TEST', mark, build.pid);
    expect(started.processes.some((found) => /chrom/.test(found.command))).toBe(true);
    await interrupt(build, 'SIGHUP', out, mark);
    expect(await survivors('PAPER_INTERRUPT_TEST', mark, started.sessions, 10_000)).toEqual([]);
  });
});
