/**
 * Pandoc's simple, multiline and grid tables (extensions `simple_tables`, `multiline_tables`,
 * `grid_tables`), read from their lines as Pandoc 2.17's Markdown reader reads them: which lines
 * form the table, its columns and their alignment, the header, and each cell's text with where it
 * stands. Pure and line-based, so the micromark construct (how many lines are a table) and the
 * mdast utility (the table those lines make) share one reading.
 */

export type PandocTableKind = 'simple' | 'multiline' | 'grid';
export type ColumnAlign = 'left' | 'right' | 'center' | null;

/** A cell's text (its lines joined with `\n`) and where its first line's text starts. */
export interface CellText {
  text: string;
  /** Index of the table line, and the column in it, where the cell's text starts. */
  line: number;
  column: number;
  /** True when `text` is exactly the source from that place on (one line, nothing trimmed inside). */
  verbatim: boolean;
}

export interface PandocTableLayout {
  kind: PandocTableKind;
  /** How many lines the table takes (a closing dashed line included; the blank line after it not). */
  lineCount: number;
  align: ColumnAlign[];
  /** Relative column widths (multiline and grid tables), as Pandoc computes them for 72 columns. */
  widths: number[] | undefined;
  /** Undefined for a headerless table (or one whose header cells are all empty). */
  header: CellText[] | undefined;
  rows: CellText[][];
}

const isBlank = (line: string | undefined) => line !== undefined && /^[ \t]*$/.test(line);

interface DashedLine {
  indent: number;
  /** Each column: its dashes, and its width with the spaces after it. */
  groups: Array<{ dashes: number; width: number }>;
}

/** Pandoc's `many1 (dashedLine '-')` after up to three spaces: dash runs, each with the spaces after it. */
function dashedLine(line: string | undefined): DashedLine | undefined {
  if (line === undefined) return undefined;
  const match = /^( {0,3})(-+(?:[ \t]+-+)*[ \t]*)$/.exec(line);
  if (!match) return undefined;
  const groups = [...(match[2] ?? '').matchAll(/(-+)([ \t]*)/g)].map((run) => ({ dashes: (run[1] ?? '').length, width: run[0].length }));
  return { indent: (match[1] ?? '').length, groups };
}

/** A dashed line followed by a blank line or the end: Pandoc's `tableFooter`. */
const isFooter = (lines: string[], at: number) => dashedLine(lines[at]) !== undefined && (at + 1 >= lines.length || isBlank(lines[at + 1]));

/** Column starts: the indent, then each column's start after it (Pandoc's `indices`). */
function columnStarts(dashes: DashedLine): number[] {
  const starts = [dashes.indent];
  for (const group of dashes.groups) starts.push((starts.at(-1) ?? 0) + group.width);
  return starts;
}

/** Pandoc's `tail . splitStringByIndices (init indices)`: each column's raw piece of a line, with its start. */
function splitColumns(line: string, starts: number[]): Array<{ text: string; column: number }> {
  const cuts = starts.slice(0, -1);
  return cuts.map((start, index) => {
    const end = index + 1 < cuts.length ? cuts[index + 1] : undefined;
    return { text: line.slice(start, end), column: start };
  });
}

/** Pandoc's `alignType`: from the shortest non-empty piece of header text above a column's dashes. */
function alignType(pieces: string[], dashes: number): ColumnAlign {
  const nonEmpty = pieces.map((piece) => piece.trimEnd()).filter((piece) => piece !== '');
  const shortest = [...nonEmpty].sort((a, b) => a.length - b.length)[0];
  if (shortest === undefined) return null;
  const leftSpace = shortest[0] === ' ' || shortest[0] === '\t';
  const rightSpace = shortest.length < dashes;
  if (leftSpace && !rightSpace) return 'right';
  if (!leftSpace && rightSpace) return 'left';
  if (leftSpace && rightSpace) return 'center';
  return null;
}

/**
 * Pandoc's `widthsFromIndices` for its default `--columns=72`. A multiline table's last column
 * counts one more character than its dashes (as Pandoc 2.17 measures it); a grid table's columns
 * count their `+`.
 */
function widthsFromStarts(starts: number[]): number[] {
  const last = starts.at(-1) ?? 0;
  const columns = Math.max(72, last);
  let lengths = starts.map((start, index) => start - (index === 0 ? 0 : (starts[index - 1] ?? 0)));
  const [x, y] = [lengths.at(-1) ?? 0, lengths.at(-2) ?? 0];
  if (lengths.length >= 2 && x < y && y - x <= 2) lengths = [...lengths.slice(0, -1), y];
  const total = lengths.reduce((sum, length) => sum + length, 0);
  const quotient = total > columns ? total : columns;
  return lengths.map((length) => length / quotient).slice(1);
}

