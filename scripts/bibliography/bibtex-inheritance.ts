/**
 * The fields an entry has once it inherits, as biber's default inheritance rules give them:
 * from the entries named in `xdata` (every field, same name), then from its `crossref` parent
 * (every field it lacks, with biber's renames: a multi-volume work's `title` becomes `maintitle`,
 * a book's `title` the `booktitle` of a part of it, a periodical's `title` the `journaltitle`;
 * an `author` is also the `bookauthor` of a part). Fields biber never inherits (`ids`, `crossref`,
 * `shorthand`, `sortkey`, the short and index titles, …) stay with their entry. Pure; cycles and
 * missing parents end the chain.
 */
import { report } from '../diagnostics/report.js';
import type { BibEntry } from './bibtex-scan.js';
import type { Bibliography, PlacedEntry } from './read-bibliography.js';

const notInherited = new Set([
  'ids',
  'crossref',
  'xref',
  'xdata',
  'entryset',
  'entrysubtype',
  'execute',
  'label',
  'options',
  'presort',
  'related',
  'relatedoptions',
  'relatedstring',
  'relatedtype',
  'shorthand',
  'shorthandintro',
  'sortkey',
  'shorttitle',
  'sorttitle',
  'indextitle',
  'indexsorttitle',
]);

const multiVolume = new Set(['mvbook', 'mvcollection', 'mvproceedings', 'mvreference']);
const books = new Set(['book', 'collection', 'proceedings', 'reference', 'mvbook', 'mvcollection', 'mvproceedings', 'mvreference']);
const partsOfBooks = new Set(['inbook', 'bookinbook', 'suppbook', 'incollection', 'suppcollection', 'inproceedings', 'inreference']);
const partsOfPeriodicals = new Set(['article', 'suppperiodical']);

const titleFields = ['title', 'subtitle', 'titleaddon'] as const;

/** How the parent's title fields are named in the child, or `undefined` when they keep their names. */
function titleRenames(parent: string, child: string): Record<string, string[]> | undefined {
  if (multiVolume.has(parent) && (books.has(child) || partsOfBooks.has(child))) {
    return { title: ['maintitle'], subtitle: ['mainsubtitle'], titleaddon: ['maintitleaddon'] };
  }
  if (books.has(parent) && partsOfBooks.has(child)) {
    return { title: ['booktitle'], subtitle: ['booksubtitle'], titleaddon: ['booktitleaddon'] };
  }
  if (parent === 'periodical' && partsOfPeriodicals.has(child)) {
    return { title: ['journaltitle'], subtitle: ['journalsubtitle'] };
  }
  return undefined;
}

export type EntryLookup = (key: string) => BibEntry | undefined;

/** The entry's fields (lower-cased names, values as written) with what it inherits. */
export function inheritedFields(entry: BibEntry, lookup: EntryLookup): Map<string, string> {
  return fieldsOf(entry, lookup, new Set());
}

function fieldsOf(entry: BibEntry, lookup: EntryLookup, seen: Set<string>): Map<string, string> {
  const fields = new Map(entry.fields.filter((field) => field.value.trim() !== '').map((field) => [field.name, field.value]));
  if (seen.has(entry.key)) return fields;
  const visiting = new Set(seen).add(entry.key);
  for (const key of keyList(fields.get('xdata'))) {
    const source = lookup(key);
    if (!source || visiting.has(source.key)) continue;
    for (const [name, value] of fieldsOf(source, lookup, visiting)) if (!fields.has(name) && !notInherited.has(name)) fields.set(name, value);
  }
  const parentKey = fields.get('crossref')?.trim();
  const parent = parentKey ? lookup(parentKey) : undefined;
  if (parent && !visiting.has(parent.key)) {
    const renames = titleRenames(parent.type, entry.type);
    for (const [name, value] of fieldsOf(parent, lookup, visiting)) {
      if (notInherited.has(name)) continue;
      const targets = renames && (titleFields as readonly string[]).includes(name) ? (renames[name] ?? []) : [name];
      if (name === 'author' && partsOfBooks.has(entry.type) && !fields.has('bookauthor')) fields.set('bookauthor', value);
      for (const target of targets) if (!fields.has(target)) fields.set(target, value);
    }
  }
  return fields;
}

function keyList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((key) => key.trim())
    .filter((key) => key !== '');
}

/** Every BibTeX entry of a paper's bibliography with its inherited fields, for the CSL conversion (CSL data needs none). */
export function entriesToConvert(bibliography: Bibliography): Array<{ entry: BibEntry; fields: Map<string, string> }> {
  const lookup: EntryLookup = (key) => bibliography.entries.get(key)?.entry;
  return [...bibliography.entries.values()].filter((placed) => placed.csl === undefined && placed.ris === undefined).map(({ entry }) => ({ entry, fields: inheritedFields(entry, lookup) }));
}

/** An entry citation-js could not read, said at its key in its own file. */
export function reportUnreadableEntries(bibliography: Bibliography, unreadable: ReadonlyArray<{ key: string; reason: string }>): void {
  for (const { key, reason } of unreadable) {
    const placed = bibliography.entries.get(key);
    if (!placed) continue;
    report(placed.file, 'bib-latex-unreadable', `Entry \`${key}\` holds LaTeX that cannot be read (${reason}); it is listed with its LaTeX commands dropped`, placed.entry.keyPosition);
  }
}

/** The records of the paper's RIS bibliographies, with their keys. */
export function risRecords(bibliography: Bibliography): Array<{ key: string; source: string }> {
  return [...bibliography.entries.values()].flatMap(({ entry, ris }) => (ris === undefined ? [] : [{ key: entry.key, source: ris }]));
}

/** The items of the paper's CSL-JSON and CSL-YAML bibliographies, as they are. */
export function cslDataItems(bibliography: Bibliography): Array<NonNullable<PlacedEntry['csl']>> {
  return [...bibliography.entries.values()].flatMap((placed) => (placed.csl ? [placed.csl] : []));
}
