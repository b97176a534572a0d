import type { BlockContent, PhrasingContent, Root, RootContent } from 'mdast';
import remarkDirective from 'remark-directive';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { Node } from 'unist';
import { visit } from 'unist-util-visit';
import { location } from 'vfile-location';
import type { VFile } from 'vfile';
import remarkCitations from '../citations/remark-citations.js';
import type { MarkdownFragments } from '../front-matter/read-front-matter.js';
import type { InlinePlace } from '../tables/build-period-table.js';

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

/**
 * Parse Markdown that lives outside the manuscript (a table cell, the abstract) with the same
 * dialect. GFM turns `[^8]` into a footnote call only when note 8 is defined in the same document,
 * so the manuscript's definitions are declared after the fragment and dropped again. Positions are
 * moved to where the text stands in its own file, or to the field's place when it is not verbatim.
 */
export function createFragmentParser(parser: MarkdownParser, labels: string[]): MarkdownFragments {
  const definitions = labels.map((label) => `[^${label}]: .`).join('\n\n');
  const parse = (text: string, place: InlinePlace): RootContent[] => {
    // Declaring the notes costs a parse of them: only text that may call one pays it.
    const tree = parser.parse(definitions && text.includes('[^') ? `${text}\n\n${definitions}\n` : text);
    const children = tree.children.filter((node) => (node.position?.start.offset ?? 0) < text.length);
    relocate(children, text.length, place);
    return children;
  };
  return {
    blocks: (text, place) => parse(text, place) as BlockContent[],
    inline(text, place) {
      const [first, ...rest] = parse(text, place);
      const phrasing: PhrasingContent[] = first?.type === 'paragraph' ? first.children : [];
      for (const extra of rest) if (extra.type === 'paragraph') phrasing.push({ type: 'break' }, ...extra.children);
      return phrasing;
    },
  };
}

function relocate(nodes: Node[], length: number, place: InlinePlace): void {
  const points = place.offset === undefined ? undefined : location(place.file);
  const base = place.offset ?? 0;
  for (const root of nodes) {
    visit(root, (node) => {
      if (!node.position) return;
      const start = node.position.start.offset;
      const end = node.position.end.offset;
      const from = points && start !== undefined && start <= length ? points.toPoint(base + start) : undefined;
      const to = points && end !== undefined && end <= length ? points.toPoint(base + end) : undefined;
      node.position = from && to ? { start: from, end: to } : place.position;
      if ('items' in node && Array.isArray(node.items)) {
        for (const item of node.items as Array<{ position: Node['position'] }>) {
          const itemStart = item.position?.start.offset;
          const itemEnd = item.position?.end.offset;
          const a = points && itemStart !== undefined ? points.toPoint(base + itemStart) : undefined;
          const b = points && itemEnd !== undefined ? points.toPoint(base + itemEnd) : undefined;
          item.position = a && b ? { start: a, end: b } : place.position;
        }
      }
    });
  }
}
