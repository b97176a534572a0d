import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, type Stats } from 'node:fs';
import { lstat, mkdir, mkdtemp, open, readdir, rm, rmdir, utimes } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { lock } from 'proper-lockfile';
import { shownPath } from '../diagnostics/format-messages.js';
import { manifestName, outputNames, parseManifest, placingName, serializeManifest } from '../manifest/build-manifest.js';
import { makeManifest, type ManifestFacts } from '../manifest/make-manifest.js';
import { onForcedExit } from '../source/forced-exit.js';

/**
 * The write stage. Outputs are written into a staging folder inside the output folder (so they can
 * be renamed into place on one file system), synced to disk, and placed only once all of them and
 * the manifest exist: a build that fails half-way, or is interrupted, leaves the previous outputs
 * exactly as they were. Placing holds the output folder's lock, so concurrent builds never
 * interleave their outputs.
 *
 * Placing is a journal of renames, not one rename. The outputs stay plain files at plain paths
 * (`build/paper.html` is what people open, copy, zip, commit and upload; a symbolic link into a
 * version folder, which would make the swap one rename, is copied as a link by `cp -a`, `tar`,
 * `rsync -a` and git). So the staging folder is first renamed to `.placing` (one atomic rename:
 * from then on the new set is decided), then its files are renamed out of it one by one, the
 * manifest last, in one synchronous run that no signal handler, timer or other build can cut into.
 * Only a SIGKILL or a power cut in those few microseconds leaves the HTML of one build beside the
 * PDF or manifest of the other; the rest of the new set then waits in `.placing`, and the next
 * build (or `paper verify`) moves it into place before it reads the folder.
 */

/** A staging folder older than this was left by a build that is gone: a running one keeps its own fresher. Also the lock's stale time. */
export const staleTime = 10_000;

const stagingPrefix = '.staging-';

/** The lock's name in the output folder (a directory, as proper-lockfile makes it). */
export const lockName = '.paper-build.lock';

export class OutputLockedError extends Error {}

/** The output folder cannot be used as it is (a file, read-only, full, not permitted): the user's to fix, with the path in the message. */
export class OutputFolderError extends Error {}

export class Staging {
  private heartbeat: NodeJS.Timeout | undefined;

  private constructor(
    readonly folder: string,
    private readonly out: string,
    private readonly cwd: string,
    private readonly unregister: () => void,
  ) {
    // A running build keeps its staging folder fresh, so that another build's sweep never takes it, however long the print.
    this.heartbeat = setInterval(() => {
      const now = new Date();
      utimes(folder, now, now).catch(() => undefined);
    }, staleTime / 4).unref();
  }

  /** A new staging folder in `out` (made if need be), after removing those that builds killed long ago left there. */
  static async open(out: string, cwd: string): Promise<Staging> {
    await mkdir(out, { recursive: true }).catch((error: unknown) => {
      throw outputFolderProblem(error, out, cwd, true);
    });
    await sweepStaging(out);
    const folder = await mkdtemp(join(out, stagingPrefix)).catch((error: unknown) => {
      throw outputFolderProblem(error, out, cwd);
    });
    return new Staging(folder, out, cwd, onForcedExit(() => rmSync(folder, { recursive: true, force: true })));
  }

  pathOf(name: string): string {
    return join(this.folder, name);
  }

  /** Write one output, and sync it to disk: what is renamed into place later is whole even after a power cut. */
  async write(name: string, data: string | Uint8Array): Promise<string> {
    const path = this.pathOf(name);
    try {
      const file = await open(path, 'w');
      try {
        await file.writeFile(data);
        await file.sync();
      } finally {
        await file.close();
      }
    } catch (error) {
      throw outputFolderProblem(error, this.out, this.cwd);
    }
    return path;
  }

  /**
   * Place the staged outputs and manifest in the output folder, under the lock, and return their
   * paths. `stillWanted` is asked once the lock is held: an interrupted build places nothing.
   */
  async commit(stillWanted: () => boolean = () => true): Promise<string[]> {
    return withOutputLock(
      this.out,
      () => {
        try {
          placeWaitingOutputs(this.out);
          if (!stillWanted()) return [];
          clearInterval(this.heartbeat);
          syncFolder(this.folder);
          renameSync(this.folder, join(this.out, placingName));
          return placeWaitingOutputs(this.out);
        } catch (error) {
          throw outputFolderProblem(error, this.out, this.cwd);
        }
      },
      { cwd: this.cwd },
    );
  }

  async dispose(): Promise<void> {
    clearInterval(this.heartbeat);
    await rm(this.folder, { recursive: true, force: true });
    this.unregister();
  }
}

/**
 * The end of the write stage: the manifest written last, then every output placed in the output
 * folder. Returns the paths placed (none when `stillWanted` said no once the lock was held).
 */
export async function placeOutputs(staging: Staging, facts: ManifestFacts, stillWanted: () => boolean): Promise<string[]> {
  await staging.write(manifestName, serializeManifest(await makeManifest(facts)));
  return staging.commit(stillWanted);
}

/**
 * Move into place what a build killed while placing its outputs left in `.placing`, under the lock;
 * a build does this before it reads the folder, and `paper verify` before it compares it.
 */
