import type { Root } from 'mdast';
import type { LeafDirective } from 'mdast-util-directive';
import { toString } from 'mdast-util-to-string';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { didYouMean } from '../diagnostics/did-you-mean.js';
import { report } from '../diagnostics/report.js';
import { reportSchemaIssues } from '../source/schema-issues.js';
import { nodeAtPath, parseYamlSource, positionAtPath, verbatimValueOffset, type YamlSource } from '../source/yaml-source.js';
import type { InlineParser } from '../markdown/fragments.js';
import type { PeriodTable, PeriodTrend } from './period-table-node.js';
import { directiveDataFile, type LoadedDataFile } from './directive-data-file.js';
import { trendGraphSchema, type TrendGraphData } from './trend-graph-schema.js';
import type { TrendGraph, TrendPoint, TrendSeries } from './trend-graph-node.js';

export const trendGraphDirective = 'trend-graph';

export interface TrendGraphsOptions {
  files: ReadonlyMap<string, LoadedDataFile>;
  parseInline: InlineParser;
  /** How a data file's YAML is parsed (a long-lived process keeps the parse of unchanged files). */
  parseYaml?: typeof parseYamlSource;
  /** The number of each graph among the paper's figures, when it has others (`figures/`); else graphs count 1, 2, …. */
  labels?: ReadonlyMap<LeafDirective, string> | undefined;
  /** Ids of the period tables that failed to build (`periodTablesTransform`): a graph drawing from one is not built, and says nothing more. */
  failedTables?: ReadonlySet<string> | undefined;
}

/**
 * Replace `::trend-graph{#fig-x src="graphs/x.yaml"}` directives with graphs drawn from the trend
 * rows of the period tables (which must already be built), numbered as figures: 1, 2, ….
 */
export function trendGraphsTransform(tree: Root, file: VFile, options: TrendGraphsOptions): void {
  const tables = new Map<string, PeriodTable>();
  visit(tree, 'periodTable', (table) => {
    tables.set(table.identifier, table);
  });
  let counter = 0;
  visit(tree, 'leafDirective', (node, index, parent) => {
    if (node.name !== trendGraphDirective || !parent || index === undefined) return undefined;
    counter += 1;
    const graph = trendGraph(node, options.labels?.get(node) ?? String(counter), file, tables, options);
    if (graph) parent.children[index] = graph;
    return SKIP;
  });
}

function trendGraph(node: LeafDirective, label: string, file: VFile, tables: ReadonlyMap<string, PeriodTable>, options: TrendGraphsOptions): TrendGraph | undefined {
  const dataFile = directiveDataFile(node, options.files, file, 'Graph', `::${trendGraphDirective}{src="graphs/name.yaml"}`);
  if (!dataFile) return undefined;
  const parsed = (options.parseYaml ?? parseYamlSource)(dataFile, String(dataFile.value), 0, 'table-schema');
  if (!parsed) return undefined;
  const result = trendGraphSchema.safeParse(parsed.value);
  if (!result.success) {
    reportSchemaIssues(parsed.source, result.error.issues, parsed.value);
    return undefined;
  }
  const data = result.data;
  const series = data.series.map((item, index) => readSeries(item, index, tables, parsed.source, options.failedTables));
  if (series.some((item) => item === undefined)) return undefined;
  const captionNode = nodeAtPath(parsed.source.document.contents, ['caption']);
  const offset = verbatimValueOffset(parsed.source, captionNode);
  const place = { file: dataFile, offset, position: positionAtPath(parsed.source, ['caption']) };
  const [caption = []] = options.parseInline([{ text: data.caption, place }]);
  return {
    type: 'trendGraph',
    identifier: node.attributes?.id ?? `fig-${label}`,
    label,
    caption,
    series: series as TrendSeries[],
    periods: data.periods ?? [],
    position: node.position,
    data: { sourceFile: dataFile },
  };
}

function readSeries(item: TrendGraphData['series'][number], index: number, tables: ReadonlyMap<string, PeriodTable>, source: YamlSource, failedTables?: ReadonlySet<string>): TrendSeries | undefined {
  const points: TrendPoint[] = [];
  // Every table of the series is looked at, so a name the paper lacks is reported beside a table that failed.
  let complete = true;
  for (const [tableIndex, id] of item.tables.entries()) {
    const table = tables.get(id);
    if (!table) {
      complete = false;
      // The table's own error says why it is missing: "no such table" would be false, and so would its suggestion.
      if (failedTables?.has(id)) continue;
      report(source.file, 'table-schema', `No period table \`${id}\`${didYouMean(id, [...tables.keys(), ...(failedTables ?? [])])}`, positionAtPath(source, ['series', index, 'tables', tableIndex]));
      continue;
    }
    const rows = table.children.filter((child) => child.type === 'periodRow');
    const row = rows.find((candidate) => toString(candidate.children[0]) === item.row);
    if (!row) {
      const names = rows.map((candidate) => `\`${toString(candidate.children[0])}\``).join(', ');
      report(source.file, 'table-schema', `Table \`${id}\` has no row \`${item.row}\`; its rows are ${names}`, positionAtPath(source, ['series', index, 'row']));
      return undefined;
    }
    for (const cell of row.children) {
      if (cell.type !== 'periodCell') continue;
      const first = table.columns[cell.column];
      const last = table.columns[cell.column + cell.span - 1];
      if (!first || !last) continue;
      let value: PeriodTrend['value'] | undefined;
      visit(cell, 'periodTrend', (trend) => {
        value ??= trend.value;
      });
      points.push({ from: first.first, to: last.last, value, column: cell.span > 1 ? `${first.label}–${last.label}` : first.label });
    }
  }
  return complete ? { label: item.label, points } : undefined;
}
