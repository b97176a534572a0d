import type { Root } from 'hast';
import { visit } from 'unist-util-visit';
import { isSafeUrl } from '../markdown/url-policy.js';

/**
 * The last word on URLs: every `href` and `src` of the page's body goes through the URL policy,
 * whatever made it (Markdown links, already checked and reported where they were written by
 * `markdown/unsafe-urls.ts`; raw HTML, already sanitized; and what the render stage makes itself:
 * reference-list links, cross-references, e-mail addresses). A refused URL is dropped, leaving the
 * element and its text. It reports nothing: whatever the author wrote was reported earlier.
 */
export function safeUrlsTransform(tree: Root): void {
  visit(tree, 'element', (node) => {
    for (const [property, kind] of [['href', 'href'], ['src', 'src']] as const) {
      const value = node.properties[property];
      if (value !== undefined && value !== null && !isSafeUrl(String(value), kind)) delete node.properties[property];
    }
  });
}