export async function placeLeftOutputs(out: string, cwd: string): Promise<void> {
  if (!existsSync(join(out, placingName))) return;
  await withOutputLock(
    out,
    () => {
      try {
        placeWaitingOutputs(out);
      } catch (error) {
        throw outputFolderProblem(error, out, cwd);
      }
    },
    { cwd },
  );
}

/**
 * Move what waits in `.placing` into the output folder, as the manifest there says, and return the
 * paths placed. The outputs go first, then any output the new manifest does not list (the PDF of
 * an earlier build, after `--no-pdf`) is removed, then the manifest, so the folder holds exactly
 * what its manifest lists. Synchronous, so nothing else runs between the renames; and repeatable,
 * so a run cut short by a kill is finished by the next. A `.placing` without a manifest was placed
 * already, or never got one (a kill before it was written): it is removed.
 */
function placeWaitingOutputs(out: string): string[] {
  const placing = join(out, placingName);
  if (!existsSync(placing)) return [];
  const manifest = parseManifest(readText(join(placing, manifestName)));
  if (!manifest) {
    rmSync(placing, { recursive: true, force: true });
    return [];
  }
  const listed = manifest.outputs.map((output) => basename(output.path));
  for (const name of listed) if (existsSync(join(placing, name))) renameSync(join(placing, name), join(out, name));
  for (const name of Object.values(outputNames)) if (!listed.includes(name)) unlinkIfThere(join(out, name));
  renameSync(join(placing, manifestName), join(out, manifestName));
  syncFolder(out);
  rmSync(placing, { recursive: true, force: true });
  return [...listed, manifestName].map((name) => join(out, name));
}

/** Remove the `.staging-*` folders that builds killed long ago left in `out` (older than `staleTime`: a running build keeps its own fresh). */
async function sweepStaging(out: string): Promise<void> {
  const names = await readdir(out).catch(() => [] as string[]);
  await Promise.all(
    names
      .filter((name) => name.startsWith(stagingPrefix))
      .map(async (name) => {
        const path = join(out, name);
        const info = await lstat(path).catch(() => undefined);
        if (info?.isDirectory() && Date.now() - info.mtimeMs > staleTime) await rm(path, { recursive: true, force: true }).catch(() => undefined);
      }),
  );
}

/**
 * Run `place` (the renames that put a build's outputs into the output folder) holding the output
 * folder's lock, so two builds into one folder put their outputs there one after the other: the
 * HTML and the PDF in the folder always come from the same build. A build waits its turn (placing
 * takes milliseconds). A running build refreshes its lock's time every `stale / 2` ms (proper-
 * lockfile), so a lock is taken over as left by a build that is gone when its time is more than
 * `stale` ms old, or when its time has not moved for `stale` ms while this build waited: a time
 * in the future (a clock set wrong, NFS) never ages, but it stops moving once its build is gone.
 */
export async function withOutputLock<T>(out: string, place: () => T | Promise<T>, options: { stale?: number; wait?: number; cwd?: string } = {}): Promise<T> {
  const stale = options.stale ?? staleTime;
  const wait = options.wait ?? stale * 3;
  const lockPath = join(out, lockName);
  const started = Date.now();
  let seen: { mtimeMs: number; since: number } | undefined;
  let release: () => Promise<void>;
  for (;;) {
    try {
      release = await lock(out, {
        lockfilePath: lockPath,
        stale,
        realpath: false,
        retries: 0,
        // The default throws from a timer (a crash with a stack trace) when the lock's refresh fails;
        // the renames it guards take milliseconds and finish either way.
        onCompromised: () => undefined,
      });
      break;
    } catch (error) {
      const held = await lstat(lockPath).catch(() => undefined);
      if (held && !held.isDirectory()) {
        throw new OutputFolderError(`Cannot lock the output folder: \`${shownPath(lockPath, options.cwd ?? out)}\` is a file, not a build's lock (a folder); remove it`);
      }
      if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw outputFolderProblem(error, out, options.cwd ?? out);
      if (held) {
        if (seen?.mtimeMs !== held.mtimeMs) seen = { mtimeMs: held.mtimeMs, since: Date.now() };
        else if (Date.now() - seen.since >= stale) {
          // Nobody refreshed it for the stale time: its build is gone. Checked again just before, since another may have taken it meanwhile.
          if ((await lstat(lockPath).catch(() => undefined))?.mtimeMs === seen.mtimeMs) await rmdir(lockPath).catch(() => undefined);
          seen = undefined;
          continue;
        }
      }
      if (Date.now() - started >= wait) {
        throw new OutputLockedError(`Another build has held \`${lockPath}\` for more than ${Math.round(wait / 1000)} s; if no build is running, remove it`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
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

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

function unlinkIfThere(path: string): void {
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/** Make the renames in a folder durable; a file system that cannot sync a folder keeps them anyway. */
function syncFolder(path: string): void {
  try {
    const descriptor = openSync(path, 'r');
    try {
      fsyncSync(descriptor);
    } finally {
      closeSync(descriptor);
    }
  } catch {
    // Not every file system syncs a folder; the renames stand.
  }
}
