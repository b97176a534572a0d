import { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';

/**
 * What a long-lived process (`paper watch`) keeps between builds: results of pure, costly steps
 * (a CSL engine, rendered citations, font subsets), each under a key that holds everything the
 * result depends on. A one-off build passes none and computes everything.
 */
export class StageCache {
  private readonly scopes = new Map<string, Map<string, unknown>>();

  constructor(private readonly perScope = 8) {}

  /** The value for `key` in `scope`, computed once while it is among the scope's latest keys. */
  remember<T>(scope: string, key: string, compute: () => T): T {
    let entries = this.scopes.get(scope);
    if (!entries) {
      entries = new Map();
      this.scopes.set(scope, entries);
    }
    if (entries.has(key)) {
      const value = entries.get(key) as T;
      // Most recently used last, so the oldest is dropped first.
      entries.delete(key);
      entries.set(key, value);
      return value;
    }
    const value = compute();
    entries.set(key, value);
    if (entries.size > this.perScope) entries.delete(entries.keys().next().value as string);
    return value;
  }
}

/** Compute directly when there is no cache. */
export function remember<T>(cache: StageCache | undefined, scope: string, key: () => string, compute: () => T): T {
  return cache ? cache.remember(scope, key(), compute) : compute();
}

/**
 * For a long-lived process: the result of reading `file` (parsing, checking) computed once while
 * its text stays the same. It is computed on a scratch copy of the file, and every call gives
 * `file` copies of the messages that reading made, so each build reports them on its own file.
 * The result must not hold on to the scratch file for reporting: callers bind it to `file`.
 * `key` holds what else the result depends on; `upTo` is how much of the file's text it reads
 * (all of it by default; less, for the front matter at the top of a manuscript).
 */
export function rememberWithMessages<T>(cache: StageCache, scope: string, file: VFile, key: string, read: (scratch: VFile) => T, upTo?: number): T {
  const kept = cache.remember(scope, `${file.path ?? ''}\0${key}\0${String(file.value).slice(0, upTo)}`, () => {
    const scratch = new VFile({ path: file.path, cwd: file.cwd, value: file.value });
    return { result: read(scratch), messages: scratch.messages };
  });
  for (const message of kept.messages) file.messages.push(copyMessage(message));
  return kept.result;
}

/** A message of its own: a later stage may change a message's severity (the project's configuration). */
function copyMessage(message: VFileMessage): VFileMessage {
  return Object.assign(Object.create(Object.getPrototypeOf(message) as object) as VFileMessage, message);
}
