/**
 * The tables of two real manuscripts from `../shared/corpus/` (not copied here): the thesis
 * template's multiline table with `: caption []{#tbl:random …}`, and pandoc-crossref's demo with
 * `: Table example {#tbl:table1}` under a pipe table. Skipped, in one line, without the corpus.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Nodes } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { describe, expect, it } from 'vitest';
import type { CaptionedTable } from '../../scripts/tables/captioned-table.js';
import { resolveTables, tablesHtml } from './table-helpers.js';

const corpus = fileURLToPath(new URL('../../../shared/corpus/', import.meta.url));
const present = existsSync(corpus);
if (!present) console.info(`corpus tables skipped: no corpus at ${corpus}`);

const manuscript = (name: string) => readFileSync(`${corpus}${name}/paper.md`, 'utf8');

function captionedTables(markdown: string): CaptionedTable[] {
  const found: CaptionedTable[] = [];
  const walk = (node: Nodes) => {
    if (node.type === 'captionedTable') found.push(node);
    else if ('children' in node) for (const child of node.children) walk(child as Nodes);
  };
  walk(resolveTables(markdown).tree);
  return found;
}

describe.skipIf(!present)('tables of the corpus', () => {
  it('phd-thesis: the multiline table of land masses is Table 1, with its caption and id', () => {
    const markdown = manuscript('phd-thesis');
    const [table, ...others] = captionedTables(markdown);
    expect(others).toEqual([]);
    expect(table?.identifier).toBe('tbl:random');
    expect(table?.label).toBe('1');
    expect(toString(table!.children[0])).toBe('Important data for various land masses.');
    const [, body] = table!.children;
    expect(body.data?.pandocTable?.kind).toBe('multiline');
    expect(body.children.map((row) => toString(row.children[0]).replace(/\s+/g, ' '))).toEqual([
      'Landmass',
      'North America',
      'Central America',
      'South America',
      'Africa',
      'Europe',
      'Asia',
      'Oceania',
      'Antarctica',
    ]);
    expect(resolveTables(markdown).targets.get('tbl:random')).toMatchObject({ kind: 'table', label: '1' });
    const html = tablesHtml(markdown);
    expect(html).toContain('<caption><span class="table-label">Table 1:</span> Important data for various land masses.</caption>');
    expect(html).toContain('id="tbl:random"');
  });

  it('crossref-demo: the pipe table is Table 1, "Table example"', () => {
    const markdown = manuscript('crossref-demo');
    const tables = captionedTables(markdown);
    expect(tables.map((table) => [table.identifier, table.label, toString(table.children[0])])).toEqual([['tbl:table1', '1', 'Table example']]);
    expect(tablesHtml(markdown)).toContain('<table id="tbl:table1">\n<caption><span class="table-label">Table 1:</span> Table example</caption>');
  });
});
