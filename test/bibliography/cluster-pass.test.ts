import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { bibtexToCsl, builtinStyle, convertBibliography, createCitationEngine, type CiteInput, type CslItem } from '../../scripts/bibliography/citeproc.js';
import { renderCitations } from '../../scripts/citations/render-citations.js';
import { check } from '../../scripts/pipeline/check.js';
import { fromRoot, root } from '../helpers/paths.js';

/**
 * A one-off build renders its clusters in one pass in document order where the style allows
 * (`clusterPass: 'in-order'`), instead of citeproc-js's `rebuildProcessorState`, quadratic in the
 * number of citations. The two must give byte-identical HTML, citations and reference list: on
 * the paper, on the paper scaled ten times (bench/scale/make-scaled-paper.mjs; x100 takes ~15 s
 * here and is checked by the bench instead, see bench/README.md), and on every kind of
 * disambiguation. Styles whose cites depend on their position, and note styles, keep the rebuild.
 */
const paperStyle = readFileSync(fromRoot('styles/paper.csl'), 'utf8');
const corpus = readFileSync(fromRoot('test/fixtures/styles/corpus.bib'), 'utf8');

/** Works that need each kind of disambiguation, beside the corpus's John, Jane and two 2000s of John Smith. */
const ambiguous = `
@book{doe2001a, author = {Doe, Ann and Roe, Bea and Poe, Cy}, title = {Three Authors}, publisher = {P}, date = {2001}}
@book{doe2001b, author = {Doe, Ann and Moe, Dan and Zoe, Eli}, title = {Three Others}, publisher = {P}, date = {2001}}
@book{smith2000d, author = {Smith, Adam}, title = {A Third Smith}, publisher = {P}, date = {2000}}
@book{smith2000e, author = {Smith, J. R.}, title = {Initials Only}, publisher = {P}, date = {2000}}
@report{who2019a, author = {{World Health Organization}}, title = {Report One}, date = {2019}}
@report{who2019b, author = {{World Health Organization}}, title = {Report Two}, date = {2019}}
@book{anon1999, title = {No Author at All}, publisher = {P}, date = {1999}}
${Array.from({ length: 30 }, (_, copy) => `@book{copy${copy}, author = {Same, Sam}, title = {Same Book}, publisher = {P}, date = {2010}}`).join('\n')}
`;
const items = bibtexToCsl(`${corpus}\n${ambiguous}`);
const ids = items.map((item) => item.id);

const styles: Record<string, string> = {
  paper: paperStyle,
  'paper, adding names': paperStyle.replace('disambiguate-add-givenname="true"', 'disambiguate-add-names="true" disambiguate-add-givenname="true"'),
  ...Object.fromEntries(
    ['all-names', 'all-names-with-initials', 'primary-name', 'primary-name-with-initials', 'by-cite'].map((rule) => [
      `paper, ${rule}`,
      paperStyle.replace('disambiguate-add-givenname="true"', `disambiguate-add-names="true" disambiguate-add-givenname="true" givenname-disambiguation-rule="${rule}"`),
    ]),
  ),
  apa: builtinStyle('apa') ?? '',
  vancouver: builtinStyle('vancouver') ?? '',
  harvard1: builtinStyle('harvard1') ?? '',
};

/** The clusters and the reference list, as a one-off build renders them, by the given pass. */
function render(xml: string, engineItems: CslItem[], clusters: CiteInput[][], listed: string[], rebuild: boolean) {
  const engine = createCitationEngine(engineItems, xml, 'en-US', { rebuild });
  return { pass: engine.clusterPass, citations: engine.renderClusters(clusters), references: engine.renderBibliography(listed) };
}

function expectSameBothWays(xml: string, engineItems: CslItem[], clusters: CiteInput[][], listed: string[]) {
  const inOrder = render(xml, engineItems, clusters, listed, false);
  const rebuilt = render(xml, engineItems, clusters, listed, true);
  expect(inOrder.pass).toBe('in-order');
  expect(rebuilt.pass).toBe('rebuild');
  expect(inOrder.citations).toEqual(rebuilt.citations);
  expect(inOrder.references).toEqual(rebuilt.references);
  return inOrder;
}

const plain = (html: string) => html.replace(/<[^>]+>/g, '');

/** A paper's clusters as the render stage sends them to the engine, and its CSL items and listed ids. */
async function paperClusters(folder: string) {
  const { paper } = await check({ path: folder, cwd: folder, bibliographies: [] });
  if (!paper) throw new Error(`${folder} did not check`);
  let clusters: CiteInput[][] = [];
  const capture = {
    renderClusters(sent: CiteInput[][]) {
      clusters = sent;
      return sent.map(() => '');
    },
  };
  renderCitations(paper.citations, paper.targets, capture, paper.meta.crossref, new Set(paper.bibliography.entries.keys()));
  const { items: converted } = await convertBibliography(paper.bibliography);
  return { clusters, items: converted, listed: paper.listed };
}

