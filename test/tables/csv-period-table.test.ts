import { readFileSync } from 'node:fs';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../scripts/tables/csv.js';
import { readPeriodTable } from '../../scripts/tables/read-period-table.js';
import { fromRoot } from '../helpers/paths.js';
import { messages } from '../helpers/parse.js';

const fixture = (name: string) => new VFile({ path: fromRoot(`test/fixtures/papers/mini/manuscript/tables/${name}`), value: readFileSync(fromRoot(`test/fixtures/papers/mini/manuscript/tables/${name}`), 'utf8') });

function readCsv(text: string) {
  const file = new VFile({ path: 'table.csv', value: text });
  return { result: readPeriodTable(file), messages: messages(file) };
}

describe('period tables from CSV', () => {
  it('hold the same data as the YAML form of the same table', () => {
    const fromYaml = readPeriodTable(fixture('period.yaml'));
    const fromCsv = readPeriodTable(fixture('period.csv'));
    expect(fromCsv?.data).toEqual(fromYaml?.data);
    expect(fromCsv?.columns).toEqual(fromYaml?.columns);
  });

  it('place Markdown in cells exactly, line by line', () => {
    const table = readPeriodTable(fixture('period.csv'));
    expect(table?.source.textOffset(['rows', 0, 'cells', '1999', 1, 'text'])).toBe(undefined);
    expect(table?.source.positionAt(['rows', 0, 'cells', '1999', 'events', 1, 'text'])).toMatchObject({ start: { line: 5, column: 1 }, end: { line: 5, column: 13 } });
    expect(table?.source.textOffset(['rows', 0, 'cells', '2000-2001'])).toBe(String(fixture('period.csv').value).indexOf('*Talks*'));
  });

  it('report errors at the row and column of the cell', () => {
    const header = 'caption,X\ncategory,kind,1999,2000\n';
    expect(readCsv(`${header}Trend,trend,downward,up\n`).messages).toEqual([
      '3:13-3:21 error Expected a trend: `up`, `up-slight`, `flat`, `down-slight`, `down`; found `downward` table-schema',
    ]);
    expect(readCsv(`${header}Events,events,"one {.sad}",two\n`).messages).toEqual([
      '3:20-3:26 error Expected a mark: `intensifying`, `negative`; found `sad` table-schema',
    ]);
    expect(readCsv(`${header}Events,things,one,two\n`).messages).toEqual([
      '3:8-3:14 error Expected a row with `kind`: `events`, `trend` or `counts`; found `things` table-schema',
    ]);
    expect(readCsv('caption,X\ncategory,kind,1999,1999\nA,events,a,b\n').messages).toEqual(['2:20-2:24 error Column `1999` is listed twice table-schema']);
    expect(readCsv(`${header}Events,events,"never closed\n`).messages).toEqual(['3:15-3:16 error Invalid CSV: This quoted field is never closed; end it with `"` table-schema']);
    expect(readCsv('caption,X\n').messages).toEqual(['1:1 error The CSV has no header row; start one with `category,kind,` and the column labels table-schema']);
  });
});

describe('the CSV reader', () => {
  it('reads quoted fields, doubled quotes, line ends inside quotes and CRLF', () => {
    const { records, problems } = parseCsv('a,"b ""c""",d\r\n"x\ny",,z\r\n');
    expect(problems).toEqual([]);
    expect(records.map((record) => record.fields.map((field) => field.value))).toEqual([
      ['a', 'b "c"', 'd'],
      ['x\ny', '', 'z'],
    ]);
    expect(records[1]?.fields.map((field) => field.start)).toEqual([15, 21, 22]);
  });

  it('takes `;` as the separator when the header has more of them, as some spreadsheets write', () => {
    expect(parseCsv('category;kind;1991,5\nx;events;a,b\n').records.map((record) => record.fields.map((field) => field.value))).toEqual([
      ['category', 'kind', '1991,5'],
      ['x', 'events', 'a,b'],
    ]);
  });
});

describe('a paper whose table is kept as CSV', () => {
  it('builds the same table as its YAML twin', async () => {
    const { cpSync, mkdtempSync, rmSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { build } = await import('../../scripts/pipeline/build.js');
    const folder = mkdtempSync(join(tmpdir(), 'paper-csv-'));
    try {
      cpSync(fromRoot('test/fixtures/papers/mini'), folder, { recursive: true });
      const table = async () => {
        const result = await build({ path: folder, cwd: folder, bibliographies: [], out: join(folder, 'out'), pdf: false });
        expect(result.files.flatMap((file) => file.messages.map(String))).toEqual([]);
        return /<table id="tbl-period"[\s\S]*?<\/table>/.exec(readFileSync(join(folder, 'out', 'paper.html'), 'utf8'))?.[0];
      };
      const fromYaml = await table();
      const manuscript = join(folder, 'manuscript/paper.md');
      writeFileSync(manuscript, readFileSync(manuscript, 'utf8').replace('tables/period.yaml', 'tables/period.csv'));
      expect(await table()).toBe(fromYaml);
      expect(fromYaml).toContain('<li class="event event-negative">A crisis</li>');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
