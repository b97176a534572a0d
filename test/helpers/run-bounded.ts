/**
 * Runs the compiled `paper` command in a process of its own, bounded in time and heap, and reports
 * its peak memory: hostile input must be killed when it hangs, stopped by a heap limit, and kept
 * under a memory bound, which only a process can be held to. The peak is measured by the process
 * itself (report-peak-rss.mjs), so nothing beyond Node.js is needed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromRoot } from './paths.js';

export interface BoundedRun {
  status: number | null;
  /** The signal that ended the command, if the backstop timeout had to. A command that outran its time exits 137. */
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Peak resident memory in kB; undefined when the process did not exit by itself (killed, or out of heap). */
  peakKb: number | undefined;
}

export interface Bounds {
  /** Killed after this many milliseconds: a hang fails the test instead of stalling it. */
  timeoutMs: number;
  /** V8's heap limit (`--max-old-space-size`): a runaway allocation dies instead of swapping. */
  heapMb: number;
}

/** Run the compiled `paper` command in its own process, with a kill timeout and a heap limit. */
export function runBounded(args: string[], cwd: string, bounds: Bounds): BoundedRun {
  // coreutils' `timeout` kills the command itself (status 137), so no process outlives the test;
  // spawnSync's own timeout is only a backstop.
  const seconds = String(Math.ceil(bounds.timeoutMs / 1000));
  const report = join(tmpdir(), `paper-rss-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`);
  const preload = `--import=${fromRoot('test/helpers/report-peak-rss.mjs')}`;
  const command = [seconds, process.execPath, `--max-old-space-size=${bounds.heapMb}`, preload, fromRoot('bin/paper.js'), ...args];
  const result = spawnSync('timeout', ['-s', 'KILL', ...command], {
    cwd,
    env: { ...process.env, PAPER_PEAK_RSS_FILE: report },
    encoding: 'utf8',
    timeout: bounds.timeoutMs + 30_000,
    killSignal: 'SIGKILL',
    maxBuffer: 64 * 1024 * 1024,
  });
  let peakKb: number | undefined;
  if (existsSync(report)) {
    peakKb = Number(readFileSync(report, 'utf8').trim()) || undefined;
    rmSync(report, { force: true });
  }
  return { status: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr, peakKb };
}
