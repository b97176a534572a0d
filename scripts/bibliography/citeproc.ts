/**
 * The one adapter to citation-js and citeproc-js. No other module imports `@citation-js/*` or
 * `citeproc`: this file owns their global configuration and gives them the types they lack.
 * It is imported lazily by the render stage only, so `paper check` never loads a CSL engine.
 */
import { plugins } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-csl';
import CSL from 'citeproc';

/** A CSL-JSON item, as citeproc-js reads it. */
export interface CslItem {
  id: string;
  type: string;
  [field: string]: unknown;
}

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
}

interface CslConfig {
  styles: { has(name: string): boolean; get(name: string): string; list(): string[] };
  locales: { has(name: string): boolean; get(name: string): string; list(): string[] };
}

const cslConfig = plugins.config.get('@csl') as CslConfig;

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

/**
 * Convert BibTeX/BibLaTeX text to CSL-JSON items. The caller passes only entries that scanned
 * cleanly, so a bad entry elsewhere in the file cannot make citation-js fail here.
 */
export function bibtexToCsl(text: string): CslItem[] {
  const items = plugins.input.chain(text, { generateGraph: false, forceType: '@biblatex/text', target: '@csl/list+object' }) as CslItem[];
  return items.map(normaliseItem);
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
 */
export function createCitationEngine(items: CslItem[], styleXml: string, lang: string): CitationEngine {
  const byId = new Map(items.map((item) => [item.id, item]));
  const sys = {
    retrieveLocale: (name: string) => (cslConfig.locales.has(name) ? cslConfig.locales.get(name) : cslConfig.locales.get('en-US')),
    retrieveItem: (id: string) => {
      const item = byId.get(id);
      if (!item) throw new Error(`No bibliography entry \`${id}\``);
      return item;
    },
  };
  const engine = new CSL.Engine(sys, styleXml, lang, true);
  engine.opt.development_extensions.wrap_url_and_doi = false;
  return {
    renderClusters(clusters) {
      const citations = clusters.map((cites, index) => ({
        citationID: `c${index}`,
        citationItems: cites.map(markCite),
        properties: { noteIndex: 0 },
      }));
      const results = engine.rebuildProcessorState(citations, 'html', []) as Array<[string, number, string]>;
      const byCitation = new Map(results.map(([citationID, , html]) => [citationID, html]));
      return citations.map((citation, index) => linkCites(byCitation.get(citation.citationID) ?? '', clusters[index] ?? []));
    },
    renderBibliography(ids) {
      engine.updateItems(ids);
      const result = engine.makeBibliography() as false | [{ entry_ids: string[][] }, string[]];
      if (!result) return [];
      const [meta, entries] = result;
      return entries.map((html, index) => ({ id: meta.entry_ids[index]?.[0] ?? '', html: html.trim() }));
    },
  };
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
