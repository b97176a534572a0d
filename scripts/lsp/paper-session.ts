import { check, type CheckResult } from '../pipeline/check.js';
import type { UnsavedTexts } from '../source/read-source.js';
import { StageCache } from '../source/stage-cache.js';

/** One check of the open paper, with the texts it read from the editor. */
export interface SessionCheck {
  result: CheckResult;
  /** The editor's texts the check read instead of files, by path. */
  texts: UnsavedTexts;
  /** Counts up with every check. */
  id: number;
}

/**
 * One open manuscript kept warm, as `paper watch` keeps it: the same `check()` with one
 * `StageCache` for the session's life, so an edit parses again only the blocks it touched. Edits
 * that come while a check runs are checked together once it ends (a burst of a thousand edits is a
 * few checks, never a queue of a thousand); each check reads the editor's texts as they are when it
 * starts.
 */
export class PaperSession {
  private readonly cache = new StageCache(32);
  private running: Promise<void> | undefined;
  private again = false;
  private count = 0;
  private closed = false;
  latest: SessionCheck | undefined;

  constructor(
    readonly manuscript: string,
    private readonly cwd: string,
    private readonly texts: () => UnsavedTexts,
    private readonly checked: (check: SessionCheck) => void,
    private readonly failed: (error: unknown) => void,
  ) {}

  /** Check again (soon): the manuscript or a file it reads changed. */
  request(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.run().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async run(): Promise<void> {
    do {
      this.again = false;
      // Yield first: the edits already received are all read before the check starts.
      await new Promise((resolve) => setImmediate(resolve));
      if (this.closed) return;
      const texts = new Map(this.texts());
      try {
        const result = await check({ path: this.manuscript, cwd: this.cwd, bibliographies: [], cache: this.cache, unsaved: texts });
        this.latest = { result, texts, id: ++this.count };
        this.checked(this.latest);
      } catch (error) {
        this.failed(error);
      }
    } while (this.again && !this.closed);
  }

  /** The latest check once every edit received so far is in it. */
  async settled(): Promise<SessionCheck | undefined> {
    while (this.running) await this.running;
    return this.latest;
  }

  /** The results kept for this paper (hover's CSL engine keeps its renderings here too). */
  get stageCache(): StageCache {
    return this.cache;
  }

  close(): void {
    this.closed = true;
  }
}
