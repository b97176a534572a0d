import type { BlockContent, PhrasingContent, Root, RootContent } from 'mdast';
import type { Node } from 'unist';
import { visit } from 'unist-util-visit';
import { normalizeIdentifier } from 'micromark-util-normalize-identifier';
import type { VFile } from 'vfile';
import { report } from '../diagnostics/report.js';
import type { Position } from 'unist';
import { fileLocation } from '../source/file-location.js';
import { deepNestingReason, findDeepNesting } from './markdown-nesting.js';

/** What reads Markdown in the paper's dialect: the parse stage's processor, or a memo of it. */
export interface MarkdownParser {
  parse(document: string): Root;
}

/** Where a piece of Markdown from outside the manuscript stands: its file, and its exact offset there when known. */
export interface InlinePlace {
  file: VFile;
  /** Offset in `file` of the text's first character, when the text appears there verbatim. */
  offset: number | undefined;
  /** Fallback position for every node when the offset is unknown (an escaped or folded scalar). */
  position: Position;
}

/** One piece of inline Markdown to parse, and where it stands. */
export interface InlineRequest {
  text: string;
  place: InlinePlace;
}

/** Parses pieces of inline Markdown (citations, footnote calls, emphasis) into phrasing content, all in one go. */
export type InlineParser = (requests: InlineRequest[]) => PhrasingContent[][];

/** Markdown that lives outside the manuscript (a table cell, the abstract), parsed as the manuscript is. */
export interface MarkdownFragments {
  inline(text: string, place: InlinePlace): PhrasingContent[];
  /** Many pieces at once, in one parser run. */
  inlineMany: InlineParser;
  blocks(text: string, place: InlinePlace): BlockContent[];
}

/** Labels of the manuscript's footnote definitions: table cells and the abstract may call them. */
export function footnoteLabels(tree: Root): string[] {
  const labels: string[] = [];
  visit(tree, 'footnoteDefinition', (node) => {
    labels.push(node.label ?? node.identifier);
  });
  return labels;
}

/** Text that a parser would read as the start of a block (a list, heading, quote, code…), not as words. */
const blockStart = /^(?: {0,3}(?:[*+-]|\d{1,9}[.)])(?:[ \t]|$)| {0,3}#{1,6}(?:[ \t]|$)| {0,3}[>|<]| {0,3}(?:```|~~~|::)| {0,3}\[[^\]]*\]:| {4}|\t| {0,3}([*_-])(?:[ \t]*\1){2,}[ \t]*$)/;

/**
 * Parse Markdown that lives outside the manuscript (a table cell, the abstract) with the same
 * dialect. GFM turns `[^8]` into a footnote call only when note 8 is defined in the same document,
 * so the manuscript's definitions are declared after the fragments and dropped again. Inline text
 * that would read as a block ("- item", "1. item", "# x") gets its first character escaped, so it
 * stays words. Positions are moved to where the text stands in its own file, or to the field's
 * place when it is not verbatim there.
 *
 * `inlineMany` parses many fragments (all the cells of a table) as one document, one paragraph
 * each: one parser run instead of one a cell. Each parse is the caller's own tree to change: a
 * parser that remembers its results must hand out copies.
 */
