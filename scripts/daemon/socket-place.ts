import { createHash } from 'node:crypto';
import type { Stats } from 'node:fs';
import { lstat, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';

/**
 * Where a warm process (`paper watch`, `paper lsp`) listens for the commands it answers: a Unix
 * domain socket (never TCP, so nothing on the network reaches it) in a folder only this user can
 * enter, named for the paper folder it serves. No such place on Windows, or without a user id:
 * there every command runs cold.
 */

/** `$XDG_RUNTIME_DIR/paper` when the session has one, else `paper-UID` in the temporary folder. */
export function socketFolder(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const uid = process.getuid?.();
  if (uid === undefined || process.platform === 'win32') return undefined;
  const runtime = env.XDG_RUNTIME_DIR;
  return runtime && isAbsolute(runtime) ? join(runtime, 'paper') : join(tmpdir(), `paper-${uid}`);
}

/**
 * The socket of the paper folder whose real path (links resolved) is `realRoot`: its sha256, cut
 * to 128 bits so the whole path stays under the 104 bytes a socket's name may have on macOS.
 */
export function socketPath(folder: string, realRoot: string): string {
  return join(folder, `${createHash('sha256').update(realRoot).digest('hex').slice(0, 32)}.sock`);
}

/**
 * Why `folder` must not be used, or undefined when it is private: a folder itself (a link to one
 * could be anyone's), this user's, and closed to everyone else. Another user who made it first in
 * the shared temporary folder could otherwise answer this user's commands, or read them.
 */
export function notPrivate(folder: string, info: Stats | undefined): string | undefined {
  if (!info) return `\`${folder}\` does not exist`;
  if (!info.isDirectory()) return `\`${folder}\` is not a folder`;
  if (info.uid !== process.getuid?.()) return `\`${folder}\` belongs to another user`;
  if ((info.mode & 0o077) !== 0) return `\`${folder}\` is open to other users (mode ${(info.mode & 0o777).toString(8)}; 700 is needed)`;
  return undefined;
}

/** The folder of the sockets, made if missing (mode 700); or why it cannot be used. */
export async function privateSocketFolder(env: NodeJS.ProcessEnv = process.env): Promise<{ folder: string } | { problem: string }> {
  const folder = socketFolder(env);
  if (folder === undefined) return { problem: 'this system has no private Unix domain sockets' };
  await mkdir(folder, { mode: 0o700 }).catch(() => undefined);
  const problem = notPrivate(folder, await lstat(folder).catch(() => undefined));
  return problem === undefined ? { folder } : { problem };
}