describe('which styles render their clusters in one pass', () => {
  const compiled = (xml: string) => createCitationEngine(items, xml, 'en-US').clusterPass;

  it('in order: the paper style, and the builtin styles (author-date and numeric)', () => {
    for (const name of ['paper', 'paper, adding names', 'paper, by-cite', 'apa', 'vancouver', 'harvard1']) expect([name, compiled(styles[name] ?? '')]).toEqual([name, 'in-order']);
  });

  it('the rebuild: a style testing position, setting et al. apart for subsequent cites, or of the note class', () => {
    expect(compiled(inTextWithPosition)).toBe('rebuild');
    expect(compiled(paperStyle.replace('et-al-use-first="1"', 'et-al-use-first="1" et-al-subsequent-min="10" et-al-subsequent-use-first="5"'))).toBe('rebuild');
    expect(compiled(noteStyle(true))).toBe('rebuild');
    expect(compiled(noteStyle(false))).toBe('rebuild');
    // An incremental engine (paper watch) rebuilds from scratch, as before: its edits go on from a rebuild's state.
    expect(createCitationEngine(items, paperStyle, 'en-US', { incremental: true }).clusterPass).toBe('rebuild');
    // A subsequent et al. the same as the first one does not depend on position.
    expect(compiled(paperStyle.replace('et-al-use-first="1"', 'et-al-use-first="1" et-al-subsequent-min="3" et-al-subsequent-use-first="1"'))).toBe('in-order');
  });

  it('a note style (ibid, short form after the first) renders as the rebuild does, positions and all', () => {
    const clusters = [[{ id: 'smith2000a' }], [{ id: 'smith2000a' }], [{ id: 'smith2000b', locator: '4', label: 'page' }], [{ id: 'smith2000a' }]];
    const note = render(noteStyle(true), items, clusters, ids, false);
    expect(note.pass).toBe('rebuild');
    expect(note.citations.map(plain)).toEqual(['John Smith, First Book of the Year (2000).', 'Ibid.', 'John Smith, Second Book of the Year (2000), 4.', 'Smith, First Book of the Year.']);
    expect(note).toEqual(render(noteStyle(true), items, clusters, ids, true));
  });
});

describe('the in-order pass gives what the rebuild gives', () => {
  it('disambiguates as the rebuild does: year suffixes, added names, given names, organisations', () => {
    const clusters: CiteInput[][] = [
      [{ id: 'smith2000a' }, { id: 'smith2000b', locator: '12', label: 'page' }],
      [{ id: 'doe2001a' }],
      [{ id: 'smith2000c' }, { id: 'smith2000d' }],
      [{ id: 'doe2001b', prefix: 'see ' }],
      [{ id: 'who2019a' }, { id: 'who2019b' }],
      [{ id: 'smith2000a', 'suppress-author': true }],
      [{ id: 'smith2000e' }, { id: 'anon1999' }],
      [{ id: 'who2019a', 'author-only': true }],
      [{ id: 'who2019a', locator: '3', label: 'page' }],
    ];
    const paper = expectSameBothWays(styles.paper ?? '', items, clusters, ids);
    // The cases are there: a given name and year suffixes (John Smith's two books), year suffixes
    // for two "Doe et al." (this style adds no names), an organisation's two reports.
    expect(paper.citations.map(plain)).toEqual([
      '(John Smith 2000a, 2000b, 12)',
      '(Doe et al. 2001b)',
      '(Smith 2000, 2000)',
      '(see Doe et al. 2001a)',
      '(World Health Organization 2019a, 2019b)',
      '(2000a)',
      '(Smith 2000; “No Author at All” 1999)',
      'World Health Organization',
      '(World Health Organization 2019a, 3)',
    ]);
    const names = expectSameBothWays(styles['paper, adding names'] ?? '', items, clusters, ids);
    expect(names.citations.map(plain).slice(1, 4)).toEqual(['(Doe, Roe, et al. 2001)', '(Smith 2000, 2000)', '(see Doe, Moe, et al. 2001)']);
    for (const name of Object.keys(styles)) expectSameBothWays(styles[name] ?? '', items, clusters, ids);
  });

  it('leaves the engine as the rebuild does, so the reference list after it is the same (Jane Smith\'s given name)', () => {
    // Found by the property below: were the last cluster rendered without all those before it, the
    // engine would forget works cited earlier, and the list would spell out "Smith, Jane".
    const clusters = [[{ id: 'smith2000d' }, { id: 'smith2000a' }], [{ id: 'web2020' }]];
    const result = expectSameBothWays(styles.harvard1 ?? '', items, clusters, ids);
    expect(result.references.find((entry) => entry.id === 'smith2000c')?.html).toBe('<div class="csl-entry">Smith, J. (2000) <i>Another Smith</i>. Leeds: Press.</div>');
  });

  it('year suffixes past z: thirty copies of the same book, each cited twice', () => {
    const clusters = [...Array.from({ length: 30 }, (_, copy) => [{ id: `copy${copy}` }]), ...Array.from({ length: 30 }, (_, copy) => [{ id: `copy${29 - copy}`, locator: String(copy + 1) }])];
    const result = expectSameBothWays(styles.paper ?? '', items, clusters, ids);
    expect(result.citations.map(plain).slice(25, 28)).toEqual(['(Same 2010z)', '(Same 2010aa)', '(Same 2010ab)']);
  });

  for (const [name, xml] of Object.entries(styles)) {
    it(`any clusters, in ${name}`, () => {
      const cite = fc.record(
        {
          id: fc.constantFrom(...ids.filter((id) => !id.startsWith('copy')), 'copy0', 'copy1', 'copy2'),
          locator: fc.constantFrom('1', '12', '3-5'),
          label: fc.constantFrom('page', 'chapter'),
          prefix: fc.constantFrom('see ', 'cf. '),
          'suppress-author': fc.constant(true),
          'author-only': fc.constant(true),
        },
        { requiredKeys: ['id'] },
      );
      fc.assert(
        fc.property(fc.array(fc.array(cite, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 12 }), (clusters) => {
          expectSameBothWays(xml, items, clusters, ids);
        }),
        // apa compiles in ~0.4 s: fewer runs.
        { numRuns: Number(process.env.RUNS ?? (name === 'apa' ? 8 : 25)) },
      );
    });
  }
});

