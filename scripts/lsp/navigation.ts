import type { Root } from 'mdast';
import { visitParents } from 'unist-util-visit-parents';
import type { VFile } from 'vfile';
import type { Location, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import type { PlacedEntry } from '../bibliography/read-bibliography.js';
import type { ResolvedPaper } from '../pipeline/resolve.js';
import { sourceFileOf } from '../source/source-file.js';
import { contains, rangeOf, uriOf } from './lsp-ranges.js';

/**
 * Go to definition, find references and rename, on the last check of the paper (the caller waits
 * for it to hold every edit): a key's entry is in its bibliography file at its key; a
 * cross-reference's target is the heading, table, figure or equation that defines its id.
 */

/** Where a key is written in the manuscript: every citation of it and its `nocite` line. */
export interface KeyUse {
  file: VFile;
  range: Range;
}

/** Where `key` is defined: its bibliography entry, or the target of a cross-reference. */
export function definitionOf(paper: ResolvedPaper, key: string): Location | undefined {
  const placed = paper.bibliography.entries.get(key);
  if (placed) return entryLocation(placed);
  const target = paper.targets.get(key) ?? paper.targets.get(key.toLowerCase());
  if (target?.position && paper.file.path) return { uri: uriOf(paper.file.path), range: rangeOf(paper.file, target.position) };
  return undefined;
}

export function entryLocation(placed: PlacedEntry): Location | undefined {
  return placed.file.path ? { uri: uriOf(placed.file.path), range: rangeOf(placed.file, placed.entry.keyPosition) } : undefined;
}

/** Every place the manuscript (or a table's data) writes `key`: its citations and `nocite`, each the key alone. */
export function usesOf(paper: ResolvedPaper, key: string): KeyUse[] {
  const uses: KeyUse[] = [];
  visitParents(paper.tree as Root, 'citation', (citation, ancestors) => {
    const file = sourceFileOf(ancestors, paper.file);
    for (const item of citation.items) {
      if (item.key !== key) continue;
      const range = keyRange(file, item.position, key);
      if (range) uses.push({ file, range });
    }
  });
  for (const named of paper.meta.nocite) {
    if (named.value !== key) continue;
    const range = keyRange(paper.file, named.position, key);
    if (range) uses.push({ file: paper.file, range });
  }
  return uses;
}

/** The range of the key alone inside the place that writes it (`[-@{key}]`), when its text is there as written. */
function keyRange(file: VFile, place: { start: { offset?: number | undefined }; end: { offset?: number | undefined } } | undefined, key: string): Range | undefined {
  const start = place?.start.offset;
  const end = place?.end.offset;
  if (start === undefined || end === undefined) return undefined;
  const text = String(file.value).slice(start, end);
  const at = text.lastIndexOf(key);
  if (at < 0) return undefined;
  return rangeOf(file, { start: { line: 0, column: 0, offset: start + at }, end: { line: 0, column: 0, offset: start + at + key.length } });
}

/** The entry whose key (or whole entry) holds the cursor in a bibliography file. */
export function entryAt(paper: ResolvedPaper, path: string, line: number, character: number): PlacedEntry | undefined {
  for (const placed of paper.bibliography.entries.values()) {
    if (placed.file.path !== path) continue;
    if (contains(rangeOf(placed.file, placed.entry.position), line, character)) return placed;
  }
  return undefined;
}

export function referencesOf(paper: ResolvedPaper, key: string, includeDeclaration: boolean): Location[] {
  const locations = usesOf(paper, key).flatMap((use) => (use.file.path ? [{ uri: uriOf(use.file.path), range: use.range }] : []));
  const declaration = includeDeclaration ? paper.bibliography.entries.get(key) : undefined;
  const entry = declaration ? entryLocation(declaration) : undefined;
  return entry ? [entry, ...locations] : locations;
}

/** Pandoc's key syntax: a letter, digit or `_` first, internal punctuation only between key characters. */
const validKey = /^[\p{L}\p{N}_](?:[\p{L}\p{N}_]|[:.#$%&\-+?<>~/](?=[\p{L}\p{N}_]))*$/u;

/** Why `newName` cannot replace `key`, or the edits across the manuscript and the bibliography that rename it. */
export function renameKey(paper: ResolvedPaper, key: string, newName: string): { edit: WorkspaceEdit } | { refused: string } {
  const placed = paper.bibliography.entries.get(key);
  if (!placed) return { refused: `\`${key}\` is not a key of the bibliography` };
  if (!validKey.test(newName)) return { refused: `\`${newName}\` is not a citation key: letters, digits and \`_\`, with \`:.#$%&-+?<>~/\` only between them` };
  if (newName === key) return { edit: { changes: {} } };
  if (paper.bibliography.entries.has(newName) || paper.bibliography.brokenKeys.has(newName)) return { refused: `The key \`${newName}\` is already taken` };
  if (paper.targets.has(newName.toLowerCase())) return { refused: `\`${newName}\` is already a cross-reference id` };
  const changes: Record<string, TextEdit[]> = {};
  const add = (file: VFile, range: Range) => {
    if (!file.path) return;
    (changes[uriOf(file.path)] ??= []).push({ range, newText: newName });
  };
  // A CSL-JSON id's place holds its quotes: the key alone is renamed.
  add(placed.file, keyRange(placed.file, placed.entry.keyPosition, key) ?? rangeOf(placed.file, placed.entry.keyPosition));
  for (const use of usesOf(paper, key)) add(use.file, use.range);
  return { edit: { changes } };
}
