import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import type { State } from 'mdast-util-to-hast';
import { periodLegend } from './period-legend.js';
import { scrollRegion } from './scroll-region.js';
import type { PeriodCell, PeriodRow, PeriodTable, PeriodTrend, TableGroup } from './period-table-node.js';
import { trendArrows } from './trend-arrows.js';

/** A table group is a figure: "Table 1. …" as its caption, a legend, then its tables. */
export function tableGroupToHast(state: State, node: TableGroup): Element {
  const [caption, ...tables] = node.children;
  const captionChildren = caption?.type === 'tableCaption' ? state.all(caption) : [];
  const figcaption = h('figcaption', [h('span', { className: ['table-label'] }, `Table ${node.label}.`), ' ', ...captionChildren]);
  const periodTables = tables.filter((table): table is PeriodTable => table.type === 'periodTable');
  const body = periodTables.map((table) => periodTableToHast(state, table));
  const result = h('figure', { id: node.identifier, className: ['table-group'] }, [figcaption, periodLegend(periodTables), ...body]);
  state.patch(node, result);
  return result;
}

/**
 * A period table as a semantic table: `<caption>` "Table 1.1. …", a header row of periods with
 * `scope="col"`, and one row per category whose header cell has `scope="row"`. Difficult periods
 * carry a class on their column's cells; marked events carry `event-negative`/`event-intensifying`.
 * The table comes inside its scroll box (`div.scroll-region`), named by the caption.
 */
export function periodTableToHast(state: State, node: PeriodTable): Element {
  const [caption, ...rows] = node.children;
  const captionChildren = caption?.type === 'tableCaption' ? state.all(caption) : [];
  const tone = (column: number) => (node.columns[column]?.tone ? [`tone-${node.columns[column]?.tone}`] : undefined);
  const head = h('thead', [
    h('tr', [
      h('td', { className: ['period-corner'] }),
      ...node.columns.map((column, index) => h('th', { scope: 'col', className: tone(index) }, column.label)),
    ]),
  ]);
  const body = h(
    'tbody',
    {},
    rows.filter((row): row is PeriodRow => row.type === 'periodRow').map((row) => rowToHast(state, row, tone)),
  );
  const columns = h('colgroup', [
    h('col', { className: ['period-category'] }),
    ...node.columns.map((_, index) => h('col', { className: tone(index) })),
  ]);
  const captionId = `${node.identifier}-caption`;
  const table = h('table', { id: node.identifier, className: ['period-table'], dataColumns: node.columns.length }, [
    h('caption', { id: captionId }, [h('span', { className: ['table-label'] }, `Table ${node.label}.`), ' ', ...captionChildren]),
    columns,
    head,
    body,
  ]);
  state.patch(node, table);
  return scrollRegion(table, captionId);
}

function rowToHast(state: State, row: PeriodRow, tone: (column: number) => string[] | undefined): Element {
  const cells: ElementContent[] = [];
  for (const child of row.children) {
    if (child.type === 'periodCategory') cells.push(h('th', { scope: 'row' }, state.all(child)));
    else cells.push(cellToHast(state, child, tone(child.column)));
  }
  return h('tr', { className: [`row-${row.kind}`] }, cells);
}

function cellToHast(state: State, cell: PeriodCell, className: string[] | undefined): Element {
  const children: ElementContent[] = [];
  const events: ElementContent[] = [];
  for (const child of cell.children) {
    if (child.type === 'periodTrend') children.push(trendToHast(child));
    else if (child.type === 'periodCount') {
      children.push(h('span', { className: ['count'] }, child.value));
      if (child.children.length > 0) children.push({ type: 'text', value: ' ' }, ...state.all(child));
    } else {
      const mark = child.mark ? [`event-${child.mark}`] : [];
      events.push(h('li', { className: ['event', ...mark] }, state.all(child)));
    }
  }
  if (events.length > 0) children.push(h('ul', { className: ['events'] }, events));
  return h('td', { className, colSpan: cell.span > 1 ? cell.span : undefined }, children);
}

/** An arrow with its meaning as its accessible name (and in `title` for sighted readers). */
export function trendToHast(node: PeriodTrend): Element {
  const { arrow, label } = trendArrows[node.value];
  return h('span', { className: ['trend', `trend-${node.value}`], role: 'img', ariaLabel: label, title: label }, arrow);
}

