import type { Root as HastRoot } from 'hast';
import type { BlockContent, DefinitionContent, PhrasingContent } from 'mdast';
import type { Data, Parent, Position } from 'unist';

export interface SanitizedHtmlData extends Data {
  /** The run's raw HTML, parsed and sanitized; `<paper-slot data-slot="i">` stands for `children[i]`. */
  hast: HastRoot;
}

/**
 * A run of raw HTML with the Markdown written between its tags (`<span class="x">*a*</span>`, or a
 * `<div>` around paragraphs), after the allow-list: the Markdown stays mdast, so citations, notes
 * and cross-references inside it are resolved like any others.
 */
export interface SanitizedHtml extends Parent {
  type: 'sanitizedHtml';
  children: Array<BlockContent | DefinitionContent>;
  data: SanitizedHtmlData;
  position?: Position | undefined;
}

/** The same, inside a paragraph, heading or table cell. */
export interface SanitizedInlineHtml extends Parent {
  type: 'sanitizedInlineHtml';
  children: PhrasingContent[];
  data: SanitizedHtmlData;
  position?: Position | undefined;
}

declare module 'mdast' {
  interface RootContentMap {
    sanitizedHtml: SanitizedHtml;
    sanitizedInlineHtml: SanitizedInlineHtml;
  }
  interface BlockContentMap {
    sanitizedHtml: SanitizedHtml;
  }
  interface PhrasingContentMap {
    sanitizedInlineHtml: SanitizedInlineHtml;
  }
}
