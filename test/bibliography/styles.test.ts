import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bibtexToCsl, builtinStyle, createCitationEngine } from '../../scripts/bibliography/citeproc.js';
import { fromRoot } from '../helpers/paths.js';

/**
 * The CSL engine through the adapter, in every style the pipeline offers, on a corpus of what
 * styles must handle: year suffixes (2000a/2000b), given-name disambiguation, et al., name
 * particles, Cyrillic and diacritics, corporate authors, DOIs and URLs. Golden files in
 * test/fixtures/styles/<style>.json (`UPDATE=1` rewrites them).
 */
const items = bibtexToCsl(readFileSync(fromRoot('test/fixtures/styles/corpus.bib'), 'utf8'));
const styles = {
  paper: readFileSync(fromRoot('styles/paper.csl'), 'utf8'),
  apa: builtinStyle('apa') ?? '',
  vancouver: builtinStyle('vancouver') ?? '',
  harvard1: builtinStyle('harvard1') ?? '',
};
const clusters = [
  [{ id: 'smith2000a' }],
  [{ id: 'smith2000b', locator: '12', label: 'page' }],
  [{ id: 'smith2000c' }],
  [{ id: 'many2010' }],
  [{ id: 'gogh1990', prefix: 'see ' }, { id: 'tolstoy1869', locator: '3', label: 'chapter' }],
  [{ id: 'bolukbasi1998', 'suppress-author': true }],
  [{ id: 'web2020' }],
];
const plain = (html: string) => html.replace(/<[^>]+>/g, '').replace(/&#38;/g, '&');

describe('citations and references in every style', () => {
  for (const [name, xml] of Object.entries(styles)) {
    it(`renders the corpus in ${name}`, () => {
      const engine = createCitationEngine(items, xml, 'en-US');
      const rendered = {
        citations: engine.renderClusters(clusters).map(plain),
        references: engine.renderBibliography(items.map((item) => item.id)).map((entry) => `${entry.id}: ${plain(entry.html)}`),
      };
      const path = fromRoot(`test/fixtures/styles/${name}.json`);
      if (process.env.UPDATE) writeFileSync(path, `${JSON.stringify(rendered, null, 2)}\n`);
      expect(rendered).toEqual(JSON.parse(readFileSync(path, 'utf8')));
    });
  }

  it('disambiguates two works of one author and year, and two authors of one name', () => {
    const apa = createCitationEngine(items, styles.apa, 'en-US').renderClusters(clusters).map(plain);
    // APA tells the three apart by year suffixes, ordered by title: Another (Jane), First, Second.
    expect(apa.slice(0, 3)).toEqual(['(Smith, 2000b)', '(Smith, 2000c, p. 12)', '(Smith, 2000a)']);
    const paper = createCitationEngine(items, styles.paper, 'en-US').renderClusters(clusters).map(plain);
    expect(paper.slice(0, 3)).toEqual(['(John Smith 2000a)', '(John Smith 2000b, 12)', '(Jane Smith 2000)']);
  });

  it('keeps Cyrillic and diacritics, and shortens eight authors with et al.', () => {
    const paper = createCitationEngine(items, styles.paper, 'en-US');
    const list = paper.renderBibliography(items.map((item) => item.id)).map((entry) => plain(entry.html)).join('\n');
    expect(list).toContain('Лев Толстой, Война и мир (Москва: Русский вестник, 1869).');
    expect(list).toContain('Süha Bölükbaşı, “Ümit and Çağ”');
    expect(plain(paper.renderClusters([[{ id: 'many2010' }]])[0] ?? '')).toBe('(One et al. 2010)');
  });

  it('links every cite of a cluster to its own entry, whatever order the style sorts them in', () => {
    const [html] = createCitationEngine(items, styles.apa, 'en-US').renderClusters([[{ id: 'tolstoy1869' }, { id: 'gogh1990' }]]);
    expect(html).toMatch(/<a href="#ref-gogh1990" role="doc-biblioref">[^<]*Gogh[^<]*<\/a>.*<a href="#ref-tolstoy1869" role="doc-biblioref">[^<]*Толстой/);
  });

  it('prints a bibliography field as text, never as markup', () => {
    const evil = bibtexToCsl('@book{x, author = {<script>alert(1)</script>}, title = {<img src=x onerror=alert(1)>}, publisher = {P}, date = {2000}}');
    const engine = createCitationEngine(evil, styles.paper, 'en-US');
    const html = [...engine.renderClusters([[{ id: 'x' }]]), ...engine.renderBibliography(['x']).map((entry) => entry.html)].join('\n');
    expect(html).not.toMatch(/<script|<img/);
    expect(html).toContain('img src=x onerror=alert(1)');
  });

  it('refuses XML that is not CSL with an error that says so', () => {
    expect(() => createCitationEngine(items, '<style><oops', 'en-US')).toThrowError();
  });
});
