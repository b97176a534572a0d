import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { packageRoot } from './package-root.js';

/** Bytes kept between runs under a key that names everything they were made from (a content hash). */
export interface DiskCache {
  get(key: string): Promise<Uint8Array | undefined>;
  set(key: string, data: Uint8Array): Promise<void>;
}

/** Each entry starts with the sha256 of the bytes that follow: what does not match them is not used. */
const checksumLength = 32;

/**
 * The entries' layout, in the folder's name: a pipeline that writes another layout uses another
 * folder, so two versions of the pipeline sharing one `node_modules` (worktrees, a bisect) never
 * read each other's entries.
 */
const layout = 2;

/**
 * A cache folder of the pipeline's own, `node_modules/.cache/paper/NAME-v2/` (where build tools keep
 * theirs, and where `npm ci` clears it): results that cost time to make again, such as font
 * subsets. An entry that is not there, cannot be read, or does not match its checksum (cut short
 * by a full disk, emptied, overwritten) is a miss, made again and written anew: a damaged cache
 * costs time, never a failed build or other output. Writes go through a temporary name, so runs
 * at once never read half a file; a cache that cannot be written only costs time.
 */
export function diskCache(name: string, folder = join(packageRoot(), 'node_modules', '.cache', 'paper', `${name}-v${layout}`)): DiskCache {
  return {
    get: async (key) => {
      const entry = await readFile(join(folder, key)).catch(() => undefined);
      if (!entry || entry.byteLength < checksumLength) return undefined;
      const data = entry.subarray(checksumLength);
      return checksum(data).equals(entry.subarray(0, checksumLength)) ? new Uint8Array(data) : undefined;
    },
    set: async (key, data) => {
      try {
        await mkdir(folder, { recursive: true });
        const temporary = join(folder, `${key}.${process.pid}.tmp`);
        await writeFile(temporary, Buffer.concat([checksum(data), data]));
        await rename(temporary, join(folder, key));
      } catch {
        // A cache that cannot be written only costs time.
      }
    },
  };
}

function checksum(data: Uint8Array): Buffer {
  return createHash('sha256').update(data).digest();
}
