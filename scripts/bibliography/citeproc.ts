/**
 * The one adapter to citation-js and citeproc-js. No other module imports `@citation-js/*` or
 * `citeproc`: this file owns their global configuration and gives them the types they lack.
 * It is imported lazily by the render stage only, so `paper check` never loads a CSL engine.
 */
import { plugins } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-csl';
import CSL from 'citeproc';
import { cslDataItems, entriesToConvert, inheritedFields, reportUnreadableEntries, risRecords } from './bibtex-inheritance.js';
import type { Bibliography } from './read-bibliography.js';
import { scanBibtex, type BibEntry } from './bibtex-scan.js';
import { clusterEdit, firstCitedOrder } from './cluster-edits.js';
import { pandocItem, sanitisedItem, sourceForCitationJs, sourceWithoutCommands, type CslItem } from './csl-items.js';
import { enUsLocale } from './en-us-locale.js';

export type { CslItem } from './csl-items.js';

/** One cite in a citation cluster: the fields citeproc-js reads from a citation item. */
export interface CiteInput {
  id: string;
  locator?: string | undefined;
  label?: string | undefined;
  prefix?: string | undefined;
  suffix?: string | undefined;
  'suppress-author'?: boolean | undefined;
  'author-only'?: boolean | undefined;
}

export interface BibliographyEntry {
  id: string;
  /** The entry as HTML produced by citeproc-js, which escapes the field text it prints. */
  html: string;
}

export interface CitationEngine {
  /** Render every cluster in document order (disambiguation sees them all); HTML per cluster. */
  renderClusters(clusters: CiteInput[][]): string[];
  /** The reference list for the given ids (cited ones and `nocite` ones), in the style's order. */
  renderBibliography(ids: string[]): BibliographyEntry[];
  /** With `incremental`: how the clusters were rendered so far, as an edit of the last render or from scratch. */
  readonly renders?: { edited: number; full: number };
  /**
   * How the clusters are rendered from scratch: `in-order`, one pass in document order, when no
   * cite can depend on the citations around it (`inOrderPassFits`); else `rebuild`, citeproc-js's
   * `rebuildProcessorState`, which renders each cluster after all those before it. An incremental
   * engine rebuilds: its edits go on from the state a rebuild leaves.
   */
  readonly clusterPass: 'in-order' | 'rebuild';
}

interface CslConfig {
  styles: { has(name: string): boolean; get(name: string): string; list(): string[] };
  locales: { has(name: string): boolean; get(name: string): string; set(name: string, xml: string): void; list(): string[] };
}

const cslConfig = plugins.config.get('@csl') as CslConfig;

// en-US is the locale Pandoc 2.17 prints with, not citation-js's newer one (`en-us-locale.ts` says
// what differs): references read as Pandoc's do. The other languages stay citation-js's.
cslConfig.locales.set('en-US', enUsLocale);

/** The names of the CSL styles citation-js ships (`apa`, `vancouver`, `harvard1`). */
export function builtinStyleNames(): string[] {
  return cslConfig.styles.list();
}

export function builtinStyle(name: string): string | undefined {
  return cslConfig.styles.has(name) ? cslConfig.styles.get(name) : undefined;
}

export function availableLocales(): string[] {
  return cslConfig.locales.list();
}

/** BibTeX text (one file's worth) to CSL-JSON items, as `bibliographyToCsl` converts a paper's entries. */
export function bibtexToCsl(text: string): CslItem[] {
  const scan = scanBibtex(text);
  const byKey = new Map(scan.entries.map((entry) => [entry.key, entry]));
  return bibliographyToCsl(scan.stringSources, scan.entries.map((entry) => ({ entry, fields: inheritedFields(entry, (key) => byKey.get(key)) }))).items;
}