export function createFragmentParser(parser: MarkdownParser, labels: string[]): MarkdownFragments {
  const defined = new Map(labels.map((label) => [normalizeIdentifier(label), label]));
  // Only the notes the fragment may call are declared: declaring all of them in every fragment
  // made a paper with hundreds of notes and tables quadratic.
  const withDefinitions = (document: string) => {
    if (defined.size === 0 || !document.includes('[^')) return document;
    const called = new Set<string>();
    for (const match of document.matchAll(/\[\^([^\]]+)\]/g)) {
      const label = defined.get(normalizeIdentifier(match[1] ?? ''));
      if (label !== undefined) called.add(label);
    }
    return called.size === 0 ? document : `${document}\n\n${[...called].map((label) => `[^${label}]: .`).join('\n\n')}\n`;
  };
  const parse = (document: string): Root => parser.parse(document);

  const blocks = (text: string, place: InlinePlace): BlockContent[] => {
    if (refused(text, place)) return [];
    const tree = parse(withDefinitions(text));
    const children = tree.children.filter((node) => (node.position?.start.offset ?? 0) < text.length);
    relocate(children, { index: 0, start: 0, length: text.length, escaped: undefined }, place);
    return children as BlockContent[];
  };

  const inlineMany = (requests: InlineRequest[]): PhrasingContent[][] => {
    // Each fragment is one line of words; anything else is parsed on its own, as blocks.
    const batchable = requests.map((request) => !request.text.includes('\n') && request.text.trim() !== '' && !refused(request.text, request.place));
    const segments: Segment[] = [];
    let document = '';
    for (const [index, request] of requests.entries()) {
      if (!batchable[index]) continue;
      if (document) document += '\n\n';
      const escaped = blockStart.test(request.text) ? escapeAt(request.text) : undefined;
      const text = escaped === undefined ? request.text : `${request.text.slice(0, escaped)}\\${request.text.slice(escaped)}`;
      segments.push({ index, start: document.length, length: text.length, escaped });
      document += text;
    }
    const results: PhrasingContent[][] = requests.map(() => []);
    if (segments.length > 0) {
      const paragraphs = new Map(parse(withDefinitions(document)).children.map((node) => [node.position?.start.offset, node]));
      for (const segment of segments) {
        const paragraph = paragraphs.get(segment.start);
        const request = requests[segment.index];
        if (!request || paragraph?.type !== 'paragraph') continue;
        relocate(paragraph.children, segment, request.place);
        results[segment.index] = paragraph.children;
      }
    }
    for (const [index, request] of requests.entries()) {
      if (batchable[index] || (!request.text.includes('\n') && request.text.trim() !== '')) continue;
      results[index] = paragraphsToPhrasing(blocks(request.text, request.place));
    }
    return results;
  };

  return {
    blocks,
    inlineMany,
    inline: (text, place) => inlineMany([{ text, place }])[0] ?? [],
  };
}

/** Text too deeply nested or too full of marks to parse in bounded time: reported where it stands, and left out. */
function refused(text: string, place: InlinePlace): boolean {
  const found = findDeepNesting(text);
  if (!found) return false;
  const at = place.offset === undefined ? undefined : fileLocation(place.file).toPoint(place.offset + found.offset);
  report(place.file, 'markdown-nesting', deepNestingReason(found), at ?? place.position);
  return true;
}

/** Where a `\` keeps text from starting a block: before its first mark, or an ordered list's `.`. */
function escapeAt(text: string): number {
  const ordered = /^ {0,3}\d{1,9}(?=[.)])/.exec(text);
  return ordered ? ordered[0].length : text.search(/\S/);
}

/** Several paragraphs become one run of words with line breaks between them. */
function paragraphsToPhrasing(nodes: RootContent[]): PhrasingContent[] {
  const phrasing: PhrasingContent[] = [];
  for (const node of nodes) {
    if (node.type !== 'paragraph') continue;
    if (phrasing.length > 0) phrasing.push({ type: 'break' });
    phrasing.push(...node.children);
  }
  return phrasing;
}

interface Segment {
  /** Which request the segment holds. */
  index: number;
  /** Offset of the fragment in the parsed document, and its length there. */
  start: number;
  length: number;
  /** Offset in the fragment where a `\` was inserted to keep it from reading as a block. */
  escaped: number | undefined;
}

/** Move the positions of nodes parsed from `segment` of a document to their place in their own file. */
function relocate(nodes: Node[], segment: Segment, place: InlinePlace): void {
  const points = place.offset === undefined ? undefined : fileLocation(place.file);
  const toFile = (offset: number | undefined) => {
    if (points === undefined || place.offset === undefined || offset === undefined) return undefined;
    let inFragment = offset - segment.start;
    if (inFragment < 0 || inFragment > segment.length) return undefined;
    if (segment.escaped !== undefined && inFragment > segment.escaped) inFragment -= 1;
    return points.toPoint(place.offset + inFragment);
  };
  const move = (item: { position?: Node['position'] }) => {
    if (!item.position) return;
    const from = toFile(item.position.start.offset);
    const to = toFile(item.position.end.offset);
    item.position = from && to ? { start: from, end: to } : place.position;
  };
  for (const root of nodes) {
    visit(root, (node) => {
      move(node);
      // Citation items keep their own positions (and prefix and suffix content) beside `children`.
      if ('items' in node && Array.isArray(node.items)) {
        for (const item of node.items as Array<{ position?: Node['position']; prefix?: Node[]; suffix?: Node[] }>) {
          move(item);
          for (const inner of [...(item.prefix ?? []), ...(item.suffix ?? [])]) visit(inner, move);
        }
      }
    });
  }
}
