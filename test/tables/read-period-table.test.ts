import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { readPeriodTable } from '../../scripts/tables/read-period-table.js';
import { messages } from '../helpers/parse.js';

function read(yaml: string) {
  const file = new VFile({ path: 'table.yaml', value: yaml });
  return { result: readPeriodTable(file), messages: messages(file) };
}

const valid = `caption: Events
columns: ["1991-1992", { label: "1993", tone: difficult }, "1994"]
rows:
  - category: Policy
    kind: events
    cells:
      "1991-1992": [one, { text: two, mark: negative }]
      "1993": { events: [three], until: "1994" }
`;

describe('reading period table data', () => {
  it('reads valid data into columns with their years and tones', () => {
    const { result, messages: found } = read(valid);
    expect(found).toEqual([]);
    expect(result?.columns).toEqual([
      { label: '1991-1992', first: 1991, last: 1992, tone: undefined },
      { label: '1993', first: 1993, last: 1993, tone: 'difficult' },
      { label: '1994', first: 1994, last: 1994, tone: undefined },
    ]);
  });

  it('reports YAML syntax errors at their place', () => {
    expect(read('caption: [unclosed\ncolumns: []\n').messages).toEqual([
      '2:1-2:2 error Invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ] table-schema',
    ]);
  });

  it('reports schema errors at the value, with what was expected and found', () => {
    const yaml = valid.replace('mark: negative', 'mark: sad').replace('kind: events', 'kind: things');
    expect(read(yaml).messages).toEqual([
      '5:11-5:17 error Expected a row with `kind`: `events`, `trend` or `counts`; found `things` table-schema',
    ]);
    expect(read(valid.replace('mark: negative', 'mark: sad')).messages).toEqual([
      '7:45-7:48 error Expected a mark: `intensifying`, `negative`; found `sad` table-schema',
    ]);
    expect(read(valid.replace('caption: Events\n', '')).messages).toEqual(['1:1 error Missing required field `caption`; expected text table-schema']);
    expect(read(`${valid}extra: 1\n`).messages).toEqual(['9:1-9:6 error Unknown field `extra` table-schema']);
  });

  it('refuses duplicate, overlapping, reversed and unordered columns', () => {
    const columns = (list: string) => read(valid.replace('columns: ["1991-1992", { label: "1993", tone: difficult }, "1994"]', `columns: [${list}]`).replace(/cells:[\s\S]*$/, 'cells: {}\n')).messages;
    expect(columns('"1991", "1991"')).toEqual(['2:19-2:25 error Column `1991` is listed twice table-schema']);
    expect(columns('"1991-1992", "1992"')).toEqual(['2:24-2:30 error Column `1992` overlaps column `1991-1992` table-schema']);
    expect(columns('"1995-1993"')).toEqual(['2:11-2:22 error Column `1995-1993` ends before it starts table-schema']);
    expect(columns('"1995", "1990"')).toEqual(['2:19-2:25 error Column `1990` comes before column `1995`; list columns in chronological order table-schema']);
  });

  it('refuses cells in columns that do not exist, and spans that go backwards or overlap', () => {
    expect(read(valid.replace('"1991-1992": [one', '"1990": [one')).messages).toEqual([
      '7:7-7:13 error `1990` is not a column of this table; the columns are `1991-1992`, `1993`, `1994` table-schema',
    ]);
    expect(read(valid.replace('until: "1994"', 'until: "1991-1992"')).messages).toEqual([
      '8:41-8:52 error A cell in column `1993` cannot span until the earlier column `1991-1992` table-schema',
    ]);
    expect(read(`${valid}      "1994": four\n`).messages).toEqual([
      '9:7-9:13 error Column `1994` of row `Policy` is filled twice (by `1993` and `1994`) table-schema',
    ]);
  });

  it('refuses a YAML alias bomb without expanding it', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let level = 1; level < 9; level++) {
      const previous = String.fromCharCode(96 + level);
      const next = String.fromCharCode(97 + level);
      bomb.push(`${next}: &${next} [${Array(10).fill(`*${previous}`).join(',')}]`);
    }
    const { result, messages: found } = read(`${bomb.join('\n')}\n`);
    expect(result).toBeUndefined();
    expect(found).toEqual([`1:1-10:1 error Invalid YAML: Excessive alias count indicates a resource exhaustion attack table-schema`]);
  });
});