/** A paper's bibliography as CSL items: its BibTeX entries and RIS records converted, its CSL data as it is. */
export async function convertBibliography(bibliography: Bibliography): Promise<ConvertedBibliography> {
  const converted = bibliographyToCsl(bibliography.strings, entriesToConvert(bibliography), cslDataItems(bibliography));
  const records = risRecords(bibliography);
  if (records.length === 0) return converted;
  // Loaded only for a paper with a RIS bibliography: the plugin registers the `@ris/file` format.
  await import('@citation-js/plugin-ris');
  return { ...converted, items: [...converted.items, ...records.map(risItem)] };
}

/**
 * A RIS record as citation-js's RIS plugin reads it, under the key the scan gave it (its `ID`, or
 * the one Pandoc makes). The plugin reads any text it is given; a record it could not read at all
 * would be listed by its key.
 */
function risItem({ key, source }: { key: string; source: string }): CslItem {
  let item: CslItem | undefined;
  try {
    [item] = plugins.input.chain(source, { generateGraph: false, forceType: '@ris/file', target: '@csl/list+object' }) as CslItem[];
  } catch {
    item = undefined;
  }
  const { _graph: _ignored, ...rest } = (item ?? { id: key, type: 'document', title: key }) as CslItem & { _graph?: unknown };
  return sanitisedItem({ ...rest, id: key, type: rest.type || 'document' });
}

export { reportUnreadableEntries };

/** An entry to convert: its text for citation-js, and its fields with what it inherits, for Pandoc's mapping. */
export interface EntryToConvert {
  entry: BibEntry;
  fields: ReadonlyMap<string, string>;
}

export interface ConvertedBibliography {
  items: CslItem[];
  /** Entries citation-js could not read as written; they are listed from their text without LaTeX commands. */
  unreadable: Array<{ key: string; reason: string }>;
}

/**
 * Convert BibTeX/BibLaTeX entries to CSL-JSON items, as Pandoc reads them. The caller passes only
 * entries that scanned cleanly. All entries are converted in one call; when citation-js throws
 * (LaTeX its grammar does not read), each entry is converted on its own so that the problem is
 * named at its entry, and that entry is read again without its LaTeX commands.
 */
export function bibliographyToCsl(strings: readonly string[], entries: readonly EntryToConvert[], cslData: readonly CslItem[] = []): ConvertedBibliography {
  const prelude = strings.join('\n\n');
  const sources = entries.map(({ entry }) => sourceForCitationJs(entry.citeSource));
  const unreadable: ConvertedBibliography['unreadable'] = [];
  let raw: CslItem[];
  if (entries.length === 0) raw = [];
  else try {
    raw = toCsl([prelude, ...sources].join('\n\n'));
  } catch {
    raw = entries.flatMap(({ entry }, index) => {
      try {
        return toCsl(`${prelude}\n\n${sources[index] ?? ''}`);
      } catch (error) {
        unreadable.push({ key: entry.key, reason: firstLine(error) });
        try {
          return toCsl(`${prelude}\n\n${sourceWithoutCommands(sources[index] ?? '')}`);
        } catch {
          return [{ id: entry.key, type: 'document', title: entry.key }];
        }
      }
    });
  }
  const byKey = new Map(entries.map((entry) => [entry.entry.key, entry]));
  const items = raw.map((item) => {
    const normal = normaliseItem(item);
    const source = byKey.get(normal.id);
    return source ? pandocItem(normal, source.entry, source.fields) : normal;
  });
  return { items: [...items, ...cslData.map(sanitisedItem)], unreadable };
}

function toCsl(text: string): CslItem[] {
  return plugins.input.chain(text, { generateGraph: false, forceType: '@biblatex/text', target: '@csl/list+object' }) as CslItem[];
}

/** citation-js's message without its line and column, which count in its own copy of a field's text, not the file's. */
function firstLine(error: unknown): string {
  const line = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
  return line.replace(/\s+at line \d+ col \d+:?\s*$/, '').trim();
}

/** citation-js keeps biblatex's `entrysubtype` as a genre; CSL has types for newspapers and magazines. */
function normaliseItem(item: CslItem): CslItem {
  const { _graph: _ignored, ...rest } = item as CslItem & { _graph?: unknown };
  if (rest.type === 'article-journal' && (rest.genre === 'newspaper' || rest.genre === 'magazine')) {
    const { genre, ...withoutGenre } = rest;
    return { ...withoutGenre, type: `article-${String(genre)}` };
  }
  return rest;
}