/** One cell from its pieces on consecutive lines: each trimmed, the empty ones dropped at both ends. */
function cellFromPieces(pieces: Array<{ text: string; column: number; line: number }>): CellText {
  const kept = pieces.map((piece) => ({ ...piece, trimmed: piece.text.trim() }));
  while (kept.length > 0 && kept[0]?.trimmed === '') kept.shift();
  while (kept.length > 0 && kept.at(-1)?.trimmed === '') kept.pop();
  const first = kept[0] ?? pieces[0];
  const lead = first ? first.text.length - first.text.trimStart().length : 0;
  return {
    text: kept.map((piece) => piece.trimmed).join('\n'),
    line: first?.line ?? 0,
    column: (first?.column ?? 0) + lead,
    verbatim: kept.length <= 1,
  };
}

/** Cells of a row made of several lines: each column's pieces, line by line. */
function rowCells(lines: string[], from: number, to: number, starts: number[]): CellText[] {
  const columns: Array<Array<{ text: string; column: number; line: number }>> = starts.slice(0, -1).map(() => []);
  for (let at = from; at < to; at++) {
    for (const [index, piece] of splitColumns(lines[at] ?? '', starts).entries()) columns[index]?.push({ ...piece, line: at });
  }
  return columns.map(cellFromPieces);
}

const headerOrUndefined = (cells: CellText[]) => (cells.every((cell) => cell.text === '') ? undefined : cells);

/** Read the table that starts at `lines[0]`, in Pandoc's order of trying: multiline, simple, headless multiline, grid. */
export function readPandocTable(lines: string[]): PandocTableLayout | undefined {
  return multilineTable(lines, false) ?? simpleTable(lines, true) ?? simpleTable(lines, false) ?? multilineTable(lines, true) ?? gridTable(lines);
}

/** A row line: not blank, and not the table's closing dashed line. */
const isRowLine = (lines: string[], at: number) => at < lines.length && !isBlank(lines[at]) && !isFooter(lines, at);

function simpleTable(lines: string[], headless: boolean): PandocTableLayout | undefined {
  const dashesAt = headless ? 0 : 1;
  if (!headless && (isBlank(lines[0]) || lines[0] === undefined)) return undefined;
  const dashes = dashedLine(lines[dashesAt]);
  if (!dashes) return undefined;
  // `Title` over a single run of dashes is a setext heading, which Pandoc tries first.
  if (!headless && dashes.groups.length === 1 && /^ {0,3}-+[ \t]*$/.test(lines[1] ?? '')) return undefined;
  const starts = columnStarts(dashes);
  const first = dashesAt + 1;
  let at = first;
  while (isRowLine(lines, at)) at++;
  if (at === first) return undefined;
  let lineCount = at;
  if (isFooter(lines, at)) lineCount = at + 1;
  else if (headless || !(at >= lines.length || isBlank(lines[at]))) return undefined;
  const alignSource = splitColumns(lines[headless ? first : 0] ?? '', starts);
  const align = alignSource.map((piece, index) => alignType([piece.text], dashes.groups[index]?.dashes ?? 0));
  const header = headless ? undefined : headerOrUndefined(rowCells(lines, 0, 1, starts));
  const rows: CellText[][] = [];
  for (let row = first; row < at; row++) rows.push(rowCells(lines, row, row + 1, starts));
  return { kind: 'simple', lineCount, align, widths: undefined, header, rows };
}

function multilineTable(lines: string[], headless: boolean): PandocTableLayout | undefined {
  let at = 0;
  let headerLines: [number, number] | undefined;
  if (!headless) {
    // The opening dashed line, then header lines up to the column dashes.
    if (!dashedLine(lines[0]) || lines.length < 2 || isBlank(lines[1])) return undefined;
    at = 1;
    while (at < lines.length && !isBlank(lines[at]) && !dashedLine(lines[at])) at++;
    if (at === 1) return undefined;
    headerLines = [1, at];
  }
  const dashes = dashedLine(lines[at]);
  if (!dashes) return undefined;
  const starts = columnStarts(dashes);
  const firstRow = at + 1;
  // Rows of one or more lines, separated by blank lines, up to the closing dashed line.
  const rowSpans: Array<[number, number]> = [];
  let line = firstRow;
  for (;;) {
    const start = line;
    while (isRowLine(lines, line)) line++;
    if (line === start) break;
    rowSpans.push([start, line]);
    const afterRow = line;
    while (isBlank(lines[line])) line++;
    if (line === afterRow) break;
  }
  if (rowSpans.length === 0 || !isFooter(lines, line)) return undefined;
  const alignPieces = starts.slice(0, -1).map((_, index) =>
    headerLines
      ? lines.slice(headerLines[0], headerLines[1]).map((text) => splitColumns(text, starts)[index]?.text ?? '')
      : [splitColumns(lines[firstRow] ?? '', starts)[index]?.text ?? ''],
  );
  const align = alignPieces.map((pieces, index) => alignType(pieces, dashes.groups[index]?.dashes ?? 0));
  const header = headerLines ? headerOrUndefined(rowCells(lines, headerLines[0], headerLines[1], starts)) : undefined;
  const rows = rowSpans.map(([from, to]) => rowCells(lines, from, to, starts));
  const widths = widthsFromStarts([...starts.slice(0, -1), (starts.at(-1) ?? 0) + 1]);
  return { kind: 'multiline', lineCount: line + 1, align, widths, header, rows };
}

