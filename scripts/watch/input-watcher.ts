import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';

/**
 * Calls `onChange` when any of the files changes, is replaced or appears. Folders are watched,
 * not files: editors save by writing a new file and renaming it over the old one, which a watch
 * on the old file would miss.
 */
export class InputWatcher {
  private watchers = new Map<string, FSWatcher>();
  private names = new Map<string, Set<string>>();

  constructor(private readonly onChange: (path: string) => void) {}

  /** Watch exactly these files from now on. */
  set(paths: string[]): void {
    const names = new Map<string, Set<string>>();
    for (const path of paths) {
      const folder = dirname(path);
      names.set(folder, (names.get(folder) ?? new Set()).add(basename(path)));
    }
    this.names = names;
    for (const [folder, watcher] of this.watchers) {
      if (names.has(folder)) continue;
      watcher.close();
      this.watchers.delete(folder);
    }
    for (const folder of names.keys()) {
      if (this.watchers.has(folder)) continue;
      try {
        const watcher = watch(folder, (_event, name) => {
          if (name && this.names.get(folder)?.has(name.toString())) this.onChange(`${folder}/${name.toString()}`);
        });
        watcher.on('error', () => undefined);
        this.watchers.set(folder, watcher);
      } catch {
        // A folder that does not exist (yet): its files are reported missing by the build.
      }
    }
  }

  close(): void {
    for (const watcher of this.watchers.values()) watcher.close();
    this.watchers.clear();
  }
}
