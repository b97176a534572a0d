import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clusterEdit } from '../../scripts/bibliography/cluster-edits.js';
import { bibtexToCsl, builtinStyle, createCitationEngine, type CiteInput } from '../../scripts/bibliography/citeproc.js';
import { fromRoot } from '../helpers/paths.js';

/**
 * A watch session's CSL engine renders an edited cluster list as an edit of the last one. It must
 * give exactly what a fresh engine gives the same list, in styles that disambiguate (year
 * suffixes, given names), number works by first citation, and collapse.
 */
const items = bibtexToCsl(readFileSync(fromRoot('test/fixtures/styles/corpus.bib'), 'utf8'));
const ids = items.map((item) => item.id);
const styles = { paper: readFileSync(fromRoot('styles/paper.csl'), 'utf8'), vancouver: builtinStyle('vancouver') ?? '', harvard1: builtinStyle('harvard1') ?? '' };

describe('clusterEdit', () => {
  it('finds one cluster replaced or inserted, else asks for a render from scratch', () => {
    expect(clusterEdit(['a', 'b'], ['a', 'b'])).toEqual({ kind: 'same' });
    expect(clusterEdit(['a', 'b', 'c'], ['a', 'x', 'c'])).toEqual({ kind: 'replace', index: 1 });
    expect(clusterEdit(['a', 'b'], ['a', 'x', 'b'])).toEqual({ kind: 'insert', index: 1 });
    expect(clusterEdit(['a', 'a'], ['a', 'a', 'a'])).toEqual({ kind: 'insert', index: 2 });
    expect(clusterEdit(['a', 'b', 'c'], ['a', 'c'])).toEqual({ kind: 'rebuild' });
    expect(clusterEdit(['a', 'b', 'c'], ['x', 'b', 'y'])).toEqual({ kind: 'rebuild' });
  });
});

describe('an incremental CSL engine', () => {
  const cite = fc.record(
    {
      id: fc.constantFrom(...ids),
      locator: fc.constantFrom('1', '12', '3-5'),
      label: fc.constantFrom('page', 'chapter'),
      prefix: fc.constantFrom('see ', 'cf. '),
      suffix: fc.constantFrom(', n. 2', ' and passim'),
      'suppress-author': fc.constant(true),
    },
    { requiredKeys: ['id'] },
  );
  const cluster = fc.array(cite, { minLength: 1, maxLength: 3 });
  // Half the replacements cite the same works anew (other locators, prefixes): the edits an incremental engine takes.
  const edit = fc.record({ insert: fc.boolean(), sameWorks: fc.boolean(), at: fc.nat(), cluster });

  for (const [name, xml] of Object.entries(styles)) {
    it(`renders as a fresh engine does after each edit, in ${name}`, () => {
      let edited = 0;
      fc.assert(
        fc.property(fc.array(cluster, { minLength: 1, maxLength: 6 }), fc.array(edit, { minLength: 1, maxLength: 5 }), (start, edits) => {
          const engine = createCitationEngine(items, xml, 'en-US', { incremental: true });
          let clusters: CiteInput[][] = start;
          expect(engine.renderClusters(clusters)).toEqual(createCitationEngine(items, xml, 'en-US').renderClusters(clusters));
          for (const change of edits) {
            const at = change.at % (clusters.length + (change.insert ? 1 : 0));
            const replacement = (old: CiteInput[]) => (change.sameWorks ? old.map((cite, index) => ({ ...change.cluster[index % change.cluster.length], id: cite.id })) : change.cluster);
            clusters = change.insert ? [...clusters.slice(0, at), change.cluster, ...clusters.slice(at)] : clusters.map((old, index) => (index === at ? replacement(old) : old));
            expect(engine.renderClusters(clusters)).toEqual(createCitationEngine(items, xml, 'en-US').renderClusters(clusters));
          }
          // The reference list too, as a one-off build makes it after these clusters.
          const oneOff = createCitationEngine(items, xml, 'en-US');
          oneOff.renderClusters(clusters);
          expect(engine.renderBibliography(ids)).toEqual(oneOff.renderBibliography(ids));
          edited += engine.renders?.edited ?? 0;
        }),
        { numRuns: Number(process.env.RUNS ?? 15) },
      );
      // Edits that keep the works and their first-citation order were rendered as edits.
      expect(edited).toBeGreaterThan(5);
    });
  }

  it('forgets what works no longer cited made it add: a given name, once the namesake is gone', () => {
    const both = [[{ id: 'smith2000c' }, { id: 'smith2000a' }], [{ id: 'smith2000b' }]];
    const one = [[{ id: 'smith2000a' }], [{ id: 'smith2000b' }]];
    const engine = createCitationEngine(items, styles.paper, 'en-US', { incremental: true });
    const plain = (html: string[]) => html.map((text) => text.replace(/<[^>]+>/g, ''));
    expect(plain(engine.renderClusters(both))).toEqual(['(Jane Smith 2000; John Smith 2000a)', '(John Smith 2000b)']);
    expect(plain(engine.renderClusters(one))).toEqual(['(Smith 2000a)', '(Smith 2000b)']);
  });

  it('makes the reference list with another engine, so nocite works do not change the citations', () => {
    const clusters = [[{ id: 'smith2000a' }], [{ id: 'smith2000b' }]];
    const engine = createCitationEngine(items, styles.paper, 'en-US', { incremental: true });
    const first = engine.renderClusters(clusters);
    engine.renderBibliography(ids);
    const edited = [[{ id: 'smith2000a', locator: '4' }], [{ id: 'smith2000b' }]];
    expect(engine.renderClusters(edited)).toEqual(createCitationEngine(items, styles.paper, 'en-US').renderClusters(edited));
    expect(engine.renders).toEqual({ edited: 1, full: 1 });
    expect(first).toHaveLength(2);
  });
});
