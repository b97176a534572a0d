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
  /** Peak resident memory in kB, when /usr/bin/time (Debian package `time`) is installed. */
  peakKb: number | undefined;
}

export interface Bounds {
  /** Killed after this many milliseconds: a hang fails the test instead of stalling it. */
  timeoutMs: number;
  /** V8's heap limit (`--max-old-space-size`): a runaway allocation dies instead of swapping. */
  heapMb: number;
}

const time = '/usr/bin/time';

/** Run the compiled `paper` command in its own process, with a kill timeout and a heap limit. */
export function runBounded(args: string[], cwd: string, bounds: Bounds): BoundedRun {
  // coreutils' `timeout` kills the command itself (status 137), so no process outlives the test
  // even under /usr/bin/time; spawnSync's own timeout is only a backstop.
  const seconds = String(Math.ceil(bounds.timeoutMs / 1000));
  const command = ['timeout', '-s', 'KILL', seconds, process.execPath, `--max-old-space-size=${bounds.heapMb}`, fromRoot('bin/paper.js'), ...args];
  const measure = existsSync(time);
  const report = join(tmpdir(), `paper-rss-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`);
  const [file = 'timeout', ...rest] = measure ? [time, '-f', '%M', '-o', report, ...command] : command;
  const result = spawnSync(file, rest, { cwd, encoding: 'utf8', timeout: bounds.timeoutMs + 30_000, killSignal: 'SIGKILL', maxBuffer: 64 * 1024 * 1024 });
  let peakKb: number | undefined;
  if (measure && existsSync(report)) {
    peakKb = Number(readFileSync(report, 'utf8').trim().split('\n').at(-1)) || undefined;
    rmSync(report, { force: true });
  }
  return { status: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr, peakKb };
}
