import type { Paragraph, Parent, PhrasingContent, Root, RootContent, Table, TableCell, TableRow, Text } from 'mdast';
import type { Position } from 'unist';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { takeTrailingAttributes, attributeBlockLength, parseAttributes, type PandocAttributes } from '../markdown/pandoc-attributes.js';
import { takeTexLabel } from '../markdown/tex-labels.js';
import type { TableCaption } from './period-table-node.js';

/**
 * A table with its caption (Pandoc's `table_captions`): a paragraph `Table: …` or `: …` standing
 * directly before or after a pipe, simple, multiline or grid table. The caption's last `{…}`
 * gives the table's id and classes; an id `tbl-…` (Quarto) or `tbl:…` (pandoc-crossref) numbers it, and so
 * does a LaTeX `\label{x}` in the caption, which names it when no `{#id}` does.
 */
export interface CaptionedTable extends Parent {
  type: 'captionedTable';
  /** The id written in the caption's attributes, if any. */
  identifier: string | undefined;
  classes: string[];
  /** The id came from a LaTeX `\label{x}` in the caption: numbered whatever its prefix, as LaTeX numbers every captioned table. */
  texLabel?: boolean;
  /** `1`, `2`, … for a numbered table (in one series with table groups and period tables); empty otherwise. */
  label: string;
  children: [TableCaption, Table];
  position?: Position | undefined;
}

declare module 'mdast' {
  interface RootContentMap {
    captionedTable: CaptionedTable;
  }
  interface BlockContentMap {
    captionedTable: CaptionedTable;
  }
}

/** Ids that ask for a number: Quarto's `tbl-` and pandoc-crossref's `tbl:`. */
export const isNumberedTableId = (id: string | undefined): id is string => id !== undefined && /^tbl[-:]./.test(id);

/** `Table:`/`table:`, or `:` not followed by punctuation (so `::: div` and `:::` are not captions). */
const captionMarker = /^[ \t]{0,3}(?:[Tt]able:|:(?![\p{P}\p{S}]))[ \t]*/u;

/**
 * Join every table with its caption paragraph, as Pandoc 2.17 does, tables in document order: the
 * paragraph just before the table, else the one just after it (a blank line between or not). A
 * paragraph taken as the caption after one table is not also the caption before the next. A pipe
 * table's caption written on the line right after its rows was read by GFM as one more row: that
 * row is taken as the caption instead.
 */
export function tableCaptionsTransform(tree: Root, file: VFile): void {
  const text = String(file.value);
  visit(tree, (node) => {
    if (!('children' in node) || node.type === 'table') return undefined;
    const children = (node as Parent).children as RootContent[];
    for (let at = 0; at < children.length; at++) {
      const table = children[at];
      if (table?.type !== 'table') continue;
      const before = children[at - 1];
      const after = children[at + 1];
      let caption: TableCaptionRead | undefined;
      let removeAt: number | undefined;
      if (before?.type === 'paragraph' && isCaption(before, text)) {
        caption = readCaption(children as Parent['children'], at - 1, file);
        removeAt = at - 1;
      } else if (!table.data?.pandocTable && lastRowCaption(table, text)) {
        caption = readRowCaption(table, file);
      } else if (after?.type === 'paragraph' && isCaption(after, text)) {
        caption = readCaption(children as Parent['children'], at + 1, file);
        removeAt = at + 1;
      }
      if (!caption) continue;
      const position = joinPositions(table.position, caption.position);
      // `Table: Results. \label{tab:res}`, from LaTeX: the label is the id unless `{#id}` names one.
      const texLabel = takeTexLabel(caption.children);
      const captioned: CaptionedTable = {
        type: 'captionedTable',
        identifier: caption.attributes.id ?? texLabel,
        classes: caption.attributes.classes,
        ...(caption.attributes.id === undefined && texLabel !== undefined ? { texLabel: true } : {}),
        label: '',
        children: [{ type: 'tableCaption', children: caption.children }, table],
        position,
      };
      children[at] = captioned;
      if (removeAt !== undefined) {
        children.splice(removeAt, 1);
        if (removeAt < at) at -= 1;
      }
    }
    return node.type === 'captionedTable' ? SKIP : undefined;
  });
}

/** Give a captioned table with a `tbl` id its number, and make it a cross-reference target. */
export function numberCaptionedTable(node: CaptionedTable, label: string): void {
  node.label = label;
  if (node.identifier) node.data = { ...node.data, crossrefTarget: { id: node.identifier, kind: 'table', label } };
}

/** Whether a captioned table takes a number in the series of tables. */
export const takesTableNumber = (node: CaptionedTable) => node.texLabel === true || isNumberedTableId(node.identifier);

interface TableCaptionRead {
  children: PhrasingContent[];
  attributes: PandocAttributes;
  position: Position | undefined;
}

