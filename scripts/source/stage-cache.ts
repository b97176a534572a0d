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
