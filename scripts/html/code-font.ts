import type { Element, Root } from 'hast';
import { EXIT, visit } from 'unist-util-visit';

/**
 * Code is set in the shipped monospaced family, DejaVu Sans Mono, on screen and in print: code
 * blocks and listings (`pre`), inline `code`, `kbd` and `samp`, and the TeX of an equation that
 * could not be drawn (`code.math-error`). The page's `@font-face` rules give it the glyphs its code
 * uses (`font-faces.ts`), and the printer's fontconfig has it too (`pdf/font-config.ts`). Its rules
 * are added only to a page that has code, so a page without any keeps its exact bytes.
 */
export const codeFontFamily = 'DejaVu Sans Mono';

/** The elements whose text is code. */
const codeElements = new Set(['code', 'pre', 'kbd', 'samp']);

/** Whether an element's text, all of it, is set in the code font. */
export function isCodeElement(element: Element): boolean {
  const classes = element.properties.className;
  return codeElements.has(element.tagName) || (Array.isArray(classes) && classes.includes('math-error'));
}

/** Whether the rendered page has code anywhere. */
export function hasCode(tree: Root): boolean {
  let found = false;
  visit(tree, 'element', (node) => {
    if (!isCodeElement(node)) return undefined;
    found = true;
    return EXIT;
  });
  return found;
}

/**
 * A character the code font lacks (a CJK character, a sign DejaVu Sans Mono does not draw) falls
 * back to the text's shipped fonts: the reader sees that character, one column out of step, rather
 * than a box. `monospace` last is for a reader's browser only, for a character no shipped font has
 * (the printer's fontconfig maps it to DejaVu Sans Mono again, which lacks it: a blank, and a
 * `font-glyph-missing` warning). Code is never hyphenated: a hyphen added to code changes it.
 */
export const codeFontCss = `
/* Code in the shipped monospaced face (scripts/html/code-font.ts: only on pages that have code). */
code,
kbd,
samp,
pre,
.math-error {
  font-family: '${codeFontFamily}', 'Noto Serif', monospace;
  hyphens: manual;
}

code,
kbd,
samp {
  font-size: 0.88em;
}

pre code,
pre kbd,
pre samp {
  font-size: inherit;
}
`;
