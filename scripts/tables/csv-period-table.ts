import type { Position } from 'unist';
import { location } from 'vfile-location';
import type { VFile } from 'vfile';
import { report } from '../diagnostics/report.js';
import type { DataSource } from '../source/data-source.js';
import { offsetInField, parseCsv, type CsvField } from './csv.js';

/**
 * A period table kept in a spreadsheet, saved as CSV. It holds what the YAML form holds and is
 * checked against the same schema:
 *
 *     caption,Political relationships
 *     category,kind,1991-1992,1993
 *     tone,,difficult,
 *     Russian national policy,events,"radical economic reforms
 *     hyper-inflation {.negative}",constitutional crisis
 *     Political trends,trend,down-slight,flat
 *     Meetings of the Presidents,counts,3(1); 6 (4),"4(3) 1st official visit"
 *
 * A cell of an `events` row holds one event a line; `{.negative}` or `{.intensifying}` at the end
 * of a line marks it, and a line `{until=1996}` makes the cell span to that column. A `trend`
 * cell holds a trend (`up`, `up-slight`, `flat`, `down-slight`, `down`, or `-` for none) on its
 * first line, optionally followed by events on further lines. A `counts` cell holds a count, then its note.
 */
export function readCsvTable(file: VFile): { source: DataSource; value: unknown } | undefined {
  const text = String(file.value);
  const { records, problems } = parseCsv(text);
  const points = location(file);
  const at = (offset: number, length = 0): Position => {
    const start = points.toPoint(offset) ?? { line: 1, column: 1, offset: 0 };
    return { start, end: points.toPoint(offset + length) ?? start };
  };
  for (const problem of problems) report(file, 'table-schema', `Invalid CSV: ${problem.reason}`, at(problem.offset, 1));
  if (problems.length > 0) return undefined;

  const places = new Map<string, Position>();
  const offsets = new Map<string, number>();
  const place = (path: PropertyKey[], field: CsvField, index = 0, length = field.value.length) => {
    const offset = offsetInField(text, field, index);
    places.set(key(path), at(offset, offsetInField(text, field, index + length) - offset));
    offsets.set(key(path), offset);
  };
  const value: Record<string, unknown> = {};
  const rows: unknown[] = [];
  let columns: string[] = [];
  let tones: Array<string | undefined> = [];
  let headerField: CsvField | undefined;

  for (const record of records) {
    const [first, second, ...cells] = record.fields;
    const name = first?.value.trim() ?? '';
    if (name === 'caption' && first && second) {
      value.caption = second.value;
      place(['caption'], second);
    } else if (name === 'category' && first) {
      headerField = first;
      columns = cells.map((cell) => cell.value.trim());
      cells.forEach((cell, index) => place(['columns', index], cell));
      cells.forEach((cell, index) => place(['columns', index, 'label'], cell));
    } else if (name === 'tone' && first) {
      tones = cells.map((cell) => cell.value.trim() || undefined);
      cells.forEach((cell, index) => place(['columns', index, 'tone'], cell));
    } else if (first && name !== '') {
      const rowIndex = rows.length;
      const base = ['rows', rowIndex];
      place([...base, 'category'], first);
      if (second) place([...base, 'kind'], second);
      places.set(key(base), at(first.start));
      const kind = second?.value.trim() ?? '';
      const row: Record<string, unknown> = { category: first.value, kind, cells: {} };
      cells.forEach((cell, index) => {
        const label = columns[index] ?? `column ${index + 3}`;
        if (cell.value.trim() === '') return;
        (row.cells as Record<string, unknown>)[label] = readCell(kind, cell, [...base, 'cells', label], place);
        if (!places.has(key([...base, 'cells', label]))) place([...base, 'cells', label], cell);
      });
      rows.push(row);
    }
  }
  if (!headerField) {
    report(file, 'table-schema', 'The CSV has no header row; start one with `category,kind,` and the column labels', at(0).start);
    return undefined;
  }
  value.columns = columns.map((label, index) => (tones[index] ? { label, tone: tones[index] } : label));
  value.rows = rows;
  const source: DataSource = {
    file,
    ruleId: 'table-schema',
    positionAt(path) {
      for (let length = path.length; length >= 0; length--) {
        const found = places.get(key(path.slice(0, length)));
        if (found) return found;
      }
      return at(0);
    },
    textOffset: (path) => offsets.get(key(path)),
  };
  return { source, value };
}

