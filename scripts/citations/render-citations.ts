import type { ElementContent } from 'hast';
import { h } from 'hastscript';
import { toString } from 'mdast-util-to-string';
import type { CiteInput } from '../bibliography/citeproc.js';
import { parseHtmlFragment } from '../html/html-fragment.js';
import { crossrefNames, isCrossrefKey, type CrossrefTarget } from './crossref-targets.js';
import type { Citation, CitationItem } from './syntax/citation-node.js';

/** What the render stage needs from a CSL engine; the adapter provides it, tests may stub it. */
export interface ClusterFormatter {
  renderClusters(clusters: CiteInput[][]): string[];
}

declare module './syntax/citation-node.js' {
  interface CitationData {
    /** The rendered citation, set by `renderCitations`. */
    rendered?: ElementContent[];
  }
}

type Piece = { kind: 'cluster'; index: number } | { kind: 'html'; nodes: ElementContent[] };

/**
 * Render every citation: works through one CSL engine (all clusters in one pass, so the style can
 * disambiguate across the paper), cross-references as links to their targets ("Table 1.2", or
 * "1.2" when author-suppressed). Narrative `@key` renders "Author (Year, locator)" as Pandoc does:
 * an author-only cite, a space, then the rest with the author suppressed.
 */
export function renderCitations(citations: Citation[], targets: ReadonlyMap<string, CrossrefTarget>, formatter: ClusterFormatter): void {
  const clusters: CiteInput[][] = [];
  const plans = citations.map((citation) => plan(citation, targets, clusters));
  const rendered = clusters.length > 0 ? formatter.renderClusters(clusters) : [];
  for (const [index, citation] of citations.entries()) {
    const pieces = plans[index] ?? [];
    const nodes: ElementContent[] = [];
    for (const piece of pieces) {
      if (piece.kind === 'html') nodes.push(...piece.nodes);
      else {
        const html = rendered[piece.index] ?? '';
        if (html === '') continue;
        if (nodes.length > 0) nodes.push({ type: 'text', value: ' ' });
        nodes.push(...parseHtmlFragment(html));
      }
    }
    citation.data = { ...citation.data, rendered: nodes };
  }
}

function plan(citation: Citation, targets: ReadonlyMap<string, CrossrefTarget>, clusters: CiteInput[][]): Piece[] {
  const pieces: Piece[] = [];
  let works: CitationItem[] = [];
  const flush = () => {
    if (works.length === 0) return;
    const [first, ...rest] = works;
    if (first && first.mode === 'author-in-text') {
      pieces.push({ kind: 'cluster', index: clusters.push([{ ...cite(first), 'author-only': true, locator: undefined, label: undefined, suffix: undefined, prefix: undefined }]) - 1 });
      pieces.push({ kind: 'cluster', index: clusters.push([{ ...cite(first), 'suppress-author': true }, ...rest.map(cite)]) - 1 });
    } else {
      pieces.push({ kind: 'cluster', index: clusters.push(works.map(cite)) - 1 });
    }
    works = [];
  };
  for (const item of citation.items) {
    if (!isCrossrefKey(item.key)) {
      works.push(item);
      continue;
    }
    flush();
    pieces.push({ kind: 'html', nodes: crossref(item, targets.get(item.key), pieces.length > 0) });
  }
  flush();
  return pieces;
}

function cite(item: CitationItem): CiteInput {
  const prefix = toString(item.prefix);
  return {
    id: item.key,
    locator: item.locator?.value,
    label: item.locator?.label,
    prefix: prefix ? `${prefix} ` : undefined,
    suffix: item.suffixRest ? item.suffixRest : undefined,
    'suppress-author': item.mode === 'suppress-author' ? true : undefined,
  };
}

function crossref(item: CitationItem, target: CrossrefTarget | undefined, separated: boolean): ElementContent[] {
  // A numbered target is named by its number ("Table 1.2", or "1.2" when author-suppressed); an
  // unnumbered section by its title.
  const text = !target ? item.key : !target.label ? (target.title ?? item.key) : item.mode === 'suppress-author' ? target.label : `${crossrefNames[target.kind]} ${target.label}`;
  const prefix = toString(item.prefix);
  const suffix = toString(item.suffix);
  const nodes: ElementContent[] = [];
  if (separated) nodes.push({ type: 'text', value: '; ' });
  if (prefix) nodes.push({ type: 'text', value: `${prefix} ` });
  nodes.push(h('a', { href: `#${item.key}`, className: ['crossref'] }, text));
  if (suffix) nodes.push({ type: 'text', value: suffix.startsWith(',') ? suffix : ` ${suffix}` });
  return nodes;
}
