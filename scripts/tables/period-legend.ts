import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import { visit } from 'unist-util-visit';
import type { PeriodTable } from './period-table-node.js';
import type { TrendValue } from './period-table-schema.js';
import { trendArrows } from './trend-arrows.js';


/**
 * The legend of a table group, in the paper's words: what shading, bold, underline, arrows and
 * meeting counts mean. It lists only what the group's tables use.
 */
export function periodLegend(tables: PeriodTable[]): Element {
  const used = { difficult: false, intensifying: false, negative: false, counts: false, trends: new Set<TrendValue>() };
  for (const table of tables) {
    if (table.columns.some((column) => column.tone === 'difficult')) used.difficult = true;
    visit(table, (node) => {
      if (node.type === 'periodEvent' && node.mark) used[node.mark] = true;
      if (node.type === 'periodTrend') used.trends.add(node.value);
      if (node.type === 'periodCount') used.counts = true;
    });
  }
  const items: ElementContent[] = [];
  if (used.difficult) items.push(item([span('legend-swatch tone-difficult', ' ')], 'difficult and controversial periods'));
  if (used.intensifying) items.push(item([span('event-intensifying', 'bold')], 'events that led to the intensification of relations'));
  if (used.negative) items.push(item([span('event-negative', 'underlined')], 'events that had a negative impact on relations'));
  const trends = (Object.keys(trendArrows) as TrendValue[]).filter((trend) => used.trends.has(trend));
  if (trends.length > 0) {
    const words = trends.flatMap((trend, index) => [
      ...(index > 0 ? [', '] : []),
      span(`trend trend-${trend}`, trendArrows[trend].arrow),
      ` ${trendArrows[trend].label}`,
    ]);
    items.push(h('li', ['trend of relations: ', ...words]));
  }
  if (used.counts) items.push(item([span('count', '3(1)')], 'meetings of the presidents (of them official visits); ≥ means at least'));
  return h('ul', { className: ['period-legend'], ariaLabel: 'Legend' }, items);
}

function item(sample: ElementContent[], meaning: string): Element {
  return h('li', [...sample, `: ${meaning}`]);
}

function span(className: string, value: string): Element {
  return h('span', { className: className.split(' ') }, value);
}

