import { rmSync, statSync, type Stats } from 'node:fs';
import { lstat, mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { lock } from 'proper-lockfile';
import { shownPath } from '../diagnostics/format-messages.js';
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
    private readonly cwd: string,
    private readonly unregister: () => void,
  ) {}

  /** A new staging folder in `out`, which is made if need be. */
  static async open(out: string, cwd: string): Promise<Staging> {
    await mkdir(out, { recursive: true }).catch((error: unknown) => {
      throw outputFolderProblem(error, out, cwd, true);
    });
    const folder = await mkdtemp(join(out, '.staging-')).catch((error: unknown) => {
      throw outputFolderProblem(error, out, cwd);
    });
    return new Staging(folder, out, cwd, onForcedExit(() => rmSync(folder, { recursive: true, force: true })));
  }

  pathOf(name: string): string {
    return join(this.folder, name);
  }

  async write(name: string, data: string | Uint8Array): Promise<string> {
    const path = this.pathOf(name);
    await writeFile(path, data).catch((error: unknown) => {
      throw outputFolderProblem(error, this.out, this.cwd);
    });
    return path;
  }

  /**
   * Move the staged outputs into the output folder, each with one atomic rename, under the lock.
   * `stillWanted` is asked once the lock is held: an interrupted build places nothing.
   */
  async commit(names: string[], stillWanted: () => boolean = () => true): Promise<string[]> {
    return withOutputLock(
      this.out,
      async () => {
        const placed: string[] = [];
        if (!stillWanted()) return placed;
        for (const name of names) {
          const target = join(this.out, name);
          await rename(this.pathOf(name), target).catch((error: unknown) => {
            throw outputFolderProblem(error, this.out, this.cwd);
          });
          placed.push(target);
        }
        return placed;
      },
      { cwd: this.cwd },
    );
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

/** The output folder cannot be used as it is (a file, read-only, full, not permitted): the user's to fix, with the path in the message. */
export class OutputFolderError extends Error {}

/**
 * Run `place` (the renames that put a build's outputs into the output folder) holding the output
 * folder's lock, so two builds into one folder put their outputs there one after the other: the
 * HTML and the PDF in the folder always come from the same build. A build waits its turn (the
 * renames take milliseconds); a lock left by a killed build is stale once it is `stale` ms old
 * (proper-lockfile refreshes a live one), and is then taken over.
 */
export async function withOutputLock<T>(out: string, place: () => Promise<T>, options: { stale?: number; wait?: number; cwd?: string } = {}): Promise<T> {
  const stale = options.stale ?? 10_000;
  const wait = options.wait ?? stale * 3;
  const interval = 100;
  const lockPath = join(out, lockName);
  if ((await lstat(lockPath).catch(() => undefined))?.isDirectory() === false) {
    throw new OutputFolderError(`Cannot lock the output folder: \`${shownPath(lockPath, options.cwd ?? out)}\` is a file, not a build's lock (a folder); remove it`);
  }
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
    if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw outputFolderProblem(error, out, options.cwd ?? out);
    throw new OutputLockedError(`Another build has held \`${join(out, lockName)}\` for more than ${Math.round(wait / 1000)} s; if no build is running, remove it`);
  }
  try {
    return await place();
  } finally {
    await release().catch(() => undefined);
  }
}

/**
 * A failure to use the output folder that is the user's environment (the folder is a file, or below
 * one; read-only; full; not permitted) as an `OutputFolderError` naming the path and what to do;
 * anything else (a bug) as it is. `making` says the error came from making the folder itself.
 */
function outputFolderProblem(error: unknown, out: string, cwd: string, making = false): unknown {
  if (error instanceof OutputFolderError || error instanceof OutputLockedError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const where = `Cannot write the outputs into \`${shownPath(out, cwd)}\``;
  const elsewhere = 'choose another folder with `--out`';
  if (making && (code === 'EEXIST' || code === 'ENOTDIR')) {
    const file = fileOnPath(out);
    if (file !== undefined) return new OutputFolderError(`${where}: ${file === out ? 'it' : `\`${shownPath(file, cwd)}\``} is a file, not a folder; remove it, or ${elsewhere}`);
  }
  const why: Record<string, string> = {
    EROFS: 'its file system is read-only; make it writable',
    ENOSPC: 'no space is left on its device; free some space',
    EDQUOT: 'the disk quota is used up; free some space',
    EACCES: 'permission is denied; make it writable for this user',
    EPERM: 'permission is denied; make it writable for this user',
  };
  return code !== undefined && why[code] !== undefined ? new OutputFolderError(`${where}: ${why[code]}, or ${elsewhere}`) : error;
}

/** `path` or the first of its parent folders that exists, when that is not a folder. */
function fileOnPath(path: string): string | undefined {
  for (let current = path; ; current = dirname(current)) {
    const info = statOrUndefined(current);
    if (info) return info.isDirectory() ? undefined : current;
    if (dirname(current) === current) return undefined;
  }
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}
