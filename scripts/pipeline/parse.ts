import type { Root } from 'mdast';
import remarkDirective from 'remark-directive';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import remarkCitations from '../citations/syntax/remark-citations.js';

/** The Markdown dialect of a manuscript: CommonMark, GFM, YAML front matter, directives, Pandoc citations. */
export function createMarkdownParser() {
  return unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).use(remarkDirective).use(remarkCitations);
}

export type MarkdownParser = ReturnType<typeof createMarkdownParser>;

export function parseManuscript(parser: MarkdownParser, file: VFile): Root {
  return parser.parse(file);
}

/** Labels of the manuscript's footnote definitions: table cells and the abstract may call them. */
export function footnoteLabels(tree: Root): string[] {
  const labels: string[] = [];
  visit(tree, 'footnoteDefinition', (node) => {
    labels.push(node.label ?? node.identifier);
  });
  return labels;
}
