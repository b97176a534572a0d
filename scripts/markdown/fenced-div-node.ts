import type { BlockContent, DefinitionContent, Parent } from 'mdast';
import type { Position } from 'unist';

/**
 * Pandoc's Div, written as a fenced div (`::: {#id .class key=val}` … `:::`): its blocks, with
 * the attributes of its opening fence. Rendered as `<div>` by mdast-util-to-hast's handling of
 * unknown nodes through `data.hName`/`hProperties` (see `fencedDivProperties`).
 */
export interface FencedDiv extends Parent {
  type: 'fencedDiv';
  identifier?: string | undefined;
  classes: string[];
  /** Key-value pairs in the order written. */
  attributes: Record<string, string>;
  children: Array<BlockContent | DefinitionContent>;
  position?: Position | undefined;
}

declare module 'mdast' {
  interface RootContentMap {
    fencedDiv: FencedDiv;
  }
  interface BlockContentMap {
    fencedDiv: FencedDiv;
  }
}
