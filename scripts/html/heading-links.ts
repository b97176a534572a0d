import type { Root } from 'hast';
import rehypeAutolinkHeadings from 'rehype-autolink-headings';
import { unified } from 'unified';

export const headingLinkClass = 'heading-link';

/**
 * Section anchors: the text of every section heading with an id (`h2`…`h6`, not the paper's
 * title) becomes a link to the heading itself, as MDN sets its headings, so a reader can copy a
 * section's address. The heading's name for screen readers stays its text, and the link takes
 * keyboard focus; the stylesheet shows a `#` beside it on hover and focus. rehype-autolink-headings
 * does the wrapping.
 */
export function headingLinksTransform(tree: Root): void {
  const processor = unified().use(rehypeAutolinkHeadings, {
    behavior: 'wrap',
    properties: { className: [headingLinkClass] },
    test: ['h2', 'h3', 'h4', 'h5', 'h6'],
  });
  processor.runSync(tree);
}
