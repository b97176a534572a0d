import type { Literal } from 'mdast';

/**
 * Pandoc's two kinds of TeX math, both inline content as Pandoc has them (`Math InlineMath` and
 * `Math DisplayMath`): `$x$` and `$$x$$`. `value` is the TeX as Pandoc reads it (inline: runs of
 * blanks made one space; display: exactly as written). A display equation written with
 * `{#eq:x}` or `{#eq-x}` after it carries `data.crossrefTarget` and is numbered.
 */
export interface InlineMath extends Literal {
  type: 'inlineMath';
}

export interface DisplayMath extends Literal {
  type: 'displayMath';
}

declare module 'mdast' {
  interface PhrasingContentMap {
    inlineMath: InlineMath;
    displayMath: DisplayMath;
  }
  interface RootContentMap {
    inlineMath: InlineMath;
    displayMath: DisplayMath;
  }
}