/**
 * Build one CSL engine for a build: the style is compiled once, whatever the number of citations.
 * Throws an `Error` with a readable message when the style XML is not valid CSL.
 *
 * With `incremental` (a long-lived process, `paper watch`), clusters are rendered again only
 * where they changed: after a first render from scratch, one cluster replaced or inserted (the
 * same works cited, first cited in the same order) goes through citeproc-js's
 * `processCitationCluster`, which re-renders that cluster and any other whose rendering it
 * changes, as `rebuildProcessorState` would. The reference list then comes from an engine of its
 * own, so that the registry of the clusters' engine holds exactly the cited works, as in a render
 * from scratch (the list adds the `nocite` ones, which could disambiguate citations differently).
 *
 * Without it, the clusters are rendered in one pass in document order where the style allows
 * (`clusterPass`); `rebuild` forces citeproc-js's own rebuild, which the tests compare it with.
 */
export function createCitationEngine(items: CslItem[], styleXml: string, lang: string, options: { incremental?: boolean; rebuild?: boolean } = {}): CitationEngine {
  const byId = new Map(items.map((item) => [item.id, item]));
  const sys = {
    retrieveLocale: (name: string) => (cslConfig.locales.has(name) ? cslConfig.locales.get(name) : cslConfig.locales.get('en-US')),
    retrieveItem: (id: string) => {
      const item = byId.get(id);
      if (!item) throw new Error(`No bibliography entry \`${id}\``);
      return item;
    },
  };
  const newEngine = () => {
    const engine = new CSL.Engine(sys, styleXml, lang, true);
    engine.opt.development_extensions.wrap_url_and_doi = false;
    return engine;
  };
  const engine = newEngine();
  let listEngine: Engine | undefined;
  let lastClusters: CiteInput[][] = [];
  const clusters = options.incremental ? new IncrementalClusters(engine) : undefined;
  const clusterPass = inOrderPassFits(engine.opt) && !options.rebuild && !options.incremental ? 'in-order' : 'rebuild';
  const renderOnce = clusterPass === 'in-order' ? renderInOrder : renderAll;
  return {
    renders: clusters?.renders,
    clusterPass,
    renderClusters(input) {
      lastClusters = input;
      const raw = clusters ? clusters.render(input) : renderOnce(engine, input, (index) => `c${index}`);
      return raw.map((html, index) => linkCites(html, input[index] ?? []));
    },
    renderBibliography(ids) {
      let list = engine;
      if (options.incremental) {
        // What a one-off build does, on an engine of its own brought back to an empty document.
        const fresh = listEngine === undefined;
        list = listEngine ??= newEngine();
        renderAll(list, lastClusters, (index) => `c${index}`, !fresh);
      }
      list.updateItems(ids);
      const result = list.makeBibliography() as false | [{ entry_ids: string[][] }, string[]];
      if (!result) return [];
      const [meta, entries] = result;
      return entries.map((html, index) => ({ id: meta.entry_ids[index]?.[0] ?? '', html: html.trim() }));
    },
  };
}

type Engine = InstanceType<typeof CSL.Engine>;

function citationOf(cites: CiteInput[], citationID: string) {
  return { citationID, citationItems: cites.map(markCite), properties: { noteIndex: 0 } };
}

/**
 * Every cluster from scratch, in one pass (disambiguation sees them all): the HTML of each, not yet
 * linked. With `reset`, the engine is first brought back to an empty document, as citeproc-js's
 * own `restoreProcessorState([])` does: `rebuildProcessorState` alone keeps what works cited
 * before made it add (a given name stays after the namesake it told apart is no longer cited).
 */
function renderAll(engine: Engine, clusters: CiteInput[][], idOf: (index: number) => string, reset = false): string[] {
  if (reset) engine.restoreProcessorState([]);
  const citations = clusters.map((cites, index) => citationOf(cites, idOf(index)));
  const results = engine.rebuildProcessorState(citations, 'html', []) as Array<[string, number, string]>;
  const byCitation = new Map(results.map(([citationID, , html]) => [citationID, html]));
  return citations.map((citation) => byCitation.get(citation.citationID) ?? '');
}

