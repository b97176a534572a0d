import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The write stage. Outputs are written into a temporary folder inside the output folder (so the
 * final renames stay on one file system), and moved into place only once all of them exist: a
 * build that fails half-way leaves the previous outputs exactly as they were.
 */
export class Staging {
  private constructor(
    readonly folder: string,
    private readonly out: string,
  ) {}

  static async open(out: string): Promise<Staging> {
    await mkdir(out, { recursive: true });
    return new Staging(await mkdtemp(join(out, '.staging-')), out);
  }

  pathOf(name: string): string {
    return join(this.folder, name);
  }

  async write(name: string, data: string | Uint8Array): Promise<string> {
    const path = this.pathOf(name);
    await writeFile(path, data);
    return path;
  }

  /** Move the staged outputs into the output folder, each with one atomic rename. */
  async commit(names: string[]): Promise<string[]> {
    const placed: string[] = [];
    for (const name of names) {
      const target = join(this.out, name);
      await rename(this.pathOf(name), target);
      placed.push(target);
    }
    return placed;
  }

  async dispose(): Promise<void> {
    await rm(this.folder, { recursive: true, force: true });
  }
}
