import { readdirSync, readFileSync } from 'node:fs';
import { fromRoot } from './paths.js';
import { processesCarrying } from './processes.js';

/**
 * Builds stopped at a chosen moment, to be killed or signalled there (the environment that makes
 * `bin/paper.js` stop itself, pause-build.mjs), and the processes a killed build left running.
 */

export type PauseMoment = 'stage:check' | 'stage:render' | 'stage:print' | 'stage:write' | 'printing';

/** The environment for `startCli` that makes the command stop itself (SIGSTOP) when `moment` comes. */
export function pausingAt(moment: PauseMoment): NodeJS.ProcessEnv {
  const preload = `--import=${fromRoot('test/helpers/pause-build.mjs')}`;
  return { NODE_OPTIONS: [process.env.NODE_OPTIONS, preload].filter(Boolean).join(' '), PAPER_PAUSE_AT: moment };
}

/** Whether the process is stopped (state T in /proc/PID/stat); false once it has ended. */
export function isStopped(pid: number): boolean {
  return statOf(pid)?.state === 'T';
}

/** A process's state letter and session id, from /proc/PID/stat; undefined once it has ended. */
function statOf(pid: number): { state: string; session: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    // After the command's closing parenthesis: state, parent, process group, session, …
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0] ?? '', session: Number(fields[3]) };
  } catch {
    return undefined;
  }
}

export interface Started {
  pid: number;
  command: string;
}

/**
 * What a build started, found by PID: the processes carrying `NAME=value` in their environment
 * (the build's mark, which its browser inherits), and every process in their sessions (Chromium
 * starts its helpers in its own session, some with an emptied environment). The session of
 * `besides` (the build itself, which shares the test's session) is left out.
 */
export function startedBy(name: string, value: string, besides: number): { processes: Started[]; sessions: Set<number> } {
  const own = statOf(besides)?.session ?? statOf(process.pid)?.session;
  const marked = processesCarrying(name, value).filter((found) => found.pid !== besides);
  const sessions = new Set(marked.map((found) => statOf(found.pid)?.session).filter((session): session is number => session !== undefined && session !== own));
  return { processes: [...marked, ...inSessions(sessions).filter((found) => !marked.some((other) => other.pid === found.pid))], sessions };
}

/** The live processes (not zombies) in these sessions. */
function inSessions(sessions: ReadonlySet<number>): Started[] {
  const found: Started[] = [];
  if (sessions.size === 0) return found;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    const stat = statOf(pid);
    if (!stat || stat.state === 'Z' || !sessions.has(stat.session)) continue;
    try {
      found.push({ pid, command: readFileSync(`/proc/${pid}/cmdline`, 'latin1').replaceAll('\0', ' ').trim() });
    } catch {
      // Ended while we looked.
    }
  }
  return found;
}

/**
 * The processes still alive, out of those a build started (its mark, and the sessions found while
 * it ran), once they have had `limit` ms to end (less if they all end sooner). The caller kills
 * them (`killAll`) after looking.
 */
export async function survivors(name: string, value: string, sessions: ReadonlySet<number>, limit = 20_000): Promise<Started[]> {
  const alive = () => {
    const marked = processesCarrying(name, value);
    return [...marked, ...inSessions(sessions).filter((found) => !marked.some((other) => other.pid === found.pid))];
  };
  const end = Date.now() + limit;
  let left = alive();
  while (left.length > 0 && Date.now() < end) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    left = alive();
  }
  return left;
}

export function killAll(processes: Array<{ pid: number }>): void {
  for (const { pid } of processes) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}