/**
 * Whether a compiled style lets `renderInOrder` stand in for `rebuildProcessorState`: it has no
 * cite whose rendering depends on the citations before it. citeproc-js itself sets `update_mode`
 * to `CSL.POSITION` when a style tests `position` (first, subsequent, ibid, near-note), sets
 * `et-al-subsequent-*` apart from `et-al-*`, or uses a legal module's macros; then every cluster
 * is placed against all those before it. Note styles take the rebuild whatever they test:
 * citeproc-js treats them apart in several places, which this pass was not checked against, and
 * no paper here in a note style is large. Year suffixes, added names, given names and citation
 * numbers are settled by registering every cited work first, which both passes do.
 */
function inOrderPassFits(compiled: { update_mode: number; xclass: string }): boolean {
  return compiled.update_mode !== CSL.POSITION && compiled.xclass !== 'note';
}

/**
 * Every cluster from scratch, as `renderAll` renders them, in time linear in their number where
 * `inOrderPassFits`. `rebuildProcessorState` registers the cited works (in first-cited order),
 * then passes each citation to `processCitationCluster` after the list of all citations before
 * it: that call walks the whole list (placing each cite and indexing the citations of each
 * work), which makes the rebuild quadratic. Here each call is given, of the citations before,
 * only those of the works it could render again: a call renders again the earlier citations of
 * every work marked changed ("tainted") by then, which are works of its own citation (their data
 * read anew: a work whose author has only a family name, as an organisation has, is marked at
 * each citation, since citeproc-js adds an empty given name to the copy it keeps) and those the
 * previous renderings marked; the other citations it only indexes. The last call
 * is given them all, so that the engine is left as the rebuild leaves it (its registry of
 * citations is what the reference list's `updateItems` reads). Same calls, same renderings, in
 * the same order: the HTML is byte-identical, which the tests hold on the paper, the paper
 * scaled ten times and cases of every kind of disambiguation.
 */
function renderInOrder(engine: Engine, clusters: CiteInput[][], idOf: (index: number) => string): string[] {
  const citations = clusters.map((cites, index) => citationOf(cites, idOf(index)));
  const last = citations.length - 1;
  if (last < 0) return renderAll(engine, clusters, idOf);
  engine.updateItems(firstCitedOrder(clusters));
  const html = new Map<string, string>();
  const citing = new Map<string, number[]>();
  for (const [index, citation] of citations.entries()) {
    const works = clusters[index]?.map((cite) => cite.id) ?? [];
    // A work cited in every cluster brings back the rebuild's walk over all of them; no paper does that.
    const before = index === last ? citations.slice(0, index) : citingBefore([...works, ...Object.keys(engine.tmp.taintedItemIDs)], citing).map((at) => citations[at] ?? citation);
    // The engine's index of citations by id holds only the last call's; those given again are put back.
    for (const earlier of before) engine.setCitationId(earlier);
    const pre = before.map((earlier): [string, number] => [earlier.citationID, 0]);
    const [, rendered] = engine.processCitationCluster(citation, pre, [], CSL.ASSUME_ALL_ITEMS_REGISTERED) as [unknown, Array<[number, string, string]>];
    for (const [, text, citationID] of rendered) html.set(citationID, text);
    for (const work of new Set(works)) {
      const list = citing.get(work);
      if (list) list.push(index);
      else citing.set(work, [index]);
    }
  }
  engine.updateUncitedItems([]);
  return citations.map((citation) => html.get(citation.citationID) ?? '');
}

/** The indices of the citations before that cite any of `works`, in document order. */
function citingBefore(works: readonly string[], citing: ReadonlyMap<string, readonly number[]>): number[] {
  const found = new Set<number>();
  for (const work of works) for (const at of citing.get(work) ?? []) found.add(at);
  return [...found].sort((left, right) => left - right);
}

