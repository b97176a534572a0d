import { scaleLinear, scalePoint } from 'd3-scale';
import { line } from 'd3-shape';
import type { Element, ElementContent } from 'hast';
import { s } from 'hastscript';
import type { TrendValue } from './period-table-schema.js';
import type { TrendGraph, TrendPoint } from './trend-graph-node.js';
import { trendArrows } from './trend-arrows.js';

/**
 * The trend graph as inline SVG, so it is vector (sharp) in the PDF and needs no script. d3-scale
 * maps years and trend levels to coordinates, d3-shape draws the lines: the geometry is computed
 * by a library, not by hand (d3 over Vega-Lite: two small modules that return numbers and path
 * strings, no runtime, no virtual DOM; the SVG stays ours and themable with CSS).
 *
 * Each series is a step line: a trend holds for its column's years (`1991-1992` spans two), and a
 * column without a trend leaves a gap. The periods (presidencies) are shaded bands with labels.
 */
const width = 720;
const height = 300;
const margin = { top: 30, right: 16, bottom: 48, left: 118 };
const levels: TrendValue[] = ['down', 'down-slight', 'flat', 'up-slight', 'up'];
const strokes = ['series-1', 'series-2', 'series-3', 'series-4'];

export function trendGraphSvg(graph: TrendGraph, titleId: string, descriptionId: string, title: string): Element {
  const years = graph.series.flatMap((series) => series.points.flatMap((point) => [point.from, point.to]));
  const periodYears = graph.periods.flatMap((period) => [period.from, period.to]);
  const first = Math.min(...years, ...periodYears);
  const last = Math.max(...years, ...periodYears);
  const x = scaleLinear().domain([first, last + 1]).range([margin.left, width - margin.right]);
  const y = scalePoint<TrendValue>().domain(levels).range([height - margin.bottom, margin.top + 8]).padding(0.4);
  const children: ElementContent[] = [
    s('title', { id: titleId }, title),
    s('desc', { id: descriptionId }, describe(graph)),
    ...graph.periods.flatMap((period, index) => periodBand(period, index, x)),
    ...levels.map((level) => levelGrid(level, y(level) ?? 0, x(first), x(last + 1))),
    ...yearAxis(first, last, x),
    ...graph.series.map((series, index) =>
      s('path', { className: ['trend-line', strokes[index % strokes.length] ?? 'series-1'], d: stepPath(series.points, x, y), fill: 'none' }),
    ),
    legend(graph),
  ];
  return s('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', ariaLabelledby: `${titleId} ${descriptionId}`, className: ['trend-graph-svg'] }, children);
}

/** A step line through the points: flat over each column's years, vertical between columns. */
function stepPath(points: TrendPoint[], x: (year: number) => number, y: (level: TrendValue) => number | undefined): string {
  type Vertex = [number, number] | undefined;
  const vertices: Vertex[] = [];
  for (const point of points) {
    const level = point.value === undefined ? undefined : y(point.value);
    if (level === undefined) {
      vertices.push(undefined);
      continue;
    }
    vertices.push([x(point.from), level], [x(point.to + 1), level]);
  }
  return line<Vertex>()
    .defined((vertex) => vertex !== undefined)
    .x((vertex) => round(vertex?.[0] ?? 0))
    .y((vertex) => round(vertex?.[1] ?? 0))(vertices) ?? '';
}

function periodBand(period: TrendGraph['periods'][number], index: number, x: (year: number) => number): ElementContent[] {
  const left = round(x(period.from));
  const right = round(x(period.to + 1));
  return [
    s('rect', { className: ['period-band', `period-${index % 2 ? 'even' : 'odd'}`], x: left, y: margin.top - 4, width: right - left, height: height - margin.top - margin.bottom + 4 }),
    s('text', { className: ['period-label'], x: round((left + right) / 2), y: margin.top - 12, textAnchor: 'middle' }, period.label),
  ];
}

function levelGrid(level: TrendValue, at: number, from: number, to: number): Element {
  const { arrow, label } = trendArrows[level];
  return s('g', { className: ['level'] }, [
    s('line', { x1: round(from), x2: round(to), y1: round(at), y2: round(at), className: ['grid'] }),
    s('text', { x: round(from) - 8, y: round(at), dy: '0.35em', textAnchor: 'end' }, [s('tspan', { className: ['trend'] }, arrow), ` ${label}`]),
  ]);
}

function yearAxis(first: number, last: number, x: (year: number) => number): ElementContent[] {
  const ticks: ElementContent[] = [];
  for (let year = first; year <= last; year++) {
    const middle = round((x(year) + x(year + 1)) / 2);
    ticks.push(s('text', { className: ['year'], x: middle, y: height - margin.bottom + 16, textAnchor: 'middle' }, String(year)));
    ticks.push(s('line', { className: ['tick'], x1: round(x(year)), x2: round(x(year)), y1: height - margin.bottom, y2: height - margin.bottom + 4 }));
  }
  return ticks;
}

function legend(graph: TrendGraph): Element {
  const items = graph.series.map((series, index) => {
    const left = margin.left + index * 200;
    return s('g', { className: ['legend-item'] }, [
      s('line', { className: ['trend-line', strokes[index % strokes.length] ?? 'series-1'], x1: left, x2: left + 28, y1: height - 14, y2: height - 14 }),
      s('text', { x: left + 34, y: height - 14, dy: '0.35em' }, series.label),
    ]);
  });
  return s('g', { className: ['legend'] }, items);
}

/** The text alternative: every value of every series, in words. */
export function describe(graph: TrendGraph): string {
  return graph.series
    .map((series) => `${series.label}: ${series.points.map((point) => `${point.column} ${point.value ? trendArrows[point.value].label : 'no trend given'}`).join('; ')}.`)
    .join(' ');
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
