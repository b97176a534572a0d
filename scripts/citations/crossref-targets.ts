import type { Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { LeafDirective } from 'mdast-util-directive';
import type { Node, Position } from 'unist';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { report } from '../diagnostics/report.js';
import type { CrossrefKind } from '../front-matter/crossref-naming.js';

export type { CrossrefKind };

/** What a cross-reference can point to, and how it is named in the text ("Table 1.2"). */
export interface CrossrefTarget {
  id: string;
  kind: CrossrefKind;
  /** The number shown: `2.2`, `1.1`; empty for an unnumbered section. */
  label: string;
  /** The target's own title (a heading's text), for references to an unnumbered one. */
  title?: string | undefined;
  /** A section's number for pandoc-crossref's references, which count sections shown numbered or not. */
  counted?: string | undefined;
  position?: Position | undefined;
}

declare module 'unist' {
  interface Data {
    /**
     * This node is a cross-reference target: set by the transform that numbers its kind (figures,
     * equations, captioned tables, listings), read by `collectCrossrefTargets`.
     */
    crossrefTarget?: { id: string; kind: CrossrefKind; label: string; title?: string };
  }
}

/** A citation key that is a cross-reference, read. */
export interface CrossrefKey {
  /** The target's id: the key with its prefix in lower case (`Fig:a` → `fig:a`). */
  id: string;
  kind: CrossrefKind;
  /** `@fig-a` (Quarto) or `@fig:a` (pandoc-crossref): each names and groups references its own way. */
  syntax: 'quarto' | 'pandoc-crossref';
  /** `@Fig-a`, `@Fig:a`: the name is capitalized, as at the start of a sentence. */
  capitalized: boolean;
}

const prefixKinds: Record<string, CrossrefKind> = { sec: 'section', tbl: 'table', fig: 'figure', eq: 'equation', lst: 'listing', note: 'note' };

/**
 * The cross-reference a citation key stands for, or undefined when it is a bibliography key. The
 * prefixes are Quarto's (`fig-`, `tbl-`, `eq-`, `sec-`, `lst-`, and ours `note-`) and
 * pandoc-crossref's (`fig:`, `tbl:`, `eq:`, `sec:`, `lst:`), in lower case or capitalized.
 */
export function readCrossrefKey(key: string): CrossrefKey | undefined {
  const match = /^([A-Za-z]+)([-:])./.exec(key);
  if (!match) return undefined;
  const written = match[1] ?? '';
  const lower = written.toLowerCase();
  const kind = prefixKinds[lower];
  if (!kind || (written !== lower && written !== lower[0]?.toUpperCase() + lower.slice(1))) return undefined;
  const syntax = match[2] === ':' ? 'pandoc-crossref' : 'quarto';
  if (kind === 'note' && syntax !== 'quarto') return undefined;
  return { id: lower + key.slice(written.length), kind, syntax, capitalized: written !== lower };
}

export function isCrossrefKey(key: string): boolean {
  return readCrossrefKey(key) !== undefined;
}

/**
 * Every cross-reference target of the document: sections with ids, table groups and period tables,
 * and footnotes (`fn-LABEL`, numbered in order of first call). Two targets with one id is an error.
 */
export function collectCrossrefTargets(tree: Root, file: VFile): Map<string, CrossrefTarget> {
  const targets = new Map<string, CrossrefTarget>();
  const add = (target: CrossrefTarget, node: Node) => {
    const existing = targets.get(target.id);
    if (existing) {
      const where = existing.position ? ` (first defined at ${existing.position.start.line}:${existing.position.start.column})` : '';
      report(file, 'crossref-duplicate-id', `The id \`${target.id}\` is used twice${where}`, node);
      return;
    }
    targets.set(target.id, target);
  };
  const notes = new Map<string, number>();
  // A table or graph whose data failed to load is still a target; its own error is already reported.
  const failedTable = (node: LeafDirective) => {
    const id = node.attributes?.id;
    if (id) add({ id, kind: node.name === 'trend-graph' ? 'figure' : 'table', label: '?', position: node.position }, node);
  };
  visit(tree, (node) => {
    const marked = 'data' in node ? node.data?.crossrefTarget : undefined;
    if (marked) {
      add({ ...marked, position: node.position }, node);
    } else if (node.type === 'heading' && node.data?.id) {
      add({ id: node.data.id, kind: 'section', label: node.data.sectionNumber ?? '', title: toString(node), counted: node.data.sectionLabel, position: node.position }, node);
    } else if (node.type === 'tableGroup' || node.type === 'periodTable') {
      add({ id: node.identifier, kind: 'table', label: node.label, position: node.position }, node);
      for (const directive of node.type === 'tableGroup' ? (node.failed ?? []) : []) failedTable(directive);
    } else if (node.type === 'leafDirective' && (node.name === 'period-table' || node.name === 'trend-graph')) {
      failedTable(node);
    } else if (node.type === 'trendGraph') {
      add({ id: node.identifier, kind: 'figure', label: node.label, position: node.position }, node);
    } else if (node.type === 'footnoteReference' && !notes.has(node.identifier)) {
      notes.set(node.identifier, notes.size + 1);
    }
  });
  for (const [identifier, number] of notes) {
    targets.set(`fn-${identifier}`, { id: `fn-${identifier}`, kind: 'note', label: String(number) });
  }
  return targets;
}
