import { report } from '../diagnostics/report.js';
import type { PlacedEntry } from './read-bibliography.js';

/**
 * biblatex's `@set{key, entryset = {a,b,c}}` makes its members one reference: biber cites them
 * together under the set's key and lists them as one entry. Pandoc does not read `entryset`: a set
 * is an item with no author, title or date, cited as `(n.d.)` and listed as `(n.d.).`, and so it
 * is here. Each set that is cited or in `nocite` (`@*` included) is a warning at its key, naming
 * the members to cite instead.
 */
export function reportListedSets(entries: ReadonlyMap<string, PlacedEntry>, listed: ReadonlySet<string>): void {
  for (const key of listed) {
    const placed = entries.get(key);
    if (!placed || placed.csl || placed.entry.type !== 'set') continue;
    const members = (placed.entry.fields.find((field) => field.name === 'entryset')?.value ?? '')
      .split(',')
      .map((member) => member.trim())
      .filter((member) => member !== '');
    const instead = members.length > 0 ? `; cite its members instead (${members.map((member) => `\`${member}\``).join(', ')})` : '';
    report(placed.file, 'bib-set-entry', `Entry \`${key}\` is a biblatex \`@set\`, which Pandoc does not expand: it is listed with no author, title or date${instead}`, placed.entry.keyPosition);
  }
}
