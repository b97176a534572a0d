import type { Image, PhrasingContent } from 'mdast';
import type { Node, Position } from 'unist';

/**
 * A figure: an image written alone in its paragraph (Pandoc's `implicit_figures`), or Quarto's
 * `::: {#fig-x}` holding subfigures, with its caption. Numbered figures carry
 * `data.crossrefTarget` (kind `figure`, label `1`, `1a`).
 */
export interface Figure extends Node {
  type: 'figure';
  /** `fig-plot`, `fig:plot`, or another id as written; undefined when none was given. */
  identifier?: string | undefined;
  /** The number shown: `1`; `a` for a subfigure; undefined for an unnumbered figure. */
  label?: string | undefined;
  /** Classes written in the attributes (`.wide`): on the `<figure>`. */
  classes: string[];
  /** The image's size as written (`width=50%`), checked: CSS lengths or pixel counts. */
  size: FigureSize;
  /** Subfigures side by side (Quarto's `layout-ncol`). */
  columns?: number | undefined;
  /** The image, or the subfigures, then the caption last. */
  children: Array<Image | Figure | FigureCaption | PhrasingContent>;
  position?: Position | undefined;
}

/** What `width=` and `height=` say, as Pandoc's HTML writer writes them. */
export interface FigureSize {
  /** Pixel counts (`300px`, `300`): `width="300"` attributes. */
  attributes: { width?: string; height?: string };
  /** Other lengths (`50%`, `3cm`, `2in`): `width:50%` in the image's style. */
  style: string[];
}

/** A figure's caption: phrasing parsed from the text between `![` and `](`. */
export interface FigureCaption extends Node {
  type: 'figureCaption';
  children: PhrasingContent[];
  position?: Position | undefined;
}

declare module 'mdast' {
  interface RootContentMap {
    figure: Figure;
    figureCaption: FigureCaption;
  }
  interface BlockContentMap {
    figure: Figure;
  }
}
