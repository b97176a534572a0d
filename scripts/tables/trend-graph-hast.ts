import type { Element } from 'hast';
import { h } from 'hastscript';
import { toString } from 'mdast-util-to-string';
import type { State } from 'mdast-util-to-hast';
import type { TrendGraph } from './trend-graph-node.js';
import { scrollRegion } from './scroll-region.js';
import { trendGraphSvg } from './trend-graph-svg.js';

/** A trend graph is a figure: the SVG (in a scroll box, named by its title), then "Figure 1. …" as its caption. */
export function trendGraphToHast(state: State, node: TrendGraph): Element {
  const caption = state.all({ type: 'paragraph', children: node.caption });
  const titleId = `${node.identifier}-title`;
  const svg = trendGraphSvg(node, titleId, `${node.identifier}-description`, `Figure ${node.label}. ${toString(node.caption)}`);
  const figure = h('figure', { id: node.identifier, className: ['trend-graph'] }, [scrollRegion(svg, titleId), h('figcaption', [h('span', { className: ['figure-label'] }, `Figure ${node.label}.`), ' ', ...caption])]);
  state.patch(node, figure);
  return figure;
}
