import type { PhrasingContent } from 'mdast';
import type { Position } from 'unist';
import type { VFile } from 'vfile';
import { report } from '../diagnostics/report.js';
import type { InlineParser, InlinePlace } from '../markdown/fragments.js';
import type { PeriodCell, PeriodEvent, PeriodRow, PeriodTable, PeriodTrend } from './period-table-node.js';
import { trendValues, type EventData, type PeriodTableData, type TrendValue } from './period-table-schema.js';
import type { PeriodTableSource } from './read-period-table.js';

/**
 * Build the `periodTable` node for validated data. Pure: the data file was read by the load stage.
 * Every piece of Markdown in the table (caption, categories, events, notes) is parsed in one call:
 * the builder hands out arrays first and fills them once the whole table is parsed.
 */
export function buildPeriodTable(source: PeriodTableSource, identifier: string, parseInline: InlineParser): PeriodTable {
  const { data, columns } = source;
  const requests: Array<{ text: string; place: InlinePlace; content: PhrasingContent[] }> = [];
  const inline = (text: string, path: PropertyKey[]): PhrasingContent[] => {
    const place = { file: source.source.file, offset: source.source.textOffset(path), position: source.source.positionAt(path) };
    const content: PhrasingContent[] = [];
    requests.push({ text, place, content });
    return content;
  };
  const labels = columns.map((column) => column.label);
  const rows = data.rows.map((row, rowIndex) => buildRow(row, rowIndex, labels, inline));
  const caption = inline(data.caption, ['caption']);
  const parsed = parseInline(requests);
  for (const [index, request] of requests.entries()) request.content.push(...inlineTrends(parsed[index] ?? [], source.source.file));
  return {
    type: 'periodTable',
    identifier,
    label: '',
    columns,
    children: [{ type: 'tableCaption', children: caption }, ...rows],
    data: { sourceFile: source.source.file },
  };
}

type Inline = (text: string, path: PropertyKey[]) => PhrasingContent[];
type RowData = PeriodTableData['rows'][number];

function buildRow(row: RowData, rowIndex: number, labels: string[], inline: Inline): PeriodRow {
  const base = ['rows', rowIndex];
  const byColumn = new Map<number, PeriodCell>();
  for (const label of Object.keys(row.cells)) {
    const cell = buildCell(row, label, labels, [...base, 'cells', label], inline);
    if (cell) byColumn.set(cell.column, cell);
  }
  const cells: PeriodCell[] = [];
  for (let column = 0; column < labels.length; ) {
    const cell = byColumn.get(column) ?? { type: 'periodCell', column, span: 1, children: [] };
    cells.push(cell);
    column += cell.span;
  }
  const category = { type: 'periodCategory' as const, children: inline(row.category, [...base, 'category']) };
  return { type: 'periodRow', kind: row.kind, children: [category, ...cells] };
}

function buildCell(row: RowData, label: string, labels: string[], path: PropertyKey[], inline: Inline): PeriodCell | undefined {
  const column = labels.indexOf(label);
  if (column < 0) return undefined;
  const cell = (children: PeriodCell['children'], span = 1): PeriodCell => ({ type: 'periodCell', column, span, children });
  switch (row.kind) {
    case 'events': {
      const value = row.cells[label];
      if (value === undefined) return undefined;
      if (typeof value === 'object' && !Array.isArray(value) && 'events' in value) {
        const span = value.until === undefined ? 1 : labels.indexOf(value.until) - column + 1;
        return cell(events(value.events, [...path, 'events'], inline), span);
      }
      return Array.isArray(value) ? cell(events(value, path, inline)) : cell([event(value, path, inline)]);
    }
    case 'trend': {
      const value = row.cells[label];
      if (value === undefined) return undefined;
      if (typeof value === 'string') return cell([trend(value)]);
      const arrow: PeriodCell['children'] = value.trend ? [trend(value.trend)] : [];
      return cell([...arrow, ...events(value.events ?? [], [...path, 'events'], inline)]);
    }
    case 'counts': {
      const value = row.cells[label];
      if (value === undefined) return undefined;
      if (typeof value === 'string') return cell([{ type: 'periodCount', value, children: [] }]);
      const note = value.note === undefined ? [] : inline(value.note, [...path, 'note']);
      return cell([{ type: 'periodCount', value: value.count, children: note }]);
    }
  }
}

function events(list: EventData[], path: PropertyKey[], inline: Inline): PeriodEvent[] {
  return list.map((item, index) => event(item, [...path, index], inline));
}

function event(item: EventData, path: PropertyKey[], inline: Inline): PeriodEvent {
  if (typeof item === 'string') return { type: 'periodEvent', children: inline(item, path) };
  return { type: 'periodEvent', mark: item.mark, children: inline(item.text, [...path, 'text']) };
}

function trend(value: TrendValue): PeriodTrend {
  return { type: 'periodTrend', value };
}

/** `:trend[up]` inside an event's text places a trend arrow within the words, as the paper does. */
function inlineTrends(nodes: PhrasingContent[], file: VFile): PhrasingContent[] {
  return nodes.map((node) => {
    if (node.type === 'textDirective' && node.name === 'trend') {
      const value = node.children.map((child) => ('value' in child ? child.value : '')).join('').trim();
      if ((trendValues as readonly string[]).includes(value)) return { type: 'periodTrend', value: value as TrendValue, position: node.position };
      report(file, 'table-schema', `Unknown trend \`${value}\`; expected one of ${trendValues.map((v) => `\`${v}\``).join(', ')}`, node);
      return node;
    }
    if ('children' in node && Array.isArray(node.children)) {
      return { ...node, children: inlineTrends(node.children as PhrasingContent[], file) } as PhrasingContent;
    }
    return node;
  });
}
