import type { Element, Root } from 'hast';
import { citationPreviewsTransform } from './citation-previews.js';
import { footnoteBacklinksTransform } from './footnote-backlinks.js';
import { headingLinksTransform } from './heading-links.js';
import { tableOfContents, type ContentsOptions } from './table-of-contents.js';

export interface EditionOptions {
  /** The reference list (`div#refs`), whose entries the citation previews copy. */
  references: Element | undefined;
  /** The table of contents, or `undefined` for none (`toc: false`). */
  toc: ContentsOptions | undefined;
}

/**
 * What the HTML edition adds to the placed body for a reader on screen: a table of contents after
 * the title block, linked section headings, citation previews, and back-links named after their
 * calls. Pure: the tree is changed in place. The print stylesheet hides the contents and the
 * previews, so the PDF shows none of it.
 */
export function htmlEditionTransform(tree: Root, options: EditionOptions): void {
  // The contents are read from the headings before they are linked, and inserted after, so
  // their own heading is not linked.
  const contents = options.toc ? tableOfContents(tree, options.toc) : undefined;
  headingLinksTransform(tree);
  citationPreviewsTransform(tree, { references: options.references });
  footnoteBacklinksTransform(tree);
  if (!contents) return;
  const header = tree.children.findIndex((node) => node.type === 'element' && node.properties.id === 'title-block-header');
  tree.children.splice(header + 1, 0, contents);
}
