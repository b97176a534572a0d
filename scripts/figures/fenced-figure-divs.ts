import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import type { FencedDiv } from '../markdown/fenced-div-node.js';
import type { Figure } from './figure-node.js';

/** A figure id: Quarto's `fig-x`, pandoc-crossref's `fig:x`. */
export const isFigureId = (id: string): boolean => id.startsWith('fig-') || id.startsWith('fig:');

/**
 * Quarto's figure divs, `::: {#fig-x layout-ncol=2}` … `:::`, read by the parse stage as fenced
 * divs (`markdown/micromark-fenced-div.ts`): each div with a figure id becomes a figure holding its
 * blocks (Quarto writes the caption as the last paragraph). Any other div stays a div. Returns the
 * figures made, whose blocks `assembleSubfigures` turns into subfigures.
 */
export function fencedFigureDivs(tree: Root, _file: VFile): Set<Figure> {
  const made = new Set<Figure>();
  visit(tree, 'fencedDiv', (div: FencedDiv, index, parent) => {
    if (!div.identifier || !isFigureId(div.identifier) || !parent || index === undefined) return undefined;
    const columns = Number(div.attributes['layout-ncol']);
    const figure: Figure = {
      type: 'figure',
      identifier: div.identifier,
      classes: div.classes,
      size: { attributes: {}, style: [] },
      columns: Number.isInteger(columns) && columns > 0 ? columns : undefined,
      children: div.children as never,
      position: div.position,
    };
    parent.children[index] = figure as never;
    made.add(figure);
    return undefined;
  });
  return made;
}
