import { chmod, mkdir, mkdtemp, readdir, rename, rm } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from './package-root.js';
import { isGoneHere } from './process-gone.js';

/**
 * A folder of the pipeline's cache that is made once and then only read: the unpacked pinned
 * browser, the browser's font configuration. It is made in a temporary folder beside its place
 * and renamed into place in one step, so two builds starting at once never see it half made:
 * each that finds it missing makes its own, the first rename wins, and the others use the winner's
 * and remove theirs. Its name says what it holds (a version, a content hash): what is there under
 * that name is what was made.
 *
 * A cache that cannot be written (a read-only `node_modules`, another user's) costs time only: the
 * folder is made in a private temporary folder for this process, removed by `dispose`.
 */
export interface CacheFolder {
  path: string;
  /** True when this call made it (the first use, or a private copy). */
  made: boolean;
  /** Remove a private copy; nothing for a folder in the cache. Never throws. */
  dispose(): Promise<void>;
}

export interface CacheFolderOptions {
  /** Whether a folder found in place is whole (its files there, of the sizes recorded): a damaged one is made again. */
  isWhole?: ((folder: string) => Promise<boolean>) | undefined;
  /** The cache's own folder: `node_modules/.cache/paper` by default. */
  root?: string | undefined;
}

/** Where the pipeline keeps its caches (as `diskCache` does), which `npm ci` clears. */
export function cacheRoot(): string {
  return join(packageRoot(), 'node_modules', '.cache', 'paper');
}

/** `.NAME.PID-HOST.tmp-XXXXXX`: the process that makes it (mkdtemp adds six characters). */
const making = (name: string) => `.${name}.${process.pid}-${hostname()}.tmp-`;
const madeBy = /^\.(.+)\.(\d+)-(.+)\.tmp-[^-]{6}(?:\.damaged)?$/;

/**
 * The folder `name` of the cache, made by `make` (into the empty folder it is given) when it is not
 * there or not whole. `make` may take a while; a process killed meanwhile leaves its temporary
 * folder, which the next call sweeps once that process is gone.
 */
export async function cacheFolder(name: string, make: (folder: string) => Promise<void>, options: CacheFolderOptions = {}): Promise<CacheFolder> {
  const root = options.root ?? cacheRoot();
  const path = join(root, name);
  const isWhole = options.isWhole ?? (() => Promise.resolve(true));
  const kept = { path, made: false, dispose: () => Promise.resolve() };
  if (await isWhole(path).catch(() => false)) return kept;
  let temporary: string;
  try {
    await mkdir(root, { recursive: true });
    await sweepLeftovers(root).catch(() => undefined);
    temporary = await mkdtemp(join(root, making(name)));
  } catch {
    return privateFolder(name, make);
  }
  try {
    await make(temporary);
    // mkdtemp made it for its owner alone; in the cache it is for every user of the checkout.
    await chmod(temporary, 0o755);
  } catch (error) {
    await rm(temporary, { recursive: true, force: true }).catch(() => undefined);
    throw error;
  }
  // A damaged folder in place goes first (renamed away, so no one reads it half removed).
  if (await exists(path)) {
    const damaged = `${temporary}.damaged`;
    if (!(await isWhole(path).catch(() => false)) && (await rename(path, damaged).then(() => true, () => false))) {
      await rm(damaged, { recursive: true, force: true }).catch(() => undefined);
    }
  }
  try {
    await rename(temporary, path);
    return { ...kept, made: true };
  } catch (error) {
    await rm(temporary, { recursive: true, force: true }).catch(() => undefined);
    // Another process placed it first: its folder is as good as ours.
    if (await isWhole(path).catch(() => false)) return kept;
    throw error;
  }
}

/** The folder made for this process alone, in the temporary folder. */
async function privateFolder(name: string, make: (folder: string) => Promise<void>): Promise<CacheFolder> {
  const folder = await mkdtemp(join(tmpdir(), `paper-${name}-`));
  const dispose = () => rm(folder, { recursive: true, force: true }).catch(() => undefined);
  try {
    await make(folder);
  } catch (error) {
    await dispose();
    throw error;
  }
  return { path: folder, made: true, dispose };
}

async function exists(path: string): Promise<boolean> {
  return readdir(path).then(
    () => true,
    () => false,
  );
}

/** Remove the temporary folders of makers that are gone (killed while they made theirs). */
async function sweepLeftovers(root: string): Promise<void> {
  for (const entry of await readdir(root)) {
    const maker = madeBy.exec(entry);
    if (!maker || !isGoneHere(maker[3] ?? '', Number(maker[2]))) continue;
    await rm(join(root, entry), { recursive: true, force: true }).catch(() => undefined);
  }
}
