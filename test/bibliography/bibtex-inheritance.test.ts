import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { inheritedFields } from '../../scripts/bibliography/bibtex-inheritance.js';
import { scanBibtex } from '../../scripts/bibliography/bibtex-scan.js';
import type { PlacedEntry } from '../../scripts/bibliography/read-bibliography.js';
import { checkRequiredFields } from '../../scripts/bibliography/required-fields.js';

/** `crossref` and `xdata` inherited as biber's default rules give them, and the required-fields check that counts what is inherited. */
const bib = `
@mvbook{works, author = {Kant, Immanuel}, title = {Gesammelte Schriften}, publisher = {Reimer}, location = {Berlin}, sortkey = {k}}
@book{kpv, crossref = {works}, title = {Kritik der praktischen Vernunft}, volume = {5}, date = {1908}}
@collection{space, editor = {Westfahl, Gary}, title = {Space and Beyond}, subtitle = {The Frontier Theme}, publisher = {Greenwood}, date = {2000}}
@incollection{frontier, author = {Westfahl, Gary}, title = {The True Frontier}, crossref = {space}, pages = {55--65}}
@periodical{jcg, editor = {Doe, Jane}, title = {Computers and Graphics}, date = {2011}}
@article{art, author = {Roe, R.}, title = {An Article}, crossref = {jcg}}
@xdata{hammond:xdata, publisher = {Oxford University Press}, location = {Oxford}, date = {1997}}
@book{hammond, author = {Hammond, Christopher}, title = {Crystallography}, xdata = {hammond:xdata}}
@set{set, entryset = {kpv,frontier}}
@book{loop, crossref = {loop}, author = {A, B}, title = {T}, publisher = {P}, date = {2000}}
`;
const scan = scanBibtex(bib);
const byKey = new Map(scan.entries.map((entry) => [entry.key, entry]));
const fields = (key: string) => Object.fromEntries(inheritedFields(byKey.get(key)!, (name) => byKey.get(name)));

describe('inheritance as biber does it', () => {
  it('a volume of a multi-volume work: the work’s title is the main title, its other fields are the volume’s, `sortkey` is not inherited', () => {
    expect(fields('kpv')).toEqual({
      crossref: 'works',
      title: 'Kritik der praktischen Vernunft',
      volume: '5',
      date: '1908',
      author: 'Kant, Immanuel',
      maintitle: 'Gesammelte Schriften',
      publisher: 'Reimer',
      location: 'Berlin',
    });
  });

  it('a part of a collection: the collection’s title and subtitle are the book title and subtitle', () => {
    expect(fields('frontier')).toMatchObject({ title: 'The True Frontier', booktitle: 'Space and Beyond', booksubtitle: 'The Frontier Theme', editor: 'Westfahl, Gary', publisher: 'Greenwood', date: '2000' });
  });

  it('an article of a periodical: the periodical’s title is the journal title', () => {
    expect(fields('art')).toMatchObject({ title: 'An Article', journaltitle: 'Computers and Graphics', date: '2011' });
  });

  it('xdata lends every field under its own name; a cycle ends the chain', () => {
    expect(fields('hammond')).toMatchObject({ publisher: 'Oxford University Press', location: 'Oxford', date: '1997' });
    expect(fields('loop')).toMatchObject({ title: 'T' });
  });

  it('bib-missing-field counts inherited fields, and holds @set and @xdata to nothing', () => {
    const file = new VFile({ path: 'refs.bib', value: bib });
    checkRequiredFields(new Map(scan.entries.map((entry): [string, PlacedEntry] => [entry.key, { entry, file }])));
    // Only the work itself lacks what it needs; its volumes and parts inherit the rest.
    expect(file.messages.map((message) => message.reason)).toEqual(['Entry `works` has no `year` or `date`, which a `mvbook` entry needs']);
  });
});
