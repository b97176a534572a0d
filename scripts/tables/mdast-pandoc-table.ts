/**
 * The mdast-util-from-markdown extension for `micromark-pandoc-table.ts`: a `pandocTable` token
 * becomes an mdast `table` (with `align`) whose cells are still empty and carry their source text
 * (`data.pandocCell`); the resolve stage parses that text as Markdown (`pandoc-table-cells.ts`).
 */
import type { Table, TableCell, TableRow } from 'mdast';
import type { CompileContext, Extension, Token } from 'mdast-util-from-markdown';
import type { Point, Position } from 'unist';
import { readPandocTable, type CellText, type PandocTableKind } from './pandoc-table-layout.js';

/** A cell's Markdown as written, and where it stands. */
export interface PandocCellSource {
  text: string;
  /** Offset of `text` in the manuscript when it is written there as it is (one line). */
  offset: number | undefined;
  position: Position;
  /** Grid table cells hold blocks; the others one run of words. */
  blocks: boolean;
}

declare module 'mdast' {
  interface TableData {
    /** Set on tables read from Pandoc's simple, multiline and grid syntax. */
    pandocTable?: { kind: PandocTableKind; headerless: boolean; widths: number[] | undefined };
  }
  interface TableCellData {
    pandocCell?: PandocCellSource;
  }
}

interface Collected {
  table: Table;
  indent: number;
  lines: Map<number, { text: string; start: Point }>;
}

declare module 'mdast-util-from-markdown' {
  interface CompileData {
    /** The Pandoc tables being read, innermost last (a grid cell's Markdown is parsed later, so one at a time in practice). */
    pandocTables?: Collected[];
  }
}

export function pandocTableFromMarkdown(): Extension {
  return {
    enter: { pandocTable: enterTable },
    exit: { pandocTable: exitTable, pandocTableLine: exitLine },
  };
}

function stack(context: CompileContext): Collected[] {
  return (context.data.pandocTables ??= []);
}

function enterTable(this: CompileContext, token: Token): undefined {
  const table: Table = { type: 'table', align: [], children: [] };
  stack(this).push({ table, indent: token.pandocIndent ?? 0, lines: new Map() });
  this.enter(table, token);
}

function exitLine(this: CompileContext, token: Token): undefined {
  const current = stack(this).at(-1);
  current?.lines.set(token.start.line, { text: this.sliceSerialize(token, true), start: token.start });
}

function exitTable(this: CompileContext, token: Token): undefined {
  const current = stack(this).pop();
  const node = this.stack.at(-1) as Table;
  this.exit(token);
  if (!current) return;
  const first = token.start.line;
  const count = token.end.line - first + 1;
  const lines: string[] = [];
  // The first line's text starts after the spaces the flow tokenizer took; later lines keep theirs.
  const starts: Array<Point | undefined> = [];
  for (let line = 0; line < count; line++) {
    const found = current.lines.get(first + line);
    const pad = line === 0 ? ' '.repeat(current.indent) : '';
    lines.push(pad + (found?.text ?? ''));
    starts.push(found && { ...found.start, column: found.start.column - pad.length, offset: (found.start.offset ?? 0) - pad.length });
  }
  const layout = readPandocTable(lines);
  if (!layout) return;
  const tabbed = (line: number) => (current.lines.get(first + line)?.text ?? '') !== lines[line]?.slice(line === 0 ? current.indent : 0);
  const cell = (text: CellText): TableCell => {
    const lineStart = starts[text.line];
    const point: Point = {
      line: first + text.line,
      column: (lineStart?.column ?? 1) + text.column,
      offset: lineStart?.offset === undefined ? undefined : lineStart.offset + text.column,
    };
    const exact = text.verbatim && !tabbed(text.line) && point.offset !== undefined;
    const end: Point = exact ? { line: point.line, column: point.column + text.text.length, offset: (point.offset ?? 0) + text.text.length } : point;
    const source: PandocCellSource = { text: text.text, offset: exact ? point.offset : undefined, position: { start: point, end }, blocks: layout.kind === 'grid' };
    return { type: 'tableCell', children: [], position: { start: point, end }, data: { pandocCell: source } };
  };
  const row = (cells: CellText[]): TableRow => ({ type: 'tableRow', children: cells.map(cell) });
  node.align = layout.align;
  node.children = [...(layout.header ? [row(layout.header)] : []), ...layout.rows.map(row)];
  node.data = { ...node.data, pandocTable: { kind: layout.kind, headerless: layout.header === undefined, widths: layout.widths } };
}
