/**
 * A simple table's header is read from the rule under it (`micromark-pandoc-table.ts`): the
 * one-line paragraph above the rule becomes the header row. What a reader sees must not depend on
 * that: the header cells, their Markdown, and the places of their words, at any indent, in a list
 * item, with tabs. The table structure is compared with Pandoc's in `pandoc-table-agreement.test.ts`.
 */
import type { Nodes, Table } from 'mdast';
import { describe, expect, it } from 'vitest';
import { resolveTables, tablesHtml } from './table-helpers.js';

/** Each cell as `text@line:column`, rows joined by ` | `. */
function cellPlaces(markdown: string): string {
  const { tree } = resolveTables(markdown);
  const tables: Table[] = [];
  const walk = (node: Nodes) => {
    if (node.type === 'table') tables.push(node);
    else if ('children' in node) for (const child of node.children) walk(child as Nodes);
  };
  walk(tree);
  return tables
    .map((table) => table.children.map((row) => row.children.map((cell) => `${cell.data?.pandocCell?.text}@${cell.position?.start.line}:${cell.position?.start.column}`).join(' ')).join(' | '))
    .join(' || ');
}

describe('a simple table read from the rule under its header', () => {
  it('has the header row a reader sees, with its Markdown', () => {
    const html = tablesHtml('*Region*    Share\n----------  -----\nSteppe         12\n');
    expect(html).toContain('<thead>');
    expect(html).toMatch(/<th[^>]*><em>Region<\/em><\/th>/);
    expect(html).toMatch(/<th[^>]*>Share<\/th>/);
    expect(html).toMatch(/<td[^>]*>12<\/td>/);
  });

  it('places each header cell where it is written: indented, in a list item, after tabs', () => {
    expect(cellPlaces('Intro.\n\n  Aa    Bb\n ----  ----\n  1      2\n')).toBe('Aa@3:3 Bb@3:9 | 1@5:3 2@5:10');
    expect(cellPlaces('- item\n\n  Aa  Bb\n  --  --\n  1   2\n')).toBe('Aa@3:3 Bb@3:7 | 1@5:3 2@5:7');
    expect(cellPlaces('> Aa  Bb\n> --  --\n> 1   2\n')).toBe('Aa@1:3 Bb@1:7 | 1@3:3 2@3:7');
    expect(cellPlaces('Aa\tBb\n--\t--\n1\t2\n')).toBe('Aa@1:1 Bb@1:5 | 1@3:1 2@3:5');
  });

  it('reads two tables in a row, and a table right under a heading', () => {
    expect(cellPlaces('A    B\n---  ---\n1    2\n\nC    D\n---  ---\n3    4\n')).toBe('A@1:1 B@1:6 | 1@3:1 2@3:6 || C@5:1 D@5:6 | 3@7:1 4@7:6');
    expect(cellPlaces('# Heading\nA    B\n---  ---\n1    2\n')).toBe('A@2:1 B@2:6 | 1@4:1 2@4:6');
  });

  it('leaves a paragraph of two lines, and a setext heading, as they are', () => {
    const { tree } = resolveTables('A paragraph line\nRight    Left\n-------  ------\n1        2\n\nTitle\n-----\n');
    expect(tree.children.map((node) => node.type)).toEqual(['paragraph', 'heading']);
  });
});