describe('on the paper', () => {
  it('the seed paper: its clusters and reference list, byte-identical both ways', async () => {
    const paper = await paperClusters(root);
    expect(paper.clusters.length).toBeGreaterThan(20);
    expectSameBothWays(paperStyle, paper.items, paper.clusters, paper.listed);
  });

  const scratch = mkdtempSync(join(tmpdir(), 'paper-cluster-pass-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('the paper scaled ten times (250 works, 240 clusters), byte-identical both ways', async () => {
    const { makeScaledPaper } = (await import(pathToFileURL(fromRoot('bench/scale/make-scaled-paper.mjs')).href)) as { makeScaledPaper: (from: string, to: string, copies: number) => unknown };
    makeScaledPaper(root, scratch, 10);
    const paper = await paperClusters(scratch);
    expect(paper.clusters.length).toBe(240);
    const result = expectSameBothWays(paperStyle, paper.items, paper.clusters, paper.listed);
    // Ten copies of each work: year suffixes from a to j.
    expect(result.citations.some((html) => plain(html).includes('2009j'))).toBe(true);
  });
});

/** An in-text style that prints the title on a work's first citation only. */
const inTextWithPosition = `<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>Position test</title><id>position-test</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <citation>
    <layout prefix="(" suffix=")" delimiter="; ">
      <names variable="author"><name form="short"/></names>
      <choose><if position="first"><text variable="title" prefix=", "/></if></choose>
    </layout>
  </citation>
  <bibliography><layout><names variable="author"/><text variable="title" prefix=". "/></layout></bibliography>
</style>`;

/** A short note style: the full form first, then "Ibid." or the short form (with `positions`), or always the full form. */
function noteStyle(positions: boolean): string {
  const full = `<group delimiter=", "><names variable="author"/><group delimiter=" "><text variable="title" font-style="italic"/><date variable="issued" prefix="(" suffix=")"><date-part name="year"/></date></group><text variable="locator"/></group>`;
  const short = `<group delimiter=", "><names variable="author"><name form="short"/></names><text variable="title" form="short" font-style="italic"/><text variable="locator"/></group>`;
  const layout = positions
    ? `<choose><if position="ibid-with-locator"><group delimiter=", "><text value="Ibid"/><text variable="locator"/></group></if><else-if position="ibid"><text value="Ibid"/></else-if><else-if position="subsequent">${short}</else-if><else>${full}</else></choose>`
    : full;
  return `<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="note" version="1.0">
  <info><title>Note test</title><id>note-test</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <citation><layout suffix="." delimiter="; ">${layout}</layout></citation>
  <bibliography><layout><names variable="author"/><text variable="title" prefix=". "/></layout></bibliography>
</style>`;
}
