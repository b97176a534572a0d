import type { Root } from 'mdast';
import { visitParents } from 'unist-util-visit-parents';
import type { VFile } from 'vfile';
import { familyNames } from '../bibliography/bibtex-names.js';
import type { PlacedEntry } from '../bibliography/read-bibliography.js';
import { distance as editDistance } from 'fastest-levenshtein';
import { report } from '../diagnostics/report.js';
import { sourceFileOf } from '../source/source-file.js';
import { placeInText } from '../source/text-place.js';

/**
 * The name before an author-suppressed citation: `M. Laumilin [-@laumulin2009]`. Group 1 holds
 * initials or a given name, group 2 the family name written.
 */
const writtenName = /(?:^|\s)((?:\p{Lu}\p{Ll}?\.\s*)+|\p{Lu}[\p{Ll}'’-]+\s+)?(\p{Lu}[\p{L}'’-]*\p{L})\s*$/u;

/**
 * `citation-author-mismatch`: the family name written just before `[-@key]` should be one of the
 * entry's authors (or editors). A name is taken to be meant as an author's when initials or a given
 * name stand before it ("M. Laumilin", "Mikhail Alexandrov"), or when it is a near miss of an
 * author's name; a capitalised word that is neither ("the Nation [-@key]") is not judged.
 */
export function checkAuthorMismatch(tree: Root, file: VFile, entries: ReadonlyMap<string, PlacedEntry>): void {
  visitParents(tree, 'citation', (citation, ancestors) => {
    const first = citation.items[0];
    if (!first || first.mode !== 'suppress-author' || !citation.bracketed) return;
    const entry = entries.get(first.key)?.entry;
    if (!entry) return;
    const parent = ancestors.at(-1);
    if (!parent || !('children' in parent)) return;
    const siblings = parent.children as Array<{ type: string; value?: string; position?: typeof citation.position }>;
    const before = siblings[siblings.indexOf(citation) - 1];
    if (before?.type !== 'text' || typeof before.value !== 'string') return;
    const match = writtenName.exec(before.value);
    const written = match?.[2];
    if (!match || !written) return;
    const names = entry.fields
      .filter((field) => field.name === 'author' || field.name === 'editor')
      .flatMap((field) => familyNames(field.value));
    if (names.length === 0) return;
    const key = fold(written);
    if (names.some((name) => fold(name) === key || fold(name.split(/\s+/).at(-1) ?? '') === key)) return;
    const closest = names.map((name) => ({ name, distance: editDistance(key, fold(name)) })).sort((a, b) => a.distance - b.distance)[0];
    const nearMiss = closest !== undefined && closest.distance <= Math.max(2, Math.floor(key.length / 3));
    if (!match[1] && !nearMiss) return;
    const where = sourceFileOf(ancestors, file);
    const index = before.value.lastIndexOf(written);
    const place = placeInText(where, before.position, before.value, index, written.length) ?? first.position;
    const authors = names.map((name) => `\`${name}\``).join(', ');
    const hint = nearMiss && closest ? `; did you mean \`${closest.name}\`` : '';
    report(where, 'citation-author-mismatch', `The name \`${written}\` before \`[-@${first.key}]\` is not an author of that entry (${authors})${hint}`, place);
  });
}

/** Names compared without case and diacritics: `Bolükbaşı` matches `Bolukbasi`. */
function fold(name: string): string {
  return name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}
