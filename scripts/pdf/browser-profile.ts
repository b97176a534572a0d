import { readlinkSync, rmSync } from 'node:fs';
import { mkdtemp, readdir, readlink, rm, stat } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';

/**
 * The printing browser's profile (`--user-data-dir`): a fresh folder in the temporary folder for
 * each browser, removed when it closes. A build killed outright cannot remove it (2 MB each), so
 * each new profile first sweeps away those whose browser is gone: Chromium names its process in
 * the profile's `SingletonLock` (`HOST-PID`) for as long as it runs. A browser that was killed
 * also leaves the folder of its `SingletonSocket` (`org.chromium.Chromium.*` in the temporary
 * folder), which the profile links to: it goes with the profile.
 */

const prefix = 'paper-chromium-';
/** A profile with no lock this old is left over: a browser takes its lock as it starts. */
const lockless = 60 * 60_000;

export async function makeProfile(): Promise<string> {
  await sweepProfiles().catch(() => undefined);
  return mkdtemp(join(tmpdir(), prefix));
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
      if (await isLeftOver(profile)) await removeProfile(profile);
    }),
  );
}

async function isLeftOver(profile: string): Promise<boolean> {
  const lock = await readlink(join(profile, 'SingletonLock')).catch(() => undefined);
  if (lock === undefined) {
    const info = await stat(profile).catch(() => undefined);
    return info !== undefined && Date.now() - info.mtimeMs > lockless;
  }
  const at = lock.lastIndexOf('-');
  const host = lock.slice(0, at);
  const pid = Number(lock.slice(at + 1));
  // Another machine's browser (a shared temporary folder) may well be running.
  if (host !== hostname() || !Number.isInteger(pid) || pid <= 0) return false;
  return !isRunning(pid);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: running, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