/** The clusters an engine rendered last, with their citation ids, so that the next render can be an edit of them. */
class IncrementalClusters {
  private state: { keys: string[]; ids: string[]; order: string[]; html: string[] } | undefined;
  private next = 0;
  readonly renders = { edited: 0, full: 0 };

  constructor(private readonly engine: Engine) {}

  render(clusters: CiteInput[][]): string[] {
    const keys = clusters.map((cites) => JSON.stringify(cites));
    const order = firstCitedOrder(clusters);
    const state = this.state;
    const edit = state && sameList(state.order, order) ? clusterEdit(state.keys, keys) : ({ kind: 'rebuild' } as const);
    if (state && edit.kind === 'same') return [...state.html];
    const edited = state && edit.kind !== 'same' && edit.kind !== 'rebuild' ? this.edit(state, edit, clusters) : undefined;
    if (edited) {
      this.renders.edited++;
      this.state = { keys, order, ...edited };
      return [...edited.html];
    }
    this.renders.full++;
    const ids = clusters.map(() => `c${this.next++}`);
    const html = renderAll(this.engine, clusters, (index) => ids[index] ?? '', state !== undefined);
    this.state = { keys, ids, order, html };
    return [...html];
  }

  private edit(state: NonNullable<IncrementalClusters['state']>, edit: { kind: 'replace' | 'insert'; index: number }, clusters: CiteInput[][]) {
    const { index } = edit;
    const id = edit.kind === 'replace' ? (state.ids[index] ?? '') : `c${this.next++}`;
    const ids = edit.kind === 'replace' ? state.ids : [...state.ids.slice(0, index), id, ...state.ids.slice(index)];
    const html = edit.kind === 'replace' ? [...state.html] : [...state.html.slice(0, index), '', ...state.html.slice(index)];
    const pre = ids.slice(0, index).map((citationID): [string, number] => [citationID, 0]);
    const post = ids.slice(index + 1).map((citationID): [string, number] => [citationID, 0]);
    const [result, updates] = this.engine.processCitationCluster(citationOf(clusters[index] ?? [], id), pre, post) as [{ citation_errors?: unknown[] }, Array<[number, string, string]>];
    if ((result.citation_errors?.length ?? 0) > 0 || !updates.some(([at]) => at === index)) return undefined;
    for (const [at, text] of updates) html[at] = text;
    return { ids, html };
  }
}

function sameList(left: readonly string[], right: readonly string[]): boolean {
  return left.length === right.length && left.every((value, index) => value === right[index]);
}

/*
 * Linking each cite to its entry. citeproc-js's own hook for this (`wrapCitationEntry`) drops the
 * layout's affixes, so instead every cite gets invisible markers from Unicode's private use plane:
 * START + (BASE + index) before it and END after it. The style may sort, collapse or disambiguate
 * the cites; the markers travel with each one, and are then replaced by `<a href="#ref-KEY">`.
 */
const start = '\u{F0000}';
const end = '\u{F0001}';
const indexBase = 0xf0100;
const markers = /[\u{F0000}-\u{FFFFD}]/gu;
const markedCite = /\u{F0000}([\u{F0100}-\u{FFFFD}])([^\u{F0000}\u{F0001}]*)\u{F0001}/gu;

function markCite(cite: CiteInput, index: number): CiteInput {
  const prefix = (cite.prefix ?? '').replace(markers, '');
  const suffix = (cite.suffix ?? '').replace(markers, '');
  return { ...cite, prefix: prefix + start + String.fromCodePoint(indexBase + index), suffix: end + suffix };
}

function linkCites(html: string, cites: CiteInput[]): string {
  const linked = html.replace(markedCite, (_match, marker: string, inner: string) => {
    const cite = cites[(marker.codePointAt(0) ?? indexBase) - indexBase];
    return cite && inner ? `<a href="#ref-${escapeAttribute(cite.id)}" role="doc-biblioref">${inner}</a>` : inner;
  });
  return linked.replace(markers, '');
}

function escapeAttribute(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;');
}
