import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fromRoot } from '../helpers/paths.js';
import { until } from '../helpers/processes.js';

/**
 * A real `paper watch` for the tests whose subject is the process: started on a free port, asked
 * for its status, and its processes (the browser's among them) found by PID: the descendants of the
 * watch process, read from /proc, never by name.
 */

export interface WatchStatus {
  build: number;
  fresh: boolean;
  errors: number;
  messages: string[];
}

export interface WatchProcess {
  pid: number;
  url: string;
  port: number;
  stdout(): string;
  stderr(): string;
  /** Resolves when the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  hasExited(): boolean;
  status(): Promise<WatchStatus>;
  /** Poll the status until `wanted` holds (a hang detector's limit, not a timing assertion). */
  statusWhen(wanted: (status: WatchStatus) => boolean, what: string, limit?: number): Promise<WatchStatus>;
  /** SIGKILL the process and every process it started (for the tests' own cleanup). */
  killAll(): void;
}

/**
 * Start `paper watch . --port 0` in `folder`. `prefix` runs it under another command (a shell that
 * lowers `ulimit -n` first, for instance): `[...prefix, node, bin/paper.js, watch, …]`.
 */
export async function startWatch(folder: string, options: { env?: NodeJS.ProcessEnv; prefix?: string[] } = {}): Promise<WatchProcess> {
  const [command = process.execPath, ...rest] = [...(options.prefix ?? []), process.execPath, fromRoot('bin/paper.js'), 'watch', '.', '--port', '0'];
  const child = spawn(command, rest, { cwd: folder, env: { ...process.env, ...options.env } });
  if (child.pid === undefined) throw new Error('Cannot start paper watch');
  const pid = child.pid;
  let stdout = '';
  let stderr = '';
  let done = false;
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => {
      done = true;
      resolve({ code, signal });
    });
  });
  const killAll = () => {
    for (const descendant of descendantsOf(pid)) signal(descendant, 'SIGKILL');
    signal(pid, 'SIGKILL');
  };
  await until(() => /Serving http:\/\/127\.0\.0\.1:\d+\//.test(stdout) || done, 'paper watch to serve', 120_000);
  const url = /Serving (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stdout)?.[1];
  if (!url) throw new Error(`paper watch did not start: ${stderr}`);
  const status = async () => (await (await fetch(`${url}status.json`)).json()) as WatchStatus;
  return {
    pid,
    url,
    port: Number(new URL(url).port),
    stdout: () => stdout,
    stderr: () => stderr,
    exited,
    hasExited: () => done,
    status,
    statusWhen: async (wanted, what, limit = 60_000) => {
      let last: WatchStatus | undefined;
      const end = Date.now() + limit;
      while (!last || !wanted(last)) {
        if (Date.now() > end) throw new Error(`Gave up waiting for ${what}; the status is ${JSON.stringify(last)}`);
        if (last) await new Promise((resolve) => setTimeout(resolve, 20));
        last = await status();
      }
      return last;
    },
    killAll,
  };
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // Already gone.
  }
}

interface ProcessEntry {
  pid: number;
  parent: number;
  group: number;
}

/** Every live process's parent and process group, from /proc/PID/stat (zombies left out: they are dead). */
function processTable(): ProcessEntry[] {
  const entries: ProcessEntry[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'latin1');
      // pid (comm) state ppid pgrp …: the command may hold spaces and parentheses, so read after the last `)`.
      const [state, parent, group] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (state === 'Z') continue;
      entries.push({ pid: Number(name), parent: Number(parent), group: Number(group) });
    } catch {
      // Ended while we looked.
    }
  }
  return entries;
}

/** The PIDs of every live process below `pid`: its children, theirs, and so on. */
export function descendantsOf(pid: number, table = processTable()): number[] {
  const found: number[] = [];
  const parents = [pid];
  while (parents.length > 0) {
    const parent = parents.pop();
    for (const entry of table) {
      if (entry.parent !== parent) continue;
      found.push(entry.pid);
      parents.push(entry.pid);
    }
  }
  return found;
}

/**
 * The process groups started below `pid`, other than its own: Puppeteer starts each browser in a
 * group of its own (the browser's helpers join it), so this counts the browsers a process started.
 */
export function browserGroupsOf(pid: number): number[] {
  const entries = processTable();
  const table = new Map(entries.map((entry) => [entry.pid, entry]));
  const own = table.get(pid)?.group;
  const groups = new Set<number>();
  for (const descendant of descendantsOf(pid, entries)) {
    const group = table.get(descendant)?.group;
    if (group !== undefined && group !== own) groups.add(group);
  }
  return [...groups];
}

/** Whether a process with this PID is alive (and not a zombie). */
export function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** The live processes in these process groups (a browser and its helpers). */
export function processesInGroups(groups: Iterable<number>): number[] {
  const wanted = new Set(groups);
  return processTable().flatMap((entry) => (wanted.has(entry.group) ? [entry.pid] : []));
}
