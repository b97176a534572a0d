/**
 * How the citation clusters of a paper changed between two renders, from a key per cluster: the
 * same list; one cluster replaced; one cluster inserted; or anything else (a render from scratch).
 * A CSL engine can render the first three incrementally, touching only the clusters they affect.
 */
export type ClusterEdit = { kind: 'same' } | { kind: 'replace'; index: number } | { kind: 'insert'; index: number } | { kind: 'rebuild' };

export function clusterEdit(before: readonly string[], after: readonly string[]): ClusterEdit {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let common = 0;
  while (common < before.length - start && common < after.length - start && before[before.length - 1 - common] === after[after.length - 1 - common]) common++;
  const removed = before.length - start - common;
  const added = after.length - start - common;
  if (removed === 0 && added === 0) return { kind: 'same' };
  if (removed === 1 && added === 1) return { kind: 'replace', index: start };
  if (removed === 0 && added === 1) return { kind: 'insert', index: start };
  return { kind: 'rebuild' };
}

/** The cited ids in the order of their first citation: what a CSL engine registers, and numbers by. */
export function firstCitedOrder(clusters: ReadonlyArray<ReadonlyArray<{ id: string }>>): string[] {
  const seen = new Set<string>();
  for (const cluster of clusters) for (const cite of cluster) seen.add(cite.id);
  return [...seen];
}
