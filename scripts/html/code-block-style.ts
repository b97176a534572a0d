import type { Root } from 'hast';
import { hasElement } from './has-element.js';

/**
 * The look of code blocks and listings, added to the page only when the paper has code, so a paper
 * without any is rendered byte for byte as before. Long lines wrap, on screen and in print (a
 * scrolling box would need keyboard focus, and print cannot scroll): nothing is cut at the right
 * margin. A listing that fits on a page is not split across two. The font is code's, shipped
 * (`code-font.ts`), on screen and in print.
 */
export const codeBlockCss = `
/* Code blocks and listings (scripts/html/code-block-style.ts: only on pages that have code). */
pre {
  margin: 1rem 0;
  padding: 0.5rem 0.75rem;
  background: var(--surface);
  border-left: 3px solid var(--rule);
  font-size: 0.82em;
  line-height: 1.45;
  white-space: pre-wrap;
  overflow-wrap: anywhere;
  tab-size: 4;
}

pre code {
  font: inherit;
}

figure.listing {
  margin: 1.5rem 0;
}

figure.listing figcaption {
  font-size: 0.9rem;
  margin-bottom: 0.35rem;
}

figure.listing pre {
  margin: 0;
}

.listing-label {
  font-weight: bold;
}

@media print {
  pre {
    print-color-adjust: exact;
    -webkit-print-color-adjust: exact;
  }

  figure.listing,
  pre {
    break-inside: avoid;
  }

  figure.listing figcaption {
    break-after: avoid;
  }
}
`;

/** Whether the rendered page holds a code block. */
export const hasCodeBlock = (tree: Root): boolean => hasElement(tree, 'pre');
