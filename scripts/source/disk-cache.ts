import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { packageRoot } from './package-root.js';

/** Bytes kept between runs under a key that names everything they were made from (a content hash). */
export interface DiskCache {
  get(key: string): Promise<Uint8Array | undefined>;
  set(key: string, data: Uint8Array): Promise<void>;
}

/**
 * A cache folder of the pipeline's own, `node_modules/.cache/paper/NAME/` (where build tools keep
 * theirs, and where `npm ci` clears it): results that cost time to make again, such as font
 * subsets. Writes go through a temporary name, so runs at once never read half a file; a cache
 * that cannot be read or written only costs time.
 */
export function diskCache(name: string): DiskCache {
  const folder = join(packageRoot(), 'node_modules', '.cache', 'paper', name);
  return {
    get: (key) => readFile(join(folder, key)).then((data) => new Uint8Array(data), () => undefined),
    set: async (key, data) => {
      try {
        await mkdir(folder, { recursive: true });
        const temporary = join(folder, `${key}.${process.pid}.tmp`);
        await writeFile(temporary, data);
        await rename(temporary, join(folder, key));
      } catch {
        // A cache that cannot be written only costs time.
      }
    },
  };
}
