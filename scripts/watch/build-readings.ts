import type { VFile } from 'vfile';
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
  private constructor(private readonly readings: ReadonlyMap<string, Reading>) {}

  /**
   * The readings of a build: each file it read (a file with no value is one it made only to carry
   * the message that it could not be read), and each other path it looked for, unread.
   */
  static of(read: readonly VFile[], lookedFor: Iterable<string> = []): BuildReadings {
    const readings = new Map<string, Reading>();
    for (const file of read) if (file.path && !readings.has(file.path)) readings.set(file.path, file.value === undefined ? unreadable : String(file.value));
    for (const path of lookedFor) if (!readings.has(path)) readings.set(path, unreadable);
    return new BuildReadings(readings);
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
      if (then === undefined || (await readingNow(path)) !== then) return false;
    }
    return true;
  }
}

/**
 * What a build would read of `path` now. The text only, as the load stage decodes it: a file that
 * is not UTF-8 compares by its decoded text too, so its `file-encoding` message does not make it
 * "changed" on every look.
 */
async function readingNow(path: string): Promise<Reading> {
  const read = await readSource(path, '/');
  return 'file' in read ? String(read.file.value) : unreadable;
}
