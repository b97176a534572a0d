import { distance } from 'fastest-levenshtein';

/**
 * "; did you mean `x`" for a name that was not found: the candidates closest by edit distance
 * (Levenshtein, from fastest-levenshtein), within a third of the name's length (at least 2 edits),
 * best first, at most three. Case does not count.
 */
export function didYouMean(name: string, candidates: Iterable<string>): string {
  const limit = Math.max(2, Math.floor(name.length / 3));
  const wanted = name.toLowerCase();
  const scored: Array<[string, number]> = [];
  for (const candidate of candidates) {
    // Names whose lengths differ by more than the limit are that many edits apart at least.
    if (Math.abs(candidate.length - name.length) > limit) continue;
    const edits = distance(wanted, candidate.toLowerCase());
    if (edits <= limit) scored.push([candidate, edits]);
  }
  scored.sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]));
  const best = scored.slice(0, 3).map(([candidate]) => `\`${candidate}\``);
  if (best.length === 0) return '';
  return `; did you mean ${best.length === 1 ? best[0] : `${best.slice(0, -1).join(', ')} or ${best.at(-1)}`}`;
}
