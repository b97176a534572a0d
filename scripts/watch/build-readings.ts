import { isAbsolute } from 'node:path';
import type { VFile } from 'vfile';
import { leavesPaper, type SoughtFile } from '../pipeline/load.js';
import { readSource } from '../source/read-source.js';

/** A file a build looked for and could not read (missing, refused, or an error such as EMFILE). */
export const unreadable: unique symbol = Symbol('unreadable');

/** What a build saw of one file: the text it read, or `unreadable`. */
export type Reading = string | typeof unreadable;

/**
 * What one build of `paper watch` saw of each file it looked for, so that the watch can tell
 * whether an event changed anything: a save arrives as several events, and the later ones change
 * nothing; a save caught mid-write reads otherwise by the time the build is done. A file that could
 * not be read then and cannot be read now is unchanged too: without that, a missing manuscript was
 * "changed" on every look, and the watch rebuilt it without end (audit F7), as it did when reads
 * failed for want of file descriptors (F21).
 */
export class BuildReadings {
  private constructor(
    private readonly readings: ReadonlyMap<string, Reading>,
    /** The files the paper names, which the build reads only inside `root`, and the paper folder. */
    private readonly named: ReadonlySet<string>,
    private readonly root: string | undefined,
  ) {}

  /**
   * The readings of a build: each file it read (a file with no value is one it made only to carry
   * the message that it could not be read), and each other file it looked for (`sought`), unread.
   * `root` is the paper folder, outside which a file the paper names is not read.
   */
  static of(read: readonly VFile[], sought: readonly SoughtFile[] = [], root?: string): BuildReadings {
    const readings = new Map<string, Reading>();
    for (const file of read) {
      // A file with a relative path (`--style`) is no file: it only carries messages about an option.
      if (!file.path || !isAbsolute(file.path) || readings.has(file.path)) continue;
      readings.set(file.path, file.value === undefined ? unreadable : String(file.value));
    }
    for (const { path } of sought) if (!readings.has(path)) readings.set(path, unreadable);
    const named = new Set(sought.flatMap((file) => (file.named ? [file.path] : [])));
    return new BuildReadings(readings, named, root);
  }

  has(path: string): boolean {
    return this.readings.has(path);
  }

  /** The paths the build could not read. */
  unreadable(): string[] {
    return [...this.readings].flatMap(([path, reading]) => (reading === unreadable ? [path] : []));
  }

  /**
   * Whether every one of `paths` reads now as the build read it: the same text, or unreadable both
   * then and now. A path the build did not look at counts as changed.
   */
  async unchanged(paths: Iterable<string>): Promise<boolean> {
    for (const path of paths) {
      const then = this.readings.get(path);
      if (then === undefined || (await this.readingNow(path)) !== then) return false;
    }
    return true;
  }

  /**
   * What a build would read of `path` now: nothing of a file the paper names that leads outside the
   * paper folder (the load stage refuses it, so it stays unreadable however it reads), else the
   * text only, as the load stage decodes it: a file that is not UTF-8 compares by its decoded text
   * too, so its `file-encoding` message does not make it "changed" on every look.
   */
  private async readingNow(path: string): Promise<Reading> {
    if (this.root !== undefined && this.named.has(path) && leavesPaper(this.root, path)) return unreadable;
    const read = await readSource(path, '/');
    return 'file' in read ? String(read.file.value) : unreadable;
  }
}
