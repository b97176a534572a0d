/**
 * Tables as Pandoc reads them and as we do, summarized the same way for comparison: each table's
 * caption, column alignments, relative widths (rounded), header cells and body rows, every cell
 * and the caption as plain text with white space collapsed.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Nodes, Root, Table } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { resolveTables } from './table-helpers.js';

export interface TableSummary {
  caption: string | null;
  align: Array<'left' | 'right' | 'center' | null>;
  widths: number[] | null;
  header: string[] | null;
  rows: string[][];
}

export const fixtures = new URL('../fixtures/pandoc-tables/', import.meta.url);

/** The corpus: documents separated by `%%% name` lines. */
export function readCases(): Map<string, string> {
  const text = readFileSync(new URL('cases.md', fixtures), 'utf8');
  const cases = new Map<string, string>();
  for (const part of text.split(/^%%% /m).slice(1)) {
    const newline = part.indexOf('\n');
    cases.set(part.slice(0, newline).trim(), part.slice(newline + 1));
  }
  return cases;
}

const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

const blockTypes = new Set(['paragraph', 'list', 'listItem', 'code', 'blockquote', 'heading', 'table']);

/** Plain text with a space between blocks (a grid cell's paragraphs and list items), as Pandoc's summary has. */
function text(node: Nodes): string {
  if (!('children' in node)) return toString(node);
  return (node.children as Nodes[]).map((child) => (blockTypes.has(child.type) ? ` ${text(child)} ` : text(child))).join('');
}
const round = (widths: number[]) => widths.map((width) => Math.round(width * 10000) / 10000);

/** Our reading of a document. */
export function ourTables(markdown: string): TableSummary[] {
  const { tree } = resolveTables(markdown);
  const tables: TableSummary[] = [];
  const walk = (node: Nodes) => {
    if (node.type === 'captionedTable') {
      const [caption, table] = node.children;
      tables.push(summarize(table, collapse(toString(caption))));
      return;
    }
    if (node.type === 'table') {
      tables.push(summarize(node, null));
      return;
    }
    if ('children' in node) for (const child of node.children) walk(child as Nodes);
  };
  walk(tree as Root);
  return tables;
}

function summarize(table: Table, caption: string | null): TableSummary {
  const rows = table.children.map((row) => row.children.map((cell) => collapse(text(cell))));
  const pandoc = table.data?.pandocTable;
  const headerless = pandoc ? pandoc.headerless : false;
  const widths = pandoc?.widths ? round(pandoc.widths) : null;
  return { caption, align: table.align ?? [], widths, header: headerless ? null : (rows[0] ?? null), rows: headerless ? rows : rows.slice(1) };
}

/** `pandoc --version`'s first line, or undefined when Pandoc is not installed. */
export { pandocVersion } from '../helpers/pandoc-oracle.js';

type PandocNode = { t: string; c?: unknown };

/** Pandoc's reading of a document (`pandoc -f markdown -t json`), summarized. */
export function pandocTables(markdown: string): TableSummary[] {
  const json = JSON.parse(execFileSync('pandoc', ['-f', 'markdown-smart', '-t', 'json'], { input: markdown, encoding: 'utf8' })) as { blocks: PandocNode[] };
  const tables: TableSummary[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) walk(item);
      return;
    }
    if (!value || typeof value !== 'object') return;
    const node = value as PandocNode;
    if (node.t === 'Table') {
      tables.push(pandocTable(node.c as unknown[]));
      return;
    }
    walk(node.c);
  };
  walk(json.blocks);
  return tables;
}

const alignments: Record<string, TableSummary['align'][number]> = { AlignLeft: 'left', AlignRight: 'right', AlignCenter: 'center', AlignDefault: null };

function pandocTable([, caption, colSpecs, head, bodies]: unknown[]): TableSummary {
  const captionBlocks = (caption as [unknown, unknown[]])[1];
  // pandoc-crossref, not Pandoc, reads the `{#tbl:x}` at a caption's end: we compare without it.
  const captionText = collapse(plain(captionBlocks)).replace(/\s*\{[^{}]*\}$/, '');
  const specs = colSpecs as Array<[PandocNode, PandocNode]>;
  const widths = specs.map(([, width]) => (width.t === 'ColWidth' ? (width.c as number) : 0));
  const rowText = (row: unknown) => ((row as [unknown, unknown[]])[1] as unknown[][]).map((cell) => collapse(plain(cell[4])));
  const headRows = (head as [unknown, unknown[]])[1];
  const bodyRows = (bodies as unknown[][]).flatMap((body) => [...(body[2] as unknown[]), ...(body[3] as unknown[])]);
  return {
    caption: captionBlocks.length > 0 ? captionText : null,
    align: specs.map(([align]) => alignments[align.t] ?? null),
    widths: widths.some((width) => width > 0) ? round(widths) : null,
    header: headRows.length > 0 ? rowText(headRows[0]) : null,
    rows: bodyRows.map(rowText),
  };
}

/** The text of Pandoc blocks or inlines: words, spaces, code and math as written, a space between blocks. */
function plain(value: unknown): string {
  if (Array.isArray(value)) return value.map(plain).join('');
  if (!value || typeof value !== 'object') return '';
  const node = value as PandocNode;
  switch (node.t) {
    case 'Str':
      return node.c as string;
    case 'Space':
    case 'SoftBreak':
    case 'LineBreak':
      return ' ';
    case 'Code':
    case 'Math':
      return (node.c as [unknown, string])[1];
    case 'Link':
    case 'Image':
      return plain((node.c as unknown[])[1]);
    case 'Cite':
      return plain((node.c as unknown[])[1]);
    case 'Para':
    case 'Plain':
      return ` ${plain(node.c)} `;
    default:
      return plain(node.c);
  }
}
