import type { Paragraph, Parent, Root, RootContent } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { fileLocation } from '../source/file-location.js';
import { parseAttributes, type PandocAttributes } from '../markdown/pandoc-attributes.js';
import type { Figure } from './figure-node.js';

/** A figure id: Quarto's `fig-x`, pandoc-crossref's `fig:x`. */
export const isFigureId = (id: string): boolean => id.startsWith('fig-') || id.startsWith('fig:');

const opening = /^(:{3,})[ \t]*(\{[^\n]*\})[ \t]*$/;
const closing = /^:{3,}[ \t]*$/;

/**
 * Quarto's figure divs, read where remark-directive leaves them as paragraphs (a div without a
 * name is no directive): `::: {#fig-x layout-ncol=2}` … `:::`, the fences told from the source
 * text of a paragraph's first and last lines. Each becomes a figure holding the blocks between the
 * fences, the fence lines themselves taken out of the paragraphs that hold them (Quarto writes the
 * caption right above the closing fence). Only divs with a figure id are read; any other stays as
 * written. Returns the figures made, whose blocks `assembleSubfigures` turns into subfigures.
 */
export function fencedFigureDivs(tree: Root, file: VFile): Set<Figure> {
  const text = String(file.value);
  const made = new Set<Figure>();
  visit(tree, (node) => {
    if (!('children' in node) || node.type === 'paragraph') return;
    const parent = node as Parent;
    for (let index = 0; index < parent.children.length; index++) {
      const opener = parent.children[index];
      const attributes = opener?.type === 'paragraph' ? openingAttributes(opener, text) : undefined;
      if (!opener || !attributes?.id || !isFigureId(attributes.id)) continue;
      const end = closingIndex(parent.children as RootContent[], index, text);
      if (end === undefined) continue;
      const inside = parent.children.slice(index, end + 1) as RootContent[];
      const blocks = inside.flatMap((block, at) => {
        let kept: RootContent | undefined = block;
        if (at === 0) kept = withoutFirstLine(block as Paragraph, file);
        if (kept && at === inside.length - 1) kept = withoutLastLine(kept as Paragraph);
        return kept ? [kept] : [];
      });
      const columns = Number(attributes.attributes['layout-ncol']);
      const figure: Figure = {
        type: 'figure',
        identifier: attributes.id,
        classes: attributes.classes,
        size: { attributes: {}, style: [] },
        columns: Number.isInteger(columns) && columns > 0 ? columns : undefined,
        children: blocks as never,
        position: { start: opener.position!.start, end: parent.children[end]!.position!.end },
      };
      parent.children.splice(index, end - index + 1, figure as never);
      made.add(figure);
    }
  });
  return made;
}

/** The attributes of `::: {…}` when a paragraph's first line is that fence. */
function openingAttributes(paragraph: Paragraph, text: string): PandocAttributes | undefined {
  const start = paragraph.position?.start.offset;
  const end = paragraph.position?.end.offset;
  if (start === undefined || end === undefined) return undefined;
  const line = text.slice(start, end).split('\n')[0] ?? '';
  const match = opening.exec(line);
  return match ? parseAttributes(match[2] ?? '') : undefined;
}

/** The index of the paragraph whose last line closes the div opened at `from`, nested divs counted. */
function closingIndex(siblings: RootContent[], from: number, text: string): number | undefined {
  let depth = 0;
  for (let index = from; index < siblings.length; index++) {
    const node = siblings[index];
    if (node?.type !== 'paragraph' || node.position?.start.offset === undefined || node.position.end.offset === undefined) continue;
    const lines = text.slice(node.position.start.offset, node.position.end.offset).split('\n');
    if (opening.test(lines[0] ?? '')) depth++;
    if (closing.test(lines.at(-1) ?? '') && (index > from || lines.length > 1)) {
      depth--;
      if (depth === 0) return index;
    }
  }
  return undefined;
}

/** The paragraph without its first line (the opening fence), or undefined when nothing else is left. */
function withoutFirstLine(paragraph: Paragraph, file: VFile): Paragraph | undefined {
  const text = String(file.value);
  const start = paragraph.position!.start.offset!;
  const newline = text.indexOf('\n', start);
  if (newline < 0 || newline >= paragraph.position!.end.offset!) return undefined;
  const after = fileLocation(file).toPoint(newline + 1) ?? paragraph.position!.start;
  const children = paragraph.children.flatMap((child) => {
    const from = child.position?.start.offset;
    const to = child.position?.end.offset;
    if (from === undefined || to === undefined || from > newline) return [child];
    if (to <= newline + 1) return [];
    if (child.type !== 'text') return [child];
    return [{ ...child, value: child.value.slice(newline + 1 - from), position: { start: after, end: child.position!.end } }];
  });
  // The paragraph starts after the fence now: read again, it opens nothing.
  return children.length > 0 ? { ...paragraph, children, position: { start: after, end: paragraph.position!.end } } : undefined;
}

/** The paragraph without its last line (the closing fence), or undefined when nothing else is left. */
function withoutLastLine(paragraph: Paragraph): Paragraph | undefined {
  const children = [...paragraph.children];
  const last = children.at(-1);
  if (last?.type !== 'text') return undefined;
  const cut = last.value.lastIndexOf('\n');
  if (cut < 0) {
    children.pop();
  } else {
    children[children.length - 1] = { ...last, value: last.value.slice(0, cut) };
  }
  while (children.at(-1)?.type === 'break' || (children.at(-1)?.type === 'text' && (children.at(-1) as { value: string }).value.trim() === '')) children.pop();
  return children.length > 0 ? { ...paragraph, children } : undefined;
}
