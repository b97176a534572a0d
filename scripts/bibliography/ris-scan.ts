/**
 * RIS bibliographies (`.ris`, as EndNote, Zotero, Mendeley and most databases export them) scanned
 * with positions: the records, their keys and authors, for the check stage. Their CSL items are
 * made by citation-js's RIS plugin when a build renders them (`citeproc.ts`). Pure: no I/O.
 *
 * A record runs from its `TY  - ` line to its `ER  - ` line. Its key is its `ID`; a record without
 * one is keyed as Pandoc's RIS reader (3.0 and later; 2.17 reads no RIS) keys it: the family names
 * of its authors (`AU`, `A1`) and its year (`PY`, `Y1`) joined by `_` (`Doe_Roe_2010`), a second
 * record with the same made key getting `b`, a third `c`, and so on.
 */
import type { Point, Position } from 'unist';
import { report } from '../diagnostics/report.js';
import type { VFile } from 'vfile';

export interface RisRecord {
  key: string;
  /** The `ID` value, or the `TY` value when the key is made from the authors and year. */
  keyPosition: Position;
  /** From the `TY` line to the end of the `ER` line. */
  position: Position;
  /** The RIS type (`BOOK`, `JOUR`, …). */
  type: string;
  /** The record's text, `TY` to `ER`, for citation-js. */
  source: string;
  /** Each author (`AU`, `A1`) as written (`Doe, Jane`), with the place of its value. */
  authors: Array<{ name: string; position: Position }>;
}

interface RisLine {
  tag: string;
  value: string;
  /** Of the value (or of the end of the tag when it has none). */
  position: Position;
  /** Offsets of the whole line, without its line end. */
  start: number;
  end: number;
}

/** `TY  - BOOK`: two capitals or digits, spaces, a hyphen, then the value (which may be empty). */
const tagLine = /^([A-Z][A-Z0-9]) +-(?: +(.*?))? *$/;

/**
 * The records of a RIS file; a record without its `ER` line is a `bib-syntax` error at its `TY`
 * line and is left out, and its `ID` is among `brokenKeys` (citing it is not an unknown key).
 */
export function scanRis(file: VFile): { records: RisRecord[]; brokenKeys: string[] } {
  const brokenKeys: string[] = [];
  const unclosed = (lines: RisLine[], reason: string) => {
    const [first] = lines;
    if (!first) return;
    report(file, 'bib-syntax', `RIS record \`${first.value}\` has no \`ER  - \` line ${reason}`, first.position);
    const id = lines.find((line) => line.tag === 'ID' && line.value !== '');
    if (id) brokenKeys.push(id.value);
  };
  const text = String(file.value);
  const lines = risLines(text);
  const records: Array<RisRecord & { made: boolean }> = [];
  let open: RisLine[] | undefined;
  const close = (end: RisLine) => {
    const record = open && recordOf(text, open, end);
    if (record?.key === '') report(file, 'bib-syntax', `RIS record \`${record.type}\` has no \`ID\`, author or year to make its key of; it cannot be cited`, record.keyPosition);
    else if (record) records.push(record);
    open = undefined;
  };
  for (const line of lines) {
    if (line.tag === 'TY') {
      if (open) unclosed(open, 'before the next `TY`');
      open = [line];
    } else if (line.tag === 'ER') close(line);
    else open?.push(line);
  }
  if (open) unclosed(open, 'at the end of the file');
  return { records: withUniqueMadeKeys(records), brokenKeys };
}

function risLines(text: string): RisLine[] {
  const lines: RisLine[] = [];
  let offset = 0;
  let line = 1;
  // A byte order mark is not part of the first tag.
  if (text.charCodeAt(0) === 0xfeff) offset = 1;
  while (offset <= text.length) {
    const lineEnd = text.indexOf('\n', offset);
    const next = lineEnd === -1 ? text.length : lineEnd;
    const end = text[next - 1] === '\r' ? next - 1 : next;
    const match = tagLine.exec(text.slice(offset, end));
    if (match?.[1]) {
      const value = match[2] ?? '';
      const valueStart = value === '' ? offset + 2 : offset + text.slice(offset, end).indexOf(value, 3);
      const column = valueStart - (text.lastIndexOf('\n', valueStart - 1) + 1) + 1;
      lines.push({ tag: match[1], value, start: offset, end, position: span(line, column, valueStart, value.length || 1) });
    }
    if (lineEnd === -1) break;
    offset = lineEnd + 1;
    line++;
  }
  return lines;
}

function span(line: number, column: number, offset: number, length: number): Position {
  const start: Point = { line, column, offset };
  return { start, end: { line, column: column + length, offset: offset + length } };
}

function recordOf(text: string, lines: RisLine[], end: RisLine): RisRecord & { made: boolean } {
  const [first] = lines as [RisLine, ...RisLine[]];
  const id = lines.find((line) => line.tag === 'ID' && line.value !== '');
  const authors = lines.filter((line) => line.tag === 'AU' || line.tag === 'A1').map((line) => ({ name: line.value, position: line.position }));
  const key = id?.value ?? madeKey(authors.map((author) => author.name), lines.filter((line) => line.tag === 'PY' || line.tag === 'Y1').map((line) => line.value));
  return {
    key,
    keyPosition: (id ?? first).position,
    position: { start: { ...first.position.start, column: 1, offset: first.start }, end: { ...end.position.end, offset: end.end } },
    type: first.value,
    source: text.slice(first.start, end.end),
    authors,
    made: id === undefined,
  };
}

/** Pandoc's key for a record without `ID`: each author's name up to its first comma or space, joined by `_`, then `_` and each year. */
function madeKey(authors: string[], years: string[]): string {
  return authors.map((name) => /^[^,\s]*/.exec(name)?.[0] ?? '').join('_') + years.map((year) => `_${year}`).join('');
}

function withUniqueMadeKeys(records: Array<RisRecord & { made: boolean }>): RisRecord[] {
  const seen = new Map<string, number>();
  return records.map(({ made, ...record }) => {
    if (!made) return record;
    const count = seen.get(record.key) ?? 0;
    seen.set(record.key, count + 1);
    return count === 0 ? record : { ...record, key: record.key + String.fromCharCode(0x61 + count) };
  });
}
