import { link, lstat, rename, unlink } from 'node:fs/promises';
import { requestedRoot } from './requested-paper.js';
import { notPrivate, socketFolder, socketPath } from './socket-place.js';
import { encode, lineReader, sameness, type Interrupt, type WarmAnswer } from './warm-protocol.js';

export interface AskOptions {
  env?: NodeJS.ProcessEnv | undefined;
  /** This process's interrupts (`catchInterrupts`), forwarded to the command once the warm process has taken it. */
  interrupts?: { signal: AbortSignal; received(): Interrupt | undefined } | undefined;
  /** How long the warm process may take to accept the request before the command runs cold. */
  acceptMilliseconds?: number | undefined;
}

/**
 * Ask the warm process of the paper `argv` is about to run the command, writing what it writes to
 * `output`, and give its exit code; or undefined when there is no such process, it cannot give the
 * answer a cold run would (other code, another environment), or it does not take the request in
 * time: then the caller runs the command itself. Until a warm process is found this costs a few
 * `stat` calls: the socket's folder, the paper's folder, the socket.
 */
export async function askWarm(argv: string[], cwd: string, output: { stdout: (text: string) => void; stderr: (text: string) => void }, options: AskOptions = {}): Promise<number | undefined> {
  const env = options.env ?? process.env;
  const folder = socketFolder(env);
  if (folder === undefined || notPrivate(folder, await lstat(folder).catch(() => undefined)) !== undefined) return undefined;
  const root = await requestedRoot(argv, cwd);
  if (root === undefined) return undefined;
  const path = socketPath(folder, root);
  const found = await lstat(path).catch(() => undefined);
  if (!found?.isSocket()) return undefined;
  // Loaded only when a socket is there: a cold run does not pay for it.
  const { createConnection } = await import('node:net');
  return new Promise((resolve) => {
    const socket = createConnection(path);
    let accepted = false;
    let wrote = false;
    let settled = false;
    const interrupts = options.interrupts;
    const forward = () => {
      const signal = interrupts?.received();
      if (signal && socket.writable) socket.write(encode({ interrupt: signal }));
    };
    const settle = (code: number | undefined) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      interrupts?.signal.removeEventListener('abort', forward);
      socket.destroy();
      resolve(code);
    };
    /** The warm process went before the command's end: after output, the command cannot be run again here. */
    const cut = () => {
      if (settled) return;
      if (!wrote) return settle(undefined);
      output.stderr(`paper ${argv[0]}: the warm process answering it stopped before the command ended; run it again (\`--no-daemon\` runs it here)`);
      settle(1);
    };
    const timer = setTimeout(() => settle(undefined), options.acceptMilliseconds ?? 1000);
    socket.on('connect', () => socket.write(encode({ kind: 'run', argv, cwd, ...sameness(env) })));
    let refused = false;
    socket.on('error', (error: NodeJS.ErrnoException) => {
      refused = error.code === 'ECONNREFUSED';
      // Nobody listens: its process is gone. The command runs cold once the socket is removed.
      if (refused) void removeStale(path, found.ino).finally(cut);
    });
    socket.on('close', () => {
      if (!refused) cut();
    });
    socket.on(
      'data',
      lineReader((line) => {
        let answer: WarmAnswer | null;
        try {
          answer = JSON.parse(line) as WarmAnswer | null;
        } catch {
          return cut();
        }
        if (typeof answer !== 'object' || answer === null) return cut();
        if ('accepted' in answer) {
          accepted = true;
          clearTimeout(timer);
          if (interrupts?.signal.aborted) forward();
          else interrupts?.signal.addEventListener('abort', forward, { once: true });
        } else if ('stdout' in answer && accepted) {
          wrote = true;
          output.stdout(answer.stdout);
        } else if ('stderr' in answer && accepted) {
          wrote = true;
          output.stderr(answer.stderr);
        } else if ('exit' in answer && accepted) settle(answer.exit);
        else cut();
      }),
    );
  });
}

/**
 * Remove the socket of a warm process that is gone (a `paper watch` killed), without removing one
 * that a new warm process has just put in its place: the name is moved aside in one step and
 * removed if it is still the socket that refused, else put back.
 */
async function removeStale(path: string, inode: number): Promise<void> {
  const aside = `${path}.${process.pid}.stale`;
  try {
    await rename(path, aside);
  } catch {
    return;
  }
  const moved = await lstat(aside).catch(() => undefined);
  if (moved && moved.ino !== inode) await link(aside, path).catch(() => undefined);
  await unlink(aside).catch(() => undefined);
}
