import type { Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { LeafDirective } from 'mdast-util-directive';
import type { Node, Position } from 'unist';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { report } from '../diagnostics/report.js';

/** What a cross-reference can point to, and how it is named in the text ("Table 1.2"). */
export interface CrossrefTarget {
  id: string;
  kind: CrossrefKind;
  /** The number shown: `2.2`, `1.1`; empty for an unnumbered section. */
  label: string;
  /** The target's own title (a heading's text), for references to an unnumbered one. */
  title?: string | undefined;
  position?: Position | undefined;
}

export type CrossrefKind = 'section' | 'table' | 'figure' | 'equation' | 'listing' | 'note';

declare module 'unist' {
  interface Data {
    /**
     * This node is a cross-reference target: set by the transform that numbers its kind (figures,
     * equations, captioned tables, listings), read by `collectCrossrefTargets`.
     */
    crossrefTarget?: { id: string; kind: CrossrefKind; label: string; title?: string };
  }
}

export const crossrefNames: Record<CrossrefKind, string> = {
  section: 'Section',
  table: 'Table',
  figure: 'Figure',
  equation: 'Equation',
  listing: 'Listing',
  note: 'Note',
};

/** Citation keys with these prefixes are cross-references, as in Quarto: `@tbl-x`, `[-@sec-y]`. */
export const crossrefPrefixes: ReadonlyMap<string, CrossrefTarget['kind']> = new Map([
  ['sec-', 'section'],
  ['tbl-', 'table'],
  ['fig-', 'figure'],
  ['note-', 'note'],
]);

export function isCrossrefKey(key: string): boolean {
  for (const prefix of crossrefPrefixes.keys()) if (key.startsWith(prefix)) return true;
  return false;
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
      add({ id: node.data.id, kind: 'section', label: node.data.sectionNumber ?? '', title: toString(node), position: node.position }, node);
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