type Place = (path: PropertyKey[], field: CsvField, index?: number, length?: number) => void;

const mark = /\s*\{\.(negative|intensifying|[\w-]+)\}\s*$/;
const until = /^\s*\{until=([^}]*)\}\s*$/;
const count = /^\s*(≥?\d+ ?(?:\(≥?\d+\))?(?:; ?≥?\d+ ?(?:\(≥?\d+\))?)*)\s*(.*)$/s;

/** One cell of a row, as the YAML form would hold it, with a place for each part. */
function readCell(kind: string, field: CsvField, path: PropertyKey[], place: Place): unknown {
  const lines = splitLines(field.value);
  if (kind === 'counts') {
    const match = count.exec(field.value);
    const written = match?.[1]?.trimEnd();
    if (!match || !written) return field.value;
    if (!match[2]) return written;
    place([...path, 'count'], field, field.value.indexOf(written), written.length);
    place([...path, 'note'], field, field.value.length - match[2].length, match[2].length);
    return { count: written, note: match[2] };
  }
  let trend: string | undefined;
  let trendRead = false;
  const events: unknown[] = [];
  let span: string | undefined;
  let firstEvent: [number, number] | undefined;
  for (const line of lines) {
    const content = line.text.trim();
    if (content === '') continue;
    if (kind === 'trend' && !trendRead) {
      // The first line of a trend cell is its trend (`-` for none); the schema checks the word.
      trendRead = true;
      if (content !== '-') {
        trend = content;
        place([...path, 'trend'], field, line.start + line.text.indexOf(content), content.length);
        if (lines.filter((other) => other.text.trim() !== '').length === 1) place(path, field, line.start + line.text.indexOf(content), content.length);
      }
      continue;
    }
    const spanMatch = until.exec(line.text);
    if (spanMatch) {
      span = spanMatch[1]?.trim();
      place([...path, 'until'], field, line.start, line.text.length);
      continue;
    }
    const eventPath = [...path, 'events', events.length];
    const marked = mark.exec(line.text);
    const textLength = marked ? marked.index : line.text.length;
    const eventText = line.text.slice(0, textLength);
    place(eventPath, field, line.start, textLength);
    firstEvent ??= [line.start, textLength];
    place([...eventPath, 'text'], field, line.start, textLength);
    if (marked) place([...eventPath, 'mark'], field, line.start + marked.index + marked[0].indexOf('{'), marked[0].trim().length);
    events.push(marked ? { text: eventText, mark: marked[1] } : eventText);
  }
  if (kind === 'trend') {
    if (events.length === 0 && trend !== undefined) return trend;
    return { ...(trend === undefined ? {} : { trend }), events };
  }
  if (span !== undefined) return { events, until: span };
  if (events.length === 1 && firstEvent) {
    // One event stands for the whole cell, as in `"1993": An event`: the cell's path is its place.
    place(path, field, firstEvent[0], firstEvent[1]);
    if (typeof events[0] === 'object') {
      place([...path, 'text'], field, firstEvent[0], firstEvent[1]);
      const markPlace = lines.map((line) => ({ line, found: mark.exec(line.text) })).find((entry) => entry.found);
      if (markPlace?.found) place([...path, 'mark'], field, markPlace.line.start + markPlace.found.index + markPlace.found[0].indexOf('{'), markPlace.found[0].trim().length);
    }
    return events[0];
  }
  return events;
}

function splitLines(value: string): Array<{ text: string; start: number }> {
  const lines: Array<{ text: string; start: number }> = [];
  let start = 0;
  for (const part of value.split(/\r?\n/)) {
    lines.push({ text: part, start });
    start += part.length + (value[start + part.length] === '\r' ? 2 : 1);
  }
  return lines;
}

function key(path: readonly PropertyKey[]): string {
  return path.map(String).join('\u0000');
}
