/**
 * The paper's TeX math drawn (`TexRenderer`), and its labelled display equations numbered: `$$…$$
 * {#eq-x}` (Quarto) and `$$…$${#eq:x}` (pandoc-crossref) get "(1)", "(2)" … in document order, an
 * id, and a cross-reference target of kind `equation`; so does a LaTeX `\label{x}` inside the TeX
 * (taken out of what is drawn). Display math without an `eq` label is not
 * numbered (an attribute block with another id is taken off the text all the same, as
 * pandoc-crossref does with the `{…}` after an equation).
 *
 * Pure: the drawing goes to `node.data.math` (an SVG, or the error and the TeX), which the hast
 * handler (`math-hast.ts`) places. A TeX error is a `math-syntax` message at its equation and
 * stops none of the others.
 */
import type { Element } from 'hast';
import type { Parent, Root } from 'mdast';
import { visit } from 'unist-util-visit';
import { visitParents } from 'unist-util-visit-parents';
import type { VFile } from 'vfile';
import { report } from '../diagnostics/report.js';
import { takeTrailingAttributes } from '../markdown/pandoc-attributes.js';
import { takeMathLabel } from '../markdown/tex-labels.js';
import { sourceFileOf } from '../source/source-file.js';
import type { DisplayMath, InlineMath } from './math-node.js';
import type { TexRenderer } from './tex-renderer.js';

declare module 'unist' {
  interface Data {
    /** TeX math as drawn by the equations transform; its number when it is a labelled display equation. */
    math?: { svg?: Element | undefined; error?: string | undefined; glyphs?: Element | undefined; id?: string | undefined; number?: string | undefined };
  }
}

export interface EquationsOptions {
  /** Draws TeX; without one (no math, or the check stage of a test) equations are only numbered. */
  renderer?: TexRenderer | undefined;
}

/** An `eq` label in either syntax: `eq-x` (Quarto) or `eq:x` (pandoc-crossref). */
export const equationId = /^eq[-:]/;

export function equationsTransform(tree: Root, file: VFile, { renderer }: EquationsOptions = {}): void {
  let count = 0;
  visit(tree, (node, index, parent) => {
    if (node.type !== 'inlineMath' && node.type !== 'displayMath') return;
    const data = (node.data ??= {});
    const math: NonNullable<typeof data.math> = {};
    if (node.type === 'displayMath' && parent && index !== undefined) {
      const attributes = takeTrailingAttributes(parent as Parent, index, file, true);
      // `\label{x}` in the TeX (an `equation` environment from LaTeX): the id, whatever its prefix, unless `{#eq:x}` names one.
      const labelled = takeMathLabel(node.value);
      const id = attributes?.id && equationId.test(attributes.id) ? attributes.id : labelled.label;
      if (labelled.label !== undefined) node.value = labelled.tex;
      if (id !== undefined) {
        count++;
        math.id = id;
        math.number = String(count);
        data.crossrefTarget = { id, kind: 'equation', label: math.number };
      }
    }
    data.math = math;
  });
  if (renderer) drawEquationsTransform(tree, file, renderer);
}

/**
 * Every equation of the tree drawn, those in table cells and captions too (read after the
 * manuscript, so the check decides whether to load MathJax once the tree is whole). A TeX error is
 * reported in the file the equation is written in.
 */
export function drawEquationsTransform(tree: Root, file: VFile, renderer: TexRenderer): void {
  let first: InlineMath | DisplayMath | undefined;
  visitParents(tree, (node, ancestors) => {
    if (node.type !== 'inlineMath' && node.type !== 'displayMath') return;
    const math = ((node.data ??= {}).math ??= {});
    const drawn = renderer.render(node.value, node.type === 'displayMath');
    if (drawn.error !== undefined) {
      math.error = drawn.error;
      report(sourceFileOf(ancestors, file), 'math-syntax', `TeX error: ${drawn.error}`, node.position);
    } else math.svg = drawn.svg;
    first ??= node;
  });
  // The glyph shapes all equations use, placed once, before the first.
  const glyphs = renderer.glyphs();
  if (first?.data?.math && glyphs) first.data.math.glyphs = glyphs;
}