function sourceOf(node: { position?: Position | undefined }, text: string): string | undefined {
  const [start, end] = [node.position?.start.offset, node.position?.end.offset];
  return start === undefined || end === undefined ? undefined : text.slice(start, end);
}

function isCaption(paragraph: Paragraph, text: string): boolean {
  const source = sourceOf(paragraph, text);
  return source !== undefined && captionMarker.test(source) && paragraph.children[0]?.type === 'text';
}

/** The last row of a pipe table, when its line is a caption (`: …` or `Table: …`) written right after the rows. */
function lastRowCaption(table: Table, text: string): boolean {
  const row = table.children.at(-1);
  if (!row || table.children.length < 2 || row.children.length !== 1) return false;
  const source = sourceOf(row, text);
  return source !== undefined && captionMarker.test(source) && !source.trimStart().startsWith('|');
}

function readCaption(children: Parent['children'], index: number, file: VFile): TableCaptionRead {
  const paragraph = children[index] as Paragraph;
  const attributes = takeCaptionAttributes(paragraph, file);
  stripMarker(paragraph.children);
  return { children: paragraph.children, attributes, position: paragraph.position };
}

function readRowCaption(table: Table, file: VFile): TableCaptionRead {
  const row = table.children.pop() as TableRow;
  const cell = row.children[0] as TableCell;
  const attributes = takeCaptionAttributes(cell, file);
  stripMarker(cell.children);
  const last = table.children.at(-1);
  if (table.position && last?.position) table.position = { start: table.position.start, end: last.position.end };
  return { children: cell.children, attributes, position: row.position };
}

/** Drop `Table:` or `:` from the caption's first words. */
function stripMarker(children: PhrasingContent[]): void {
  const first = children[0];
  if (first?.type !== 'text') return;
  const marker = captionMarker.exec(first.value.replace(/^[ \t]+/, ''));
  const value = first.value.replace(/^[ \t]+/, '').slice(marker?.[0].length ?? 0);
  if (value === '') children.shift();
  else first.value = value;
}

/**
 * The caption's last `{…}`, when nothing but white space follows it: read from the source with
 * `parseAttributes`, and its nodes removed with `takeTrailingAttributes` (the text node the block
 * starts in is cut at the `{` first, so the block follows a node of its own).
 */
function takeCaptionAttributes(container: Paragraph | TableCell, file: VFile): PandocAttributes {
  const none: PandocAttributes = { classes: [], attributes: {} };
  const text = String(file.value);
  const source = sourceOf(container, text);
  const start = container.position?.start.offset;
  if (source === undefined || start === undefined) return none;
  const trimmed = source.replace(/[ \t]*\|?[ \t]*$/, '');
  let brace = trimmed.lastIndexOf('{');
  while (brace >= 0 && attributeBlockLength(trimmed.slice(brace)) !== trimmed.length - brace) brace = trimmed.lastIndexOf('{', brace - 1);
  if (brace < 0 || !parseAttributes(trimmed.slice(brace))) return none;
  const offset = start + brace;
  const children = container.children;
  const spanning = children.findIndex((child) => (child.position?.start.offset ?? Infinity) <= offset && offset < (child.position?.end.offset ?? -Infinity));
  const node = children[spanning];
  if (!node || node.type !== 'text' || !node.position) return none;
  const cut = offset - (node.position.start.offset ?? 0);
  if (node.value.slice(cut, cut + 1) !== '{') return none;
  const head: Text = { type: 'text', value: node.value.slice(0, cut), position: { start: node.position.start, end: { line: node.position.start.line, column: node.position.start.column + cut, offset } } };
  const tail: Text = { type: 'text', value: node.value.slice(cut), position: { start: head.position!.end, end: node.position.end } };
  children.splice(spanning, 1, head, tail);
  const attributes = takeTrailingAttributes(container, spanning, file);
  if (!attributes) {
    children.splice(spanning, 2, node);
    return none;
  }
  // `[]{#tbl:x}`: the empty span the thesis template writes, so that LaTeX ignores the label.
  head.value = head.value.replace(/[ \t]*(?:\[\])?[ \t]*$/, '');
  if (head.value === '') children.splice(spanning, 1);
  const last = children.at(-1);
  if (last?.type === 'text') last.value = last.value.replace(/[ \t]+$/, '');
  return attributes;
}

function joinPositions(a: Position | undefined, b: Position | undefined): Position | undefined {
  if (!a || !b) return a ?? b;
  const first = (a.start.offset ?? 0) <= (b.start.offset ?? 0) ? a.start : b.start;
  const last = (a.end.offset ?? 0) >= (b.end.offset ?? 0) ? a.end : b.end;
  return { start: first, end: last };
}
