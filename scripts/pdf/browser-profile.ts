import { readlinkSync, rmSync } from 'node:fs';
import { mkdtemp, readdir, readlink, rm } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { isGoneHere } from '../source/process-gone.js';

/**
 * The printing browser's profile (`--user-data-dir`): a fresh folder in the temporary folder for
 * each browser, removed when it closes. A build killed outright cannot remove it (2 MB each), so
 * each new profile first sweeps away those left over: the folder's name holds the host and the
 * process of the build that made it, and once that process is gone, so is its browser (it quits
 * when the pipe to its build closes) as soon as Chromium's own `SingletonLock` (`HOST-PID`) no
 * longer names a running process. The browser's own temporary files (its `TMPDIR`, which
 * `start-browser.ts` sets to the profile's `tmp/`) go with the profile; so does the folder of its
 * `SingletonSocket`, which the profile links to, should a browser have made it in the temporary
 * folder (`org.chromium.Chromium.*`).
 */

const prefix = 'paper-chromium-';
/** `paper-chromium-PID-HOST-XXXXXX`: the build that made it (mkdtemp adds six characters). */
const owned = /^paper-chromium-(\d+)-(.+)-[^-]{6}$/;

export async function makeProfile(): Promise<string> {
  await sweepProfiles().catch(() => undefined);
  return mkdtemp(join(tmpdir(), `${prefix}${process.pid}-${hostname()}-`));
}

export async function removeProfile(profile: string): Promise<void> {
  const socket = socketFolder(await readlink(join(profile, 'SingletonSocket')).catch(() => undefined));
  await Promise.all([profile, socket].map((folder) => folder && rm(folder, { recursive: true, force: true, maxRetries: 3 }).catch(() => undefined)));
}

/** For a process that must exit now. */
export function removeProfileNow(profile: string): void {
  let link: string | undefined;
  try {
    link = readlinkSync(join(profile, 'SingletonSocket'));
  } catch {
    // No socket (yet).
  }
  for (const folder of [profile, socketFolder(link)]) {
    try {
      if (folder) rmSync(folder, { recursive: true, force: true, maxRetries: 3 });
    } catch {
      // Swept by the next build.
    }
  }
}

/** The folder of the browser's singleton socket, when it is Chromium's own in the temporary folder. */
function socketFolder(link: string | undefined): string | undefined {
  if (!link) return undefined;
  const folder = dirname(link);
  return dirname(folder) === tmpdir() && basename(folder).startsWith('org.chromium.Chromium.') ? folder : undefined;
}

/** Remove the profiles of browsers that are no longer running. */
async function sweepProfiles(): Promise<void> {
  const folder = tmpdir();
  const names = (await readdir(folder)).filter((name) => name.startsWith(prefix));
  await Promise.all(
    names.map(async (name) => {
      const profile = join(folder, name);
      if (await isLeftOver(name, profile)) await removeProfile(profile);
    }),
  );
}

async function isLeftOver(name: string, profile: string): Promise<boolean> {
  const owner = owned.exec(name);
  if (!owner || !isGoneHere(owner[2] ?? '', Number(owner[1]))) return false;
  const lock = await readlink(join(profile, 'SingletonLock')).catch(() => undefined);
  if (lock === undefined) return true;
  const at = lock.lastIndexOf('-');
  return isGoneHere(lock.slice(0, at), Number(lock.slice(at + 1)));
}
