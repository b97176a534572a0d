import type { Root } from 'hast';
import { EXIT, visit } from 'unist-util-visit';

/**
 * The colours of highlighted code (`code-highlighter.ts`, Pandoc's token classes), added only to
 * pages that have some. Each colour has a contrast of at least 5.5:1 on the code background, in
 * the light scheme (also the printed one) and the dark; comments and documentation are set in
 * italics as well, so nothing is told by colour alone.
 */
export const codeHighlightCss = `
/* Highlighted code (scripts/html/code-highlight-style.ts: only on pages that have some). */
code.sourceCode .kw, code.sourceCode .cf, code.sourceCode .im { color: #7d2a8c; }
code.sourceCode .dt { color: #8a4b00; }
code.sourceCode .dv, code.sourceCode .bn, code.sourceCode .fl { color: #1d6b40; }
code.sourceCode .st, code.sourceCode .vs, code.sourceCode .ch { color: #2b5f9e; }
code.sourceCode .co { color: #5c6370; font-style: italic; }
code.sourceCode .do { color: #a0281a; font-style: italic; }
code.sourceCode .fu { color: #1f4e8c; }
code.sourceCode .op { color: #4d4d4d; }
code.sourceCode .bu { color: #7a3e00; }
code.sourceCode .cn, code.sourceCode .sc { color: #a0281a; }
code.sourceCode .ss { color: #9b2f6a; }
code.sourceCode .va { color: #2d3f8f; }
code.sourceCode .pp { color: #7a5a00; }
code.sourceCode .at { color: #4f6a12; }

@media screen and (prefers-color-scheme: dark) {
  code.sourceCode .kw, code.sourceCode .cf, code.sourceCode .im { color: #d7a6ff; }
  code.sourceCode .dt { color: #f0b870; }
  code.sourceCode .dv, code.sourceCode .bn, code.sourceCode .fl { color: #8fd6a8; }
  code.sourceCode .st, code.sourceCode .vs, code.sourceCode .ch { color: #9cc8ff; }
  code.sourceCode .co { color: #a5acb8; }
  code.sourceCode .do { color: #ff9f8f; }
  code.sourceCode .fu { color: #8fbfff; }
  code.sourceCode .op { color: #d0d0d0; }
  code.sourceCode .bu { color: #f2b380; }
  code.sourceCode .cn, code.sourceCode .sc { color: #ff9f8f; }
  code.sourceCode .ss { color: #ff9fcf; }
  code.sourceCode .va { color: #b5c3ff; }
  code.sourceCode .pp { color: #e8cc70; }
  code.sourceCode .at { color: #bcd986; }
}
`;

/** Whether the rendered page holds highlighted code. */
export function hasHighlightedCode(tree: Root): boolean {
  let found = false;
  visit(tree, 'element', (node) => {
    if (node.tagName !== 'code' || !(node.properties.className as string[] | undefined)?.includes('sourceCode')) return undefined;
    found = true;
    return EXIT;
  });
  return found;
}
