import { rmSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { onForcedExit } from '../source/forced-exit.js';
import { withOutputLock } from './output-lock.js';

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
