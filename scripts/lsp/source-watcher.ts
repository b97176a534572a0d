import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * The files on disk each open paper reads (its bibliographies, table data, configuration) that the
 * editor does not hold open: a save of one, by the editor or another program, checks the paper
 * again. The folders are watched (an editor's save often replaces the file, which a watch of the
 * file itself would lose), each once whatever the number of papers.
 */
export class SourceWatcher {
  private readonly wanted = new Map<string, Set<string>>();
  private readonly folders = new Map<string, FSWatcher>();

  constructor(private readonly changed: (path: string) => void) {}

  /** The files `owner` (a manuscript) reads now, replacing those it read before. */
  watch(owner: string, paths: readonly string[]): void {
    if (paths.length === 0) this.wanted.delete(owner);
    else this.wanted.set(owner, new Set(paths));
    const folders = new Set([...this.wanted.values()].flatMap((set) => [...set].map(dirname)));
    for (const [folder, watcher] of this.folders) {
      if (folders.has(folder)) continue;
      watcher.close();
      this.folders.delete(folder);
    }
    for (const folder of folders) {
      if (this.folders.has(folder)) continue;
      try {
        const watcher = watch(folder, { persistent: false }, (_event, name) => {
          if (name) this.seen(join(folder, basename(name.toString())));
        });
        watcher.on('error', () => {
          watcher.close();
          this.folders.delete(folder);
        });
        this.folders.set(folder, watcher);
      } catch {
        // A folder that is not there (a bibliography not written yet): the next check looks again.
      }
    }
  }

  private seen(path: string): void {
    for (const paths of this.wanted.values()) {
      if (paths.has(path)) {
        this.changed(path);
        return;
      }
    }
  }

  close(): void {
    for (const watcher of this.folders.values()) watcher.close();
    this.folders.clear();
    this.wanted.clear();
  }
}
