import type { PhrasingContent } from 'mdast';
import type { Node, Position } from 'unist';
import type { SourceData } from '../source/source-file.js';
import type { TrendValue } from './period-table-schema.js';

/** One value of a series: a trend over a column of years (`1991-1992` is two years). */
export interface TrendPoint {
  from: number;
  to: number;
  /** Undefined where the table has no trend for the column (a gap in the line). */
  value: TrendValue | undefined;
  /** The column as the table labels it. */
  column: string;
}

export interface TrendSeries {
  label: string;
  points: TrendPoint[];
}

export interface TrendPeriod {
  label: string;
  from: number;
  to: number;
}

/** A graph of trend rows, built from the period tables at build time. */
export interface TrendGraph extends Node {
  type: 'trendGraph';
  identifier: string;
  /** `1`, `2`, … numbered among the figures. */
  label: string;
  caption: PhrasingContent[];
  series: TrendSeries[];
  periods: TrendPeriod[];
  position?: Position | undefined;
  /** The graph's data file, where its caption was written. */
  data?: SourceData | undefined;
}

declare module 'mdast' {
  interface RootContentMap {
    trendGraph: TrendGraph;
  }
  interface BlockContentMap {
    trendGraph: TrendGraph;
  }
}
