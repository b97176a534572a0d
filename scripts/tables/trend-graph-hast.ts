import type { Element } from 'hast';
import { h } from 'hastscript';
import { toString } from 'mdast-util-to-string';
import type { State } from 'mdast-util-to-hast';
import type { TrendGraph } from './trend-graph-node.js';
import { trendGraphSvg } from './trend-graph-svg.js';

/** A trend graph is a figure: the SVG, then "Figure 1. …" as its caption. */
export function trendGraphToHast(state: State, node: TrendGraph): Element {
  const caption = state.all({ type: 'paragraph', children: node.caption });
  const svg = trendGraphSvg(node, `${node.identifier}-title`, `${node.identifier}-description`, `Figure ${node.label}. ${toString(node.caption)}`);
  const figure = h('figure', { id: node.identifier, className: ['trend-graph'] }, [svg, h('figcaption', [h('span', { className: ['figure-label'] }, `Figure ${node.label}.`), ' ', ...caption])]);
  state.patch(node, figure);
  return figure;
}
