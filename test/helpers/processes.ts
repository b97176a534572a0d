import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fromRoot } from './paths.js';
import type { CliRun } from './run-cli.js';

/** Processes whose environment holds `NAME=value`: what a build started, whatever it is called. */
export function processesCarrying(name: string, value: string): Array<{ pid: number; command: string }> {
  const entry = `${name}=${value}`;
  const found: Array<{ pid: number; command: string }> = [];
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid) || Number(pid) === process.pid) continue;
    try {
      if (!readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0').includes(entry)) continue;
      const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
      if (/\) Z /.test(stat)) continue; // a zombie is already dead, waiting for its parent
      found.push({ pid: Number(pid), command: readFileSync(`/proc/${pid}/cmdline`, 'latin1').replaceAll('\0', ' ').trim() });
    } catch {
      // Ended while we looked.
    }
  }
  return found;
}

/** Poll `condition` every 20 ms until it holds; fail after `limit` ms (a hang detector, not a timing assertion). */
export async function until(condition: () => boolean, what: string, limit = 60_000): Promise<void> {
  const end = Date.now() + limit;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`Gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export interface RunningCli {
  pid: number;
  done: Promise<CliRun & { signal: NodeJS.Signals | null }>;
}

/** Start the compiled `paper` command without waiting for it, to signal it or run another beside it. */
export function startCli(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): RunningCli {
  const child = spawn(process.execPath, [fromRoot('bin/paper.js'), ...args], { cwd, env: { ...process.env, ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const killer = setTimeout(() => child.kill('SIGKILL'), 120_000);
  const done = new Promise<CliRun & { signal: NodeJS.Signals | null }>((resolve) => {
    child.on('close', (status, signal) => {
      clearTimeout(killer);
      resolve({ status, signal, stdout, stderr });
    });
  });
  if (child.pid === undefined) throw new Error('Cannot start the paper command');
  return { pid: child.pid, done };
}
