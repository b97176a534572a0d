import type { Code, Parent, PhrasingContent } from 'mdast';
import type { Position } from 'unist';

/**
 * A listing in the mdast tree: a code block with a caption, `<figure class="listing">` in the
 * HTML. Numbered ones ("Listing 2") carry `data.crossrefTarget`. Rendered by mdast-util-to-hast's
 * handling of unknown nodes through `data.hName`/`hProperties`, so the render stage needs no
 * handler of its own.
 */
export interface Listing extends Parent {
  type: 'listing';
  /** The caption stands above the code, as pandoc-crossref and Quarto put it. */
  children: [ListingCaption, Code];
  position?: Position | undefined;
}

/** The caption: the label ("Listing 2:", a span of its own) and the caption's Markdown. */
export interface ListingCaption extends Parent {
  type: 'listingCaption';
  children: PhrasingContent[];
}

declare module 'mdast' {
  interface RootContentMap {
    listing: Listing;
    listingCaption: ListingCaption;
  }
  interface BlockContentMap {
    listing: Listing;
  }
}
