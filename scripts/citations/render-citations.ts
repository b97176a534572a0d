import type { ElementContent } from 'hast';
import { h } from 'hastscript';
import { toString } from 'mdast-util-to-string';
import type { CiteInput } from '../bibliography/citeproc.js';
import { parseHtmlFragment } from '../html/html-fragment.js';
import { defaultCrossrefNaming, type CrossrefNaming } from '../front-matter/crossref-naming.js';
import { readCrossrefKey, type CrossrefKey, type CrossrefTarget } from './crossref-targets.js';
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
 * disambiguate across the paper), cross-references as links to their targets. Narrative `@key`
 * renders "Author (Year, locator)" as Pandoc does: an author-only cite, a space, then the rest
 * with the author suppressed. Cross-references are named as their syntax's tool names them:
 * Quarto's each on its own ("Table 1.2", "1.2" when author-suppressed), pandoc-crossref's grouped
 * ("figs. 2-4, tbl. 1").
 */
export function renderCitations(
  citations: Citation[],
  targets: ReadonlyMap<string, CrossrefTarget>,
  formatter: ClusterFormatter,
  naming: CrossrefNaming = defaultCrossrefNaming,
  entryKeys?: ReadonlySet<string>,
): void {
  const clusters: CiteInput[][] = [];
  const plans = citations.map((citation) => plan(citation, { targets, naming, entryKeys }, clusters));
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

interface Naming {
  targets: ReadonlyMap<string, CrossrefTarget>;
  naming: CrossrefNaming;
  /** The keys the engine knows; others (an unknown key the project set to `warning`) are shown as Pandoc shows them. */
  entryKeys: ReadonlySet<string> | undefined;
}

type CrossrefItem = { item: CitationItem; reference: CrossrefKey; target: CrossrefTarget | undefined };

function plan(citation: Citation, context: Naming, clusters: CiteInput[][]): Piece[] {
  const pieces: Piece[] = [];
  let works: CitationItem[] = [];
  let run: CrossrefItem[] = [];
  const flushRun = () => {
    if (run.length === 0) return;
    pieces.push({ kind: 'html', nodes: [...(pieces.length > 0 ? [{ type: 'text', value: '; ' } as const] : []), ...pandocCrossrefRun(run, context.naming)] });
    run = [];
  };
  const flush = () => {
    flushRun();
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
    const reference = readCrossrefKey(item.key);
    if (!reference) {
      flushRun();
      if (context.entryKeys && !context.entryKeys.has(item.key)) {
        // No entry to format: "**key?**", as Pandoc's citeproc writes a key it cannot find.
        flush();
        pieces.push({ kind: 'html', nodes: [...(pieces.length > 0 ? [{ type: 'text', value: '; ' } as const] : []), h('strong', `${item.key}?`)] });
        continue;
      }
      works.push(item);
      continue;
    }
    const target = context.targets.get(reference.id);
    if (reference.syntax === 'pandoc-crossref') {
      if (works.length > 0) flush();
      run.push({ item, reference, target });
      continue;
    }
    flush();
    pieces.push({ kind: 'html', nodes: quartoCrossref({ item, reference, target }, context.naming, pieces.length > 0) });
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

/** Quarto's reference: "Figure 2" linked, "2" when author-suppressed, an unnumbered section by its title. */
function quartoCrossref({ item, reference, target }: CrossrefItem, naming: CrossrefNaming, separated: boolean): ElementContent[] {
  const name = target && capitalize(naming.prefix[target.kind], reference.capitalized);
  const shown = !target ? item.key : !target.label ? (target.title ?? item.key) : item.mode === 'suppress-author' ? target.label : `${name} ${target.label}`;
  return around(item, [h('a', { href: `#${reference.id}`, className: ['crossref'] }, shown)], separated);
}

/**
 * A run of pandoc-crossref references, as pandoc-crossref writes it: neighbours of one kind are
 * one group under a singular or plural prefix, their numbers in order with runs of three or more
 * as ranges ("figs. 2-4", "secs. 1, 2, 4.1-4.3"), groups joined by commas, capitalized as the
 * group's first reference is written. Each number links to its target; `[-@fig:a]` drops the prefix.
 */
function pandocCrossrefRun(run: CrossrefItem[], naming: CrossrefNaming): ElementContent[] {
  const nodes: ElementContent[] = [];
  for (let start = 0; start < run.length; ) {
    let end = start + 1;
    while (end < run.length && run[end]?.reference.kind === run[start]?.reference.kind) end++;
    const group = run.slice(start, end);
    const first = group[0] as CrossrefItem;
    if (start > 0) nodes.push({ type: 'text', value: ', ' });
    const [one, many] = naming.shortPrefix[first.reference.kind];
    const numbers = referenceNumbers(group);
    const prefix = toString(first.item.prefix);
    if (prefix) nodes.push({ type: 'text', value: `${prefix} ` });
    if (first.item.mode !== 'suppress-author') nodes.push({ type: 'text', value: `${capitalize(numbers.count > 1 ? many : one, first.reference.capitalized)}\u00a0` });
    nodes.push(...numbers.nodes);
    const suffix = toString(group.at(-1)?.item.suffix);
    if (suffix) nodes.push({ type: 'text', value: suffix.startsWith(',') ? suffix : ` ${suffix}` });
    start = end;
  }
  return nodes;
}

/** The numbers of one group, sorted, each linked, with runs of three or more consecutive ones as ranges. */
function referenceNumbers(group: CrossrefItem[]): { nodes: ElementContent[]; count: number } {
  const seen = new Set<string>();
  const numbered: Array<{ id: string; label: string }> = [];
  for (const { item, reference, target } of group) {
    if (seen.has(reference.id)) continue;
    seen.add(reference.id);
    const label = !target ? item.key : target.kind === 'section' ? (target.counted ?? target.label) || (target.title ?? item.key) : target.label || (target.title ?? item.key);
    numbered.push({ id: reference.id, label });
  }
  numbered.sort((a, b) => compareLabels(a.label, b.label));
  const link = (entry: { id: string; label: string }) => h('a', { href: `#${entry.id}`, className: ['crossref'] }, entry.label);
  const nodes: ElementContent[] = [];
  for (let start = 0; start < numbered.length; ) {
    let end = start + 1;
    while (end < numbered.length && follows(numbered[end - 1]?.label ?? '', numbered[end]?.label ?? '')) end++;
    if (nodes.length > 0) nodes.push({ type: 'text', value: ', ' });
    const from = numbered[start] as { id: string; label: string };
    if (end - start >= 3) {
      nodes.push(link(from), { type: 'text', value: '-' }, link(numbered[end - 1] as { id: string; label: string }));
    } else {
      nodes.push(link(from));
      for (let index = start + 1; index < end; index++) nodes.push({ type: 'text', value: ', ' }, link(numbered[index] as { id: string; label: string }));
    }
    start = end;
  }
  return { nodes, count: numbered.length };
}

/** `2` then `3`, `4.1` then `4.2`: the same parents and the next count. */
function follows(before: string, after: string): boolean {
  const a = before.split('.');
  const b = after.split('.');
  if (a.length !== b.length || a.slice(0, -1).join('.') !== b.slice(0, -1).join('.')) return false;
  return /^\d+$/.test(a.at(-1) ?? '') && /^\d+$/.test(b.at(-1) ?? '') && Number(b.at(-1)) === Number(a.at(-1)) + 1;
}

/** Numbers in reading order: `2` < `10`, `4.1` < `4.10`, letters after digits. */
function compareLabels(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

function around(item: CitationItem, link: ElementContent[], separated: boolean): ElementContent[] {
  const prefix = toString(item.prefix);
  const suffix = toString(item.suffix);
  const nodes: ElementContent[] = [];
  if (separated) nodes.push({ type: 'text', value: '; ' });
  if (prefix) nodes.push({ type: 'text', value: `${prefix} ` });
  nodes.push(...link);
  if (suffix) nodes.push({ type: 'text', value: suffix.startsWith(',') ? suffix : ` ${suffix}` });
  return nodes;
}

function capitalize(word: string, yes: boolean): string {
  return yes && word ? word[0]?.toUpperCase() + word.slice(1) : word;
}
