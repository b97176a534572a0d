import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import type { Root, Table } from 'mdast';
import { EXIT, visit } from 'unist-util-visit';
import { defaultHandlers, type State } from 'mdast-util-to-hast';
import type { CaptionedTable } from './captioned-table.js';

/**
 * A table with its caption, as Pandoc writes it: `<caption>` first inside `<table>`, which carries
 * the id. A numbered one reads "Table 2: …", its label in a span of its own.
 */
export function captionedTableToHast(state: State, node: CaptionedTable, words: { title: string; delim: string } = { title: 'Table', delim: ':' }): Element {
  const [caption, table] = node.children;
  const element = tableToHast(state, table);
  const label: ElementContent[] = node.label ? [h('span', { className: ['table-label'] }, `${words.title} ${node.label}${words.delim}`), { type: 'text', value: ' ' }] : [];
  const captionElement = h('caption', [...label, ...state.all(caption)]);
  state.patch(caption, captionElement);
  element.children.unshift({ type: 'text', value: '\n' }, captionElement);
  element.properties = { ...element.properties, id: node.identifier, className: node.classes.length > 0 ? node.classes : undefined };
  state.patch(node, element);
  return element;
}

/**
 * A GFM table as mdast-util-to-hast makes it; a table read from Pandoc's simple, multiline or grid
 * syntax also gets Pandoc's column widths (`<colgroup>`, multiline and grid tables) and, without a
 * header, only a body.
 */
export function tableToHast(state: State, node: Table): Element {
  const element = defaultHandlers.table(state, node);
  const pandoc = node.data?.pandocTable;
  if (!pandoc) return element;
  const head = element.children.find((child): child is Element => child.type === 'element' && child.tagName === 'thead');
  if (pandoc.headerless && head) {
    for (const cell of head.children.flatMap((row) => (row.type === 'element' ? row.children : []))) {
      if (cell.type === 'element') cell.tagName = 'td';
    }
    const body = element.children.find((child): child is Element => child.type === 'element' && child.tagName === 'tbody');
    if (body) body.children.unshift(...head.children);
    else head.tagName = 'tbody';
    element.children = element.children.filter((child) => child !== head || !body);
  }
  if (pandoc.widths && pandoc.widths.some((width) => width > 0)) {
    const columns = pandoc.widths.map((width) => h('col', { style: `width: ${Math.floor(width * 100)}%` }));
    const total = pandoc.widths.reduce((sum, width) => sum + width, 0);
    element.children.unshift({ type: 'text', value: '\n' }, h('colgroup', columns));
    if (total < 1) element.properties = { ...element.properties, style: `width:${Math.round(total * 100)}%;` };
  }
  return element;
}

/** Whether the paper has a table written in Markdown (captioned or not), which `styles/tables.css` styles. */
export function hasMarkdownTables(tree: Root): boolean {
  let found = false;
  visit(tree, 'table', () => {
    found = true;
    return EXIT;
  });
  return found;
}
