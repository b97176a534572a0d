import type { Stats } from 'node:fs';
import { lstat, mkdir } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';

/**
 * Where a warm process (`paper watch`, `paper lsp`) listens for the commands it answers: a Unix
 * domain socket (never TCP, so nothing on the network reaches it) in a folder only this user can
 * enter, named for the paper folder it serves. No such place on Windows, or without a user id:
 * there every command runs cold. Every command looks here before it runs, so this module loads
 * neither `node:crypto` nor `node:os`, which `paper check` does not load otherwise (together ~3 ms).
 */

/** `$XDG_RUNTIME_DIR/paper` when the session has one, else `paper-UID` in the temporary folder. */
export function socketFolder(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const uid = process.getuid?.();
  if (uid === undefined || process.platform === 'win32') return undefined;
  const runtime = env.XDG_RUNTIME_DIR;
  return runtime && isAbsolute(runtime) ? join(runtime, 'paper') : join(temporaryFolder(env), `paper-${uid}`);
}

/** The temporary folder as `os.tmpdir()` finds it on a Unix: `TMPDIR`, `TMP`, `TEMP`, else /tmp. */
function temporaryFolder(env: NodeJS.ProcessEnv): string {
  const folder = env.TMPDIR || env.TMP || env.TEMP || '/tmp';
  return folder.length > 1 && folder.endsWith('/') ? folder.slice(0, -1) : folder;
}

/**
 * The socket of the paper folder whose real path (links resolved) is `realRoot`: its 128-bit
 * FNV-1a hash, so the whole path stays under the 104 bytes a socket's name may have on macOS. Two
 * folders of one name would cost only speed: the warm process checks the folder of every request.
 */
export function socketPath(folder: string, realRoot: string): string {
  return join(folder, `${fnv1a128(realRoot).toString(16).padStart(32, '0')}.sock`);
}

const fnvPrime = 0x0000000001000000000000000000013bn;
const fnvOffset = 0x6c62272e07bb014262b821756295c58dn;
const bits128 = (1n << 128n) - 1n;

function fnv1a128(text: string): bigint {
  let hash = fnvOffset;
  for (const byte of Buffer.from(text, 'utf8')) hash = ((hash ^ BigInt(byte)) * fnvPrime) & bits128;
  return hash;
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
