/**
 * mdast → hast for TeX math (remark-rehype handlers). Inline math is a `<span class="math
 * inline">` around its SVG; display math a `<span class="math display">` (a block by CSS: it may
 * stand inside a paragraph, as Pandoc has it), with its number "(1)" at the right margin and the
 * label as its id when it has one. Math that could not be drawn shows its TeX source in red
 * (`math-error`), where it was written. The TeX is the SVG's label for screen readers.
 */
import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import type { State } from 'mdast-util-to-hast';
import type { DisplayMath, InlineMath } from './math-node.js';

export function inlineMathToHast(_state: State, node: InlineMath): ElementContent[] {
  return withGlyphs(node, h('span.math.inline', drawing(node)));
}

export function displayMathToHast(_state: State, node: DisplayMath): ElementContent[] {
  const math = node.data?.math;
  const number = math?.number === undefined ? [] : [h('span.equation-number', `(${math.number})`)];
  const classes = ['math', 'display', ...(math?.number === undefined ? [] : ['numbered'])];
  return withGlyphs(node, h('span', { className: classes, id: math?.id }, [h('span.equation', drawing(node)), ...number]));
}

function drawing(node: InlineMath | DisplayMath): ElementContent {
  const math = node.data?.math;
  if (math?.svg) return { ...math.svg, properties: { ...math.svg.properties, role: 'img', ariaLabel: node.value } };
  const delimiter = node.type === 'displayMath' ? '$$' : '$';
  return h('code.math-error', { title: math?.error }, `${delimiter}${node.value}${delimiter}`);
}

function withGlyphs(node: InlineMath | DisplayMath, element: Element): ElementContent[] {
  const glyphs = node.data?.math?.glyphs;
  return glyphs ? [glyphs, element] : [element];
}
