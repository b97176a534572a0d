import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { messages } from '../helpers/parse.js';
import { resolveTables, tablesHtml } from './table-helpers.js';

const pipe = '| Method | Score |\n|:-------|------:|\n| Ours   |  0.91 |\n';
const period = fileURLToPath(new URL('../fixtures/papers/mini/manuscript/tables/period.yaml', import.meta.url));

/** The text of every `<caption>` in the HTML, tags left out. */
const captions = (html: string) => [...html.matchAll(/<caption>(.*?)<\/caption>/gs)].map((match) => match[1]?.replace(/<[^>]+>/g, ''));

describe('table captions', () => {
  it('takes `: caption {#tbl-x}` after a pipe table, with its Markdown, as the numbered caption', () => {
    const html = tablesHtml(`${pipe}\n: Scores of *both* methods {#tbl-scores}\n`);
    expect(html).toContain('<table id="tbl-scores">\n<caption><span class="table-label">Table 1:</span> Scores of <em>both</em> methods</caption>');
    expect(html).not.toContain('{#');
  });

  it('takes `Table: caption` before the table, and a caption right under the rows', () => {
    expect(captions(tablesHtml(`Table: Before {#tbl:before}\n\n${pipe}`))).toEqual(['Table 1: Before']);
    expect(captions(tablesHtml(`${pipe}: Right under {#tbl:under}\n`))).toEqual(['Table 1: Right under']);
  });

  it('numbers only tables with a `tbl` id, in document order, and makes them targets', () => {
    const markdown = `${pipe}\n: No id\n\n${pipe}\n: Second {#tbl:b}\n\n${pipe}\n: Other id {#results}\n\n${pipe}\n: Third {#tbl-c}\n`;
    const { targets } = resolveTables(markdown);
    expect(captions(tablesHtml(markdown))).toEqual(['No id', 'Table 1: Second', 'Other id', 'Table 2: Third']);
    expect([...targets.values()].map(({ id, kind, label }) => ({ id, kind, label }))).toEqual([
      { id: 'tbl:b', kind: 'table', label: '1' },
      { id: 'tbl-c', kind: 'table', label: '2' },
    ]);
    expect(tablesHtml(markdown)).toContain('<table id="results">');
  });

  it('numbers captioned tables in one series with table groups and period tables', () => {
    const markdown = `${pipe}\n: First {#tbl-first}\n\n:::table-group{#tbl-group}\nA group\n\n::period-table{#tbl-period src="period.yaml"}\n:::\n\n${pipe}\n: After the group {#tbl-after}\n`;
    const { targets, file } = resolveTables(markdown, { 'period.yaml': period });
    expect(messages(file)).toEqual([]);
    expect([...targets.values()].map(({ id, label }) => `${id} ${label}`)).toEqual(['tbl-first 1', 'tbl-group 2', 'tbl-period 2.1', 'tbl-after 3']);
    const html = tablesHtml(markdown, { 'period.yaml': period });
    expect(html).toContain('<span class="table-label">Table 2.1.</span>');
    expect(captions(html).filter((caption) => caption?.startsWith('Table 1:') || caption?.startsWith('Table 3:'))).toEqual(['Table 1: First', 'Table 3: After the group']);
  });

  it('reads the id of the thesis template`s `[]{#tbl:x short-caption="…"}`', () => {
    const { targets } = resolveTables(`${pipe}\n: Land masses. []{#tbl:random short-caption="Short"}\n`);
    expect(targets.get('tbl:random')?.label).toBe('1');
    expect(captions(tablesHtml(`${pipe}\n: Land masses. []{#tbl:random short-caption="Short"}\n`))).toEqual(['Table 1: Land masses.']);
  });

  it('leaves a paragraph that only looks like a caption alone when no table is beside it', () => {
    expect(tablesHtml(': Not a caption\n')).toBe('<p>: Not a caption</p>');
  });
});

describe('Pandoc tables in HTML', () => {
  it('gives a simple table its alignments and header', () => {
    const html = tablesHtml('  Right     Left\n-------     ------\n     12     12\n\nTable: Simple {#tbl-simple}\n');
    expect(html).toContain('<caption><span class="table-label">Table 1:</span> Simple</caption>');
    expect(html).toContain('<th align="right">Right</th>\n<th align="left">Left</th>');
    expect(html).toContain('<td align="right">12</td>\n<td align="left">12</td>');
  });

  it('gives a headerless table only a body, and a multiline table Pandoc`s column widths', () => {
    const html = tablesHtml('----------- -------\n   First    row\n            two\n\n   Second   x\n----------- -------\n');
    expect(html).not.toContain('<thead>');
    expect(html).not.toContain('<th');
    expect(html).toContain('<table style="width:28%;">\n<colgroup><col style="width: 16%"><col style="width: 11%"></colgroup>');
    expect(html).toContain('<td align="left">row\ntwo</td>');
  });

  it('parses a grid table`s cells as blocks: a list stays a list, one paragraph is plain words', () => {
    const html = tablesHtml('+------+-----------+\n| A    | B         |\n+======+===========+\n| *x*  | - one     |\n|      | - two     |\n+------+-----------+\n');
    expect(html).toContain('<td><em>x</em></td>');
    expect(html).toMatch(/<td><ul>\n<li>one<\/li>\n<li>two<\/li>\n<\/ul><\/td>/);
  });

  it('places a cell`s citation and emphasis at their place in the manuscript', () => {
    const { tree } = resolveTables('Who    Said\n-----  ----------\nAnn    see *this*\n');
    const table = tree.children[0];
    const cell = table?.type === 'table' ? table.children[1]?.children[1] : undefined;
    expect(cell?.children[1]?.position?.start).toMatchObject({ line: 3, column: 12, offset: 41 });
  });
});
