import { statSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname, join } from 'node:path';

interface WatchedFolder {
  watcher: FSWatcher;
  /** The folder's inode when the watch began: a folder moved away keeps its watch, which must then go. */
  inode: number;
  /** Each name in the folder that matters, and the files it leads to: a file itself, or a folder on the way to some. */
  names: Map<string, string[]>;
}

/**
 * Calls `onChange` when any of the files changes, is replaced, goes or appears. Folders are watched,
 * not files: editors save by writing a new file and renaming it over the old one, which a watch
 * on the old file would miss. A file whose folder is missing is watched from the nearest folder
 * above that exists, for the name that leads to it; when that folder appears (a `mkdir`, a folder
 * moved back, a branch checked out), the watch moves down to it. A watched folder that is moved or
 * removed is given up and its files watched from above, so a file that goes missing with its
 * folder is still seen coming back.
 */
export class InputWatcher {
  private paths: string[] = [];
  private watched = new Map<string, WatchedFolder>();

  constructor(private readonly onChange: (path: string) => void) {}

  /** Watch exactly these files from now on. */
  set(paths: string[]): void {
    this.paths = [...new Set(paths)];
    this.place();
  }

  close(): void {
    for (const { watcher } of this.watched.values()) watcher.close();
    this.watched.clear();
    this.paths = [];
  }

  /** Watch, for each file, its folder or the nearest one above that exists. */
  private place(): void {
    const wanted = new Map<string, Map<string, string[]>>();
    for (const path of this.paths) {
      let folder = dirname(path);
      let name = basename(path);
      while (inodeOf(folder) === undefined && dirname(folder) !== folder) {
        name = basename(folder);
        folder = dirname(folder);
      }
      const names = wanted.get(folder) ?? new Map<string, string[]>();
      names.set(name, [...(names.get(name) ?? []), path]);
      wanted.set(folder, names);
    }
    for (const [folder, { watcher }] of this.watched) {
      if (wanted.has(folder)) continue;
      watcher.close();
      this.watched.delete(folder);
    }
    for (const [folder, names] of wanted) {
      const known = this.watched.get(folder);
      if (known) {
        known.names = names;
        continue;
      }
      const inode = inodeOf(folder);
      if (inode === undefined) continue;
      try {
        const watcher = watch(folder, (_event, name) => this.event(folder, name?.toString()));
        watcher.on('error', () => this.lost(folder));
        this.watched.set(folder, { watcher, inode, names });
      } catch {
        // Gone between the look and the watch: the build reports its files missing, and the
        // watch finds them again on the next `set`.
      }
    }
  }

  private event(folder: string, name: string | undefined): void {
    const watched = this.watched.get(folder);
    if (!watched) return;
    const paths = name === undefined ? undefined : watched.names.get(name);
    if (!paths) {
      // Another file of the folder, or the folder itself moved or removed (its watch follows it).
      if (inodeOf(folder) !== watched.inode) this.lost(folder);
      return;
    }
    // A folder on the way to watched files appeared or went: watch from where they are now. They
    // may already be inside (a folder moved back whole brings no event for its files).
    if (name !== undefined && paths.some((path) => path !== join(folder, name))) this.place();
    for (const path of paths) this.onChange(path);
  }

  /** A watched folder that is gone or moved: watch its files from above, and tell that they may have changed. */
  private lost(folder: string): void {
    const watched = this.watched.get(folder);
    if (!watched) return;
    watched.watcher.close();
    this.watched.delete(folder);
    this.place();
    for (const paths of watched.names.values()) for (const path of paths) this.onChange(path);
  }
}

/** The inode of a folder, or undefined when there is no folder there. */
function inodeOf(path: string): number | undefined {
  try {
    const info = statSync(path);
    return info.isDirectory() ? info.ino : undefined;
  } catch {
    return undefined;
  }
}
