import { report } from '../diagnostics/report.js';
import { inheritedFields } from './bibtex-inheritance.js';
import type { PlacedEntry } from './read-bibliography.js';

/**
 * The fields each entry type needs, after BibTeX's standard styles and BibLaTeX's manual. Each
 * requirement lists alternatives: `journal` or BibLaTeX's `journaltitle`, `year` or `date`, and
 * so on. Types BibTeX leaves open (`misc`) follow BibLaTeX: a reference needs at least a
 * responsible party, a title and a date to be found again.
 */
const year = ['year', 'date'];
const requirements: Record<string, string[][]> = {
  article: [['author'], ['title'], ['journal', 'journaltitle'], year],
  book: [['author', 'editor'], ['title'], ['publisher'], year],
  mvbook: [['author', 'editor'], ['title'], ['publisher'], year],
  booklet: [['title']],
  inbook: [['author', 'editor'], ['title'], ['chapter', 'pages'], ['publisher'], year],
  incollection: [['author'], ['title'], ['booktitle'], ['publisher'], year],
  inproceedings: [['author'], ['title'], ['booktitle'], year],
  conference: [['author'], ['title'], ['booktitle'], year],
  collection: [['editor'], ['title'], year],
  proceedings: [['title'], year],
  manual: [['title']],
  mastersthesis: [['author'], ['title'], ['school', 'institution'], year],
  phdthesis: [['author'], ['title'], ['school', 'institution'], year],
  thesis: [['author'], ['title'], ['school', 'institution'], year],
  techreport: [['author'], ['title'], ['institution'], year],
  report: [['author'], ['title'], ['institution'], year],
  unpublished: [['author'], ['title'], year],
  online: [['author', 'editor'], ['title'], year, ['url', 'doi', 'eprint']],
  www: [['author', 'editor'], ['title'], year, ['url', 'doi', 'eprint']],
  electronic: [['author', 'editor'], ['title'], year, ['url', 'doi', 'eprint']],
  misc: [['author', 'editor'], ['title'], year],
  // Not references of their own: a set's members are, and xdata only lends its fields.
  set: [],
  xdata: [],
};

/**
 * Report each required field an entry lacks, at the entry's key; a field it inherits through
 * `crossref` or `xdata` (as biber gives it) counts. Unknown types are held to `misc`.
 */
export function checkRequiredFields(entries: ReadonlyMap<string, PlacedEntry>): void {
  const lookup = (key: string) => entries.get(key)?.entry;
  for (const { entry, file, csl, ris } of entries.values()) {
    // CSL data and RIS records name no BibTeX fields; their items are used as citation-js reads them.
    if (csl || ris !== undefined) continue;
    const inherits = entry.fields.some((field) => field.name === 'crossref' || field.name === 'xdata');
    const present = new Set(inherits ? inheritedFields(entry, lookup).keys() : entry.fields.filter((field) => field.value.trim() !== '').map((field) => field.name));
    for (const alternatives of requirements[entry.type] ?? requirements.misc ?? []) {
      if (alternatives.some((name) => present.has(name))) continue;
      report(file, 'bib-missing-field', `Entry \`${entry.key}\` has no ${alternatives.map((name) => `\`${name}\``).join(' or ')}, which ${/^[aeiou]/.test(entry.type) ? 'an' : 'a'} \`${entry.type}\` entry needs`, entry.keyPosition);
    }
  }
}
