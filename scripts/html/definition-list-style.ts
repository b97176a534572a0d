import type { Root } from 'hast';
import { hasElement } from './has-element.js';

/**
 * The look of definition lists, added to the page only when the paper has one, so a paper without
 * any is rendered byte for byte as before. Browsers show a term in the text's weight, which in a
 * glossary reads as one more line of its definitions; the term is set in bold as Quarto's and most
 * journals' styles set it, and in print a term is kept on the page of its first definition.
 */
export const definitionListCss = `
/* Definition lists (scripts/html/definition-list-style.ts: only on pages that have one). */
dt {
  font-weight: bold;
  margin-top: 0.5rem;
}

dd {
  margin-left: 1.5rem;
}

@media print {
  dt {
    break-after: avoid;
  }
}
`;

/** Whether the rendered page holds a definition list. */
export const hasDefinitionList = (tree: Root): boolean => hasElement(tree, 'dl');
