import type { PhrasingContent } from 'mdast';
import type { Node, Parent, Position } from 'unist';
import type { LeafDirective } from 'mdast-util-directive';
import type { SourceData } from '../source/source-file.js';
import type { EventMark, TrendValue } from './period-table-schema.js';

/**
 * Period tables in the mdast tree. A `::period-table` directive becomes a `periodTable` node whose
 * cells hold real phrasing content (citations, footnote calls, emphasis), so every later stage —
 * citation resolving, footnote numbering, rendering — sees them as it sees the rest of the paper.
 */

export interface PeriodColumn {
  label: string;
  first: number;
  last: number;
  tone?: 'difficult' | undefined;
}

export interface TableGroup extends Parent {
  type: 'tableGroup';
  identifier: string;
  /** `1`, `2`, … assigned in document order. */
  label: string;
  children: Array<TableCaption | PeriodTable>;
  /** Directives whose table could not be built (already reported); kept so their ids stay known. */
  failed?: LeafDirective[] | undefined;
  position?: Position | undefined;
}

export interface PeriodTable extends Parent {
  type: 'periodTable';
  identifier: string;
  /** `1.1` inside the first group, `3` outside any group. */
  label: string;
  columns: PeriodColumn[];
  children: Array<TableCaption | PeriodRow>;
  data?: SourceData | undefined;
}

export interface TableCaption extends Parent {
  type: 'tableCaption';
  children: PhrasingContent[];
}

export interface PeriodRow extends Parent {
  type: 'periodRow';
  kind: 'events' | 'trend' | 'counts';
  children: Array<PeriodCategory | PeriodCell>;
}

export interface PeriodCategory extends Parent {
  type: 'periodCategory';
  children: PhrasingContent[];
}

export interface PeriodCell extends Parent {
  type: 'periodCell';
  /** Index of the first column the cell covers, and how many columns it spans. */
  column: number;
  span: number;
  children: Array<PeriodEvent | PeriodCount | PeriodTrend>;
}

export interface PeriodEvent extends Parent {
  type: 'periodEvent';
  mark?: EventMark | undefined;
  children: PhrasingContent[];
}

export interface PeriodCount extends Parent {
  type: 'periodCount';
  /** As written: `3(1)`, `≥5 (≥4)`. */
  value: string;
  /** The note after the count, if any. */
  children: PhrasingContent[];
}

export interface PeriodTrend extends Node {
  type: 'periodTrend';
  value: TrendValue;
}

declare module 'mdast' {
  interface RootContentMap {
    tableGroup: TableGroup;
    periodTable: PeriodTable;
    tableCaption: TableCaption;
    periodRow: PeriodRow;
    periodCategory: PeriodCategory;
    periodCell: PeriodCell;
    periodEvent: PeriodEvent;
    periodCount: PeriodCount;
    periodTrend: PeriodTrend;
  }
  interface BlockContentMap {
    tableGroup: TableGroup;
    periodTable: PeriodTable;
  }
  interface PhrasingContentMap {
    periodTrend: PeriodTrend;
  }
}
