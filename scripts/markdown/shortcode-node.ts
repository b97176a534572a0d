import type {} from 'mdast-util-to-hast';
import type { Node } from 'mdast';

/**
 * A Quarto shortcode, `{{< name args >}}`, as written. Never shown: `shortcodesTransform` takes
 * it out (a `pagebreak` alone in its paragraph becomes a `pageBreak`), and the render stage drops
 * any left in Markdown read later.
 */
export interface Shortcode extends Node {
  type: 'shortcode';
  /** The shortcode's name (its command): `var`, `pagebreak`, `include`… */
  command: string;
  /** The source text, `{{< var version >}}`. */
  value: string;
}

/** A page break the author asked for: `<div class="page-break">`, which starts a new page in print. */
export interface PageBreak extends Node {
  type: 'pageBreak';
}

declare module 'mdast' {
  interface PhrasingContentMap {
    shortcode: Shortcode;
  }
  interface RootContentMap {
    shortcode: Shortcode;
    pageBreak: PageBreak;
  }
  interface BlockContentMap {
    pageBreak: PageBreak;
  }
}