interface GridLine {
  /** Each part's width with its `+`, and its alignment from the colons. */
  parts: Array<{ width: number; align: ColumnAlign }>;
}

/** `+---+:--:+` (or with `=`): Pandoc's `gridDashedLines`. */
function gridLine(line: string | undefined, char: '-' | '='): GridLine | undefined {
  if (line === undefined || !line.startsWith('+')) return undefined;
  const body = line.trimEnd();
  const part = char === '-' ? /(:?)(-+)(:?)\+/y : /(:?)(=+)(:?)\+/y;
  const parts: GridLine['parts'] = [];
  let at = 1;
  while (at < body.length) {
    part.lastIndex = at;
    const match = part.exec(body);
    if (!match) return undefined;
    const [left, right] = [match[1] === ':', match[3] === ':'];
    parts.push({ width: match[0].length, align: left && right ? 'center' : left ? 'left' : right ? 'right' : null });
    at = part.lastIndex;
  }
  return parts.length > 0 ? { parts } : undefined;
}

function gridTable(lines: string[]): PandocTableLayout | undefined {
  const top = gridLine(lines[0], '-');
  if (!top) return undefined;
  let at = 1;
  while (lines[at]?.startsWith('|') && !gridLine(lines[at], '=')) at++;
  const under = at > 1 ? gridLine(lines[at], '=') : undefined;
  const headless = under === undefined || under.parts.length !== top.parts.length;
  const columns = headless ? top : under;
  const starts = [0];
  for (const part of columns.parts) starts.push((starts.at(-1) ?? 0) + part.width);
  const headerSpan: [number, number] | undefined = headless ? undefined : [1, at];
  let line = headless ? 1 : at + 1;
  const rowSpans: Array<[number, number]> = [];
  for (;;) {
    const start = line;
    while (lines[line]?.startsWith('|') && (lines[line]?.length ?? 0) > 1) line++;
    if (line === start) break;
    rowSpans.push([start, line]);
    if (!gridLine(lines[line], '-')) break;
    line++;
  }
  if (rowSpans.length === 0) return undefined;
  const header = headerSpan ? headerOrUndefined(gridCells(lines, headerSpan, starts, true)) : undefined;
  const rows = rowSpans.map((span) => gridCells(lines, span, starts, false));
  return { kind: 'grid', lineCount: line, align: columns.parts.map((part) => part.align), widths: widthsFromStarts(starts), header, rows };
}

/**
 * A grid row's cells: each column's piece of every line (after the leading `|`, the closing bar
 * and trailing spaces dropped). Body cells keep their lines' indentation less one common leading
 * space, as Pandoc does, so a cell may hold lists and other blocks.
 */
function gridCells(lines: string[], [from, to]: [number, number], starts: number[], header: boolean): CellText[] {
  const pieces: Array<Array<{ text: string; column: number; line: number }>> = starts.slice(0, -1).map(() => []);
  for (let at = from; at < to; at++) {
    const content = (lines[at] ?? '').slice(1).trimEnd();
    for (const [index, piece] of splitColumns(content, starts).entries()) {
      pieces[index]?.push({ text: piece.text.replace(/[|\s]+$/, ''), column: piece.column + 1, line: at });
    }
  }
  return pieces.map((column) => {
    if (header || column.length === 1) return cellFromPieces(column);
    const dropSpace = column.every((piece) => piece.text.startsWith(' ') || piece.text === '');
    const kept = column.map((piece) => (dropSpace ? { ...piece, text: piece.text.slice(1), column: piece.column + 1 } : piece));
    const text = kept.map((piece) => piece.text.trimEnd()).join('\n').replace(/^\n+|\n+$/g, '');
    const first = kept.find((piece) => piece.text.trim() !== '') ?? kept[0];
    const lead = first ? first.text.length - first.text.trimStart().length : 0;
    const single = text.trim() !== '' && !text.trim().includes('\n');
    return { text: single ? text.trim() : text, line: first?.line ?? from, column: (first?.column ?? 0) + lead, verbatim: single };
  });
}
