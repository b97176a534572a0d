import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from '../../scripts/pipeline/build.js';
import { check } from '../../scripts/pipeline/check.js';
import { fromRoot } from '../helpers/paths.js';

/** The trend graph, drawn from the tables' data: change a table and the graph changes with it. */

const scratch = mkdtempSync(join(tmpdir(), 'paper-graph-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function copyOfMini(name: string): string {
  const folder = join(scratch, name);
  cpSync(fromRoot('test/fixtures/papers/mini'), folder, { recursive: true });
  return folder;
}

async function buildHtml(folder: string): Promise<string> {
  const result = await build({ path: folder, cwd: folder, bibliographies: [], out: join(folder, 'out'), pdf: false });
  expect(result.files.flatMap((file) => file.messages.map(String))).toEqual([]);
  return readFileSync(join(folder, 'out', 'paper.html'), 'utf8');
}

const tableCell = (html: string) => /<tr class="row-trend">.*?<\/tr>/.exec(html)?.[0];
const graphPath = (html: string) => /<path class="trend-line series-1" d="([^"]+)"/.exec(html)?.[1];
const graphDescription = (html: string) => /<desc id="fig-trend-description">([^<]+)<\/desc>/.exec(html)?.[1];

describe('the trend graph', () => {
  it('is drawn from the trend row, with a step for each column and a text alternative', async () => {
    const html = await buildHtml(copyOfMini('as-is'));
    expect(graphDescription(html)).toBe('Trend: 1999 declining; 2000-2001 slightly rising.');
    expect(graphPath(html)).toBe('M118,234.2L313.3,234.2L313.3,100.4L704,100.4');
    expect(html).toContain('<a href="#fig-trend" class="crossref">Figure 1</a>');
  });

  it('changes with the table when one value of the data changes', async () => {
    const folder = copyOfMini('revised');
    const data = join(folder, 'manuscript/tables/period.yaml');
    writeFileSync(data, readFileSync(data, 'utf8').replace('"1999": down,', '"1999": up,'));
    const html = await buildHtml(folder);
    expect(tableCell(html)).toContain('aria-label="rising" title="rising">↑</span>');
    expect(tableCell(html)).not.toContain('↓');
    expect(graphDescription(html)).toBe('Trend: 1999 rising; 2000-2001 slightly rising.');
    expect(graphPath(html)).toBe('M118,55.8L313.3,55.8L313.3,100.4L704,100.4');
  });

  it('reports a table or row the graph names but the paper lacks, in the graph file', async () => {
    const folder = copyOfMini('broken');
    writeFileSync(join(folder, 'manuscript/graphs/trend.yaml'), 'caption: X\nseries:\n  - { label: A, row: Trends, tables: [tbl-period] }\n  - { label: B, row: Trend, tables: [tbl-perio] }\n');
    const result = await check({ path: folder, cwd: folder, bibliographies: [] });
    expect(result.files.flatMap((file) => file.messages.map((message) => `${file.basename}:${message.line}:${message.column} ${message.reason}`))).toEqual([
      'trend.yaml:3:22 Table `tbl-period` has no row `Trends`; its rows are `Events`, `Trend`, `Meetings`, `Lasting`',
      'trend.yaml:4:38 No period table `tbl-perio`; did you mean `tbl-period`',
    ]);
  });
});
