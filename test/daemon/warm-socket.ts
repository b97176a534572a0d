import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join, relative } from 'node:path';
import { socketFolder, socketPath } from '../../scripts/daemon/socket-place.js';
import type { WarmAnswer, WarmStatus } from '../../scripts/daemon/warm-protocol.js';

/** The socket a warm process of `paper` listens on, with `XDG_RUNTIME_DIR` at `runtime`. */
export function socketOf(paper: string, runtime: string): string {
  const folder = socketFolder({ XDG_RUNTIME_DIR: runtime });
  if (folder === undefined) throw new Error('No socket folder on this system');
  return socketPath(folder, realpathSync(paper));
}

/**
 * Send `lines` (each a line of its own, as sent) to the socket at `path`, then read its answers
 * until it closes. `afterAccepted` is sent once the warm process has accepted; `closeAfter` ends
 * the connection from this side once an answer matches it (a client that goes mid-command).
 */
export function talk(path: string, lines: string[], options: { afterAccepted?: string[]; closeAfter?: (answer: WarmAnswer) => boolean } = {}): Promise<WarmAnswer[]> {
  return new Promise((resolve, reject) => {
    const answers: WarmAnswer[] = [];
    const socket = createConnection(path);
    let pending = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`No end of the answer from ${path}: ${JSON.stringify(answers)}`));
    }, 60_000);
    socket.on('connect', () => {
      for (const line of lines) socket.write(line);
    });
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(answers);
    });
    socket.setEncoding('utf8').on('data', (chunk: string) => {
      pending += chunk;
      for (let end = pending.indexOf('\n'); end !== -1; end = pending.indexOf('\n')) {
        const answer = JSON.parse(pending.slice(0, end)) as WarmAnswer;
        pending = pending.slice(end + 1);
        answers.push(answer);
        if ('accepted' in answer) for (const line of options.afterAccepted ?? []) socket.write(line);
        if (options.closeAfter?.(answer)) socket.destroy();
      }
    });
  });
}

/** The status of the warm process on `path`. */
export async function statusOf(path: string): Promise<WarmStatus> {
  const answers = await talk(path, [`${JSON.stringify({ kind: 'status' })}\n`]);
  const [answer] = answers;
  if (!answer || !('status' in answer)) throw new Error(`No status: ${JSON.stringify(answers)}`);
  return answer.status;
}

/** Every file under `folder` (but the build lock), by its path there, with its bytes and mode. */
export function filesIn(folder: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(folder, { recursive: true }) as string[]) {
    const path = join(folder, name);
    const info = statSync(path);
    if (!info.isFile()) continue;
    files[relative(folder, path)] = `${(info.mode & 0o777).toString(8)} ${readFileSync(path).toString('base64')}`;
  }
  return files;
}
