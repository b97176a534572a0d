import { rmSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { lock } from 'proper-lockfile';
import { manifestName, serializeManifest } from '../manifest/build-manifest.js';
import { makeManifest, type ManifestFacts } from '../manifest/make-manifest.js';
import { onForcedExit } from '../source/forced-exit.js';

/**
 * The write stage. Outputs are written into a temporary folder inside the output folder (so the
 * final renames stay on one file system), and moved into place only once all of them exist: a
 * build that fails half-way, or is interrupted, leaves the previous outputs exactly as they were.
 * The renames hold the output folder's lock, so concurrent builds never interleave their outputs.
 */
export class Staging {
  private constructor(
    readonly folder: string,
    private readonly out: string,
    private readonly unregister: () => void,
  ) {}

  static async open(out: string): Promise<Staging> {
    await mkdir(out, { recursive: true });
    const folder = await mkdtemp(join(out, '.staging-'));
    return new Staging(folder, out, onForcedExit(() => rmSync(folder, { recursive: true, force: true })));
  }

  pathOf(name: string): string {
    return join(this.folder, name);
  }

  async write(name: string, data: string | Uint8Array): Promise<string> {
    const path = this.pathOf(name);
    await writeFile(path, data);
    return path;
  }

  /**
   * Move the staged outputs into the output folder, each with one atomic rename, under the lock.
   * `stillWanted` is asked once the lock is held: an interrupted build places nothing.
   */
  async commit(names: string[], stillWanted: () => boolean = () => true): Promise<string[]> {
    return withOutputLock(this.out, async () => {
      const placed: string[] = [];
      if (!stillWanted()) return placed;
      for (const name of names) {
        const target = join(this.out, name);
        await rename(this.pathOf(name), target);
        placed.push(target);
      }
      return placed;
    });
  }

  async dispose(): Promise<void> {
    await rm(this.folder, { recursive: true, force: true });
    this.unregister();
  }
}

/**
 * The end of the write stage: the manifest written last, then every output moved into the output
 * folder. A reader never sees a manifest naming outputs not yet in place. Returns the paths placed
 * (none when `stillWanted` said no once the lock was held).
 */
export async function placeOutputs(staging: Staging, facts: ManifestFacts, stillWanted: () => boolean): Promise<string[]> {
  await staging.write(manifestName, serializeManifest(await makeManifest(facts)));
  return staging.commit([...facts.outputs.map((output) => output.name), manifestName], stillWanted);
}

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
