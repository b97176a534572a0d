import type { PhrasingContent, Root, RootContent, TableCell } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import type { MarkdownFragments } from '../markdown/fragments.js';

/**
 * The cells of Pandoc's simple, multiline and grid tables, read by the parse stage as their text,
 * parsed as Markdown: one run of words each (a multiline cell's lines joined), all the table's
 * inline cells in one parser run. A grid cell holds blocks; one paragraph alone is its words, as
 * Pandoc's `compactify` makes it plain text, and anything more (lists, several paragraphs) stays blocks.
 */
export function pandocTableCellsTransform(tree: Root, file: VFile, fragments: MarkdownFragments): void {
  visit(tree, 'table', (table) => {
    if (!table.data?.pandocTable) return;
    const inline: TableCell[] = [];
    for (const row of table.children) {
      for (const cell of row.children) {
        const source = cell.data?.pandocCell;
        if (!source || source.text === '') continue;
        const place = { file, offset: source.offset, position: source.position };
        if (!source.blocks) {
          inline.push(cell);
          continue;
        }
        const blocks = fragments.blocks(source.text, place);
        const only = blocks.length === 1 ? blocks[0] : undefined;
        cell.children = only?.type === 'paragraph' ? only.children : (blocks as RootContent[] as PhrasingContent[]);
      }
    }
    const parsed = fragments.inlineMany(inline.map((cell) => ({ text: cell.data?.pandocCell?.text ?? '', place: { file, offset: cell.data?.pandocCell?.offset, position: cell.data!.pandocCell!.position } })));
    for (const [index, cell] of inline.entries()) cell.children = parsed[index] ?? [];
  });
}
