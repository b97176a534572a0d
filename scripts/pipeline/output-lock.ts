import { lock } from 'proper-lockfile';
import { join } from 'node:path';

/** The lock's name in the output folder (a directory, as proper-lockfile makes it). */
export const lockName = '.paper-build.lock';

export class OutputLockedError extends Error {}

/**
 * Run `place` (the renames that put a build's outputs into the output folder) holding the output
 * folder's lock, so two builds into one folder put their outputs there one after the other: the
 * HTML and the PDF in the folder always come from the same build. A build waits its turn (the
 * renames take milliseconds); a lock left by a killed build is stale once it is `stale` ms old
 * (proper-lockfile refreshes a live one), and is then taken over.
 */
export async function withOutputLock<T>(out: string, place: () => Promise<T>, options: { stale?: number; wait?: number } = {}): Promise<T> {
  const stale = options.stale ?? 10_000;
  const wait = options.wait ?? stale * 3;
  const interval = 100;
  let release: () => Promise<void>;
  try {
    release = await lock(out, {
      lockfilePath: join(out, lockName),
      stale,
      realpath: false,
      retries: { retries: Math.ceil(wait / interval), factor: 1, minTimeout: interval, maxTimeout: interval },
      // The default throws from a timer (a crash with a stack trace) when the lock's refresh fails;
      // the renames it guards take milliseconds and finish either way.
      onCompromised: () => undefined,
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error;
    throw new OutputLockedError(`Another build has held \`${join(out, lockName)}\` for more than ${Math.round(wait / 1000)} s; if no build is running, remove it`);
  }
  try {
    return await place();
  } finally {
    await release().catch(() => undefined);
  }
}
