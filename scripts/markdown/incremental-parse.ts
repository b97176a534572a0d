import type { Root, RootContent } from 'mdast';
import type { Node, Point } from 'unist';
import type { VFile } from 'vfile';
import { location } from 'vfile-location';
import type { MarkdownParser } from './fragments.js';
import { copyTree, equalShifted, noShift, shiftInPlace, type Shift } from '../source/tree-copy.js';

/**
 * Parses a manuscript again after an edit by parsing only the top-level blocks the edit touches,
 * with one unchanged block on either side, and keeping every other block of the last parse (moved
 * by the lines the edit added). A long-lived process (`paper watch`) parses a one-paragraph edit
 * of a 34 kB paper in a few milliseconds instead of thirty.
 *
 * The result always equals a full parse. Markdown is read top to bottom, and a top-level block
 * starts afresh once the line that opens it has closed what was open before. So the text around
 * the edit is parsed alone, and that parse is accepted only when its first and last blocks come
 * out exactly as they were (same nodes, same places, moved by the edit): then the edit neither
 * reached back into the block before nor ran on into the block after (an unclosed fence, a list
 * that swallows the next paragraph, a setext underline). Link and note definitions elsewhere in
 * the paper decide whether `[x]` and `[^1]` are references, so they are declared after the text
 * and dropped again; an edit that adds, removes or renames a definition is parsed in full, since
 * it may change references anywhere. Anything else that does not fit is parsed in full too.
 */
export class IncrementalParser {
  private last: { text: string; tree: Root } | undefined;
  private readonly definitions = new WeakMap<RootContent, string[] | null>();
  /** How each parse was made: in part (around an edit), in full, or not at all (the text is unchanged). */
  readonly counts = { partial: 0, full: 0, unchanged: 0 };

  constructor(private readonly parser: MarkdownParser) {}

  /** The tree of `file`: the caller's own copy, free to change. */
  parse(file: VFile): Root {
    const text = String(file.value);
    const last = this.last;
    let tree: Root | undefined;
    if (last?.text === text) {
      tree = last.tree;
      this.counts.unchanged++;
    } else if (last && (tree = this.reparse(last, text))) {
      this.counts.partial++;
    } else {
      tree = this.parser.parse(text) as Root;
      this.counts.full++;
    }
    this.last = { text, tree };
    return copyTree(tree);
  }

  /** The new tree built from the last one, or undefined when only a full parse will do. */
  private reparse(last: { text: string; tree: Root }, text: string): Root | undefined {
    const blocks = last.tree.children;
    // micromark drops a byte order mark and counts offsets without it (the load stage drops it too).
    if (text.startsWith('\uFEFF') || last.text.startsWith('\uFEFF')) return undefined;
    // Pandoc's example list markers (`@label.` opening a block) turn narrative citations anywhere
    // into plain text, by where they stand: a paper with one is parsed in full.
    if (exampleMarker.test(text) || exampleMarker.test(last.text)) return undefined;
    // Pandoc's simple, multiline and grid tables run over blank lines and are decided by a line far
    // below their first (a closing dashed line): a paper with a line that may open or close one is
    // parsed in full.
    if (mayHavePandocTable(text) || mayHavePandocTable(last.text)) return undefined;
    // A fenced div is decided by its closing fence, however far below (an unclosed one is text),
    // and a closing fence closes the innermost div above it: a paper with one is parsed in full.
    if (fencedDivOpening.test(text) || fencedDivOpening.test(last.text)) return undefined;
    // A raw TeX environment runs over blank lines to its `\end{…}`, which may be far below: a
    // paper with one is parsed in full.
    if (text.includes('\\begin{') || last.text.includes('\\begin{')) return undefined;
    // The last parse read an unclosed front matter: each of its blocks may be misread.
    if (blocks[0]?.type !== 'yaml' && frontMatterFence.test(last.text)) return undefined;
    const edit = changedRange(last.text, text);
    // The first block the edit touches (a block that ends where text is added is touched) and the last.
    let first = blocks.findIndex((block) => endOffset(block) >= edit.start);
    if (first < 0) first = blocks.length;
    let lastTouched = first - 1;
    for (let index = first; index < blocks.length && startOffset(blocks[index]) <= edit.oldEnd; index++) lastTouched = index;
    const before = first > 0 ? blocks[first - 1] : undefined;
    const after = blocks[lastTouched + 1];
    if (!before && !after) return undefined;
    const beforeStart = before?.position?.start;
    const windowStart = beforeStart?.offset === undefined ? 0 : beforeStart.offset - (beforeStart.column - 1);
    // A block that does not start its line (only indentation may come before it) is not split at.
    if (/[^ \t]/.test(last.text.slice(windowStart, beforeStart?.offset ?? 0))) return undefined;
    const delta = text.length - last.text.length;
    const windowEnd = after ? endOffset(after) + delta : text.length;
    if (windowEnd < edit.newEnd || windowStart > edit.start) return undefined;

    const outside = [...blocks.slice(0, Math.max(first - 1, 0)), ...blocks.slice(lastTouched + 2)];
    const inside = blocks.slice(Math.max(first - 1, 0), lastTouched + 2);
    const outsideKeys = this.definitionsIn(outside);
    if (outsideKeys === null) return undefined;
    const declared = unique(outsideKeys);
    const windowText = text.slice(windowStart, windowEnd);
    const parsed = this.parser.parse(windowText + declarations(declared)).children as RootContent[];
    const fresh = parsed.filter((block) => startOffset(block) < windowText.length);
    const stubs = parsed.slice(fresh.length);
    if (fresh.some((block) => endOffset(block) > windowText.length)) return undefined;
    if (stubs.length !== declared.length || stubs.some((stub, index) => definitionKey(stub) !== declared[index])) return undefined;

    const startLine = beforeStart?.line ?? 1;
    const toDocument: Shift = { lines: startLine - 1, offset: windowStart };
    for (const block of fresh) shiftInPlace(block, toDocument);
    const oldKeys = this.definitionsIn(inside);
    const newKeys = this.definitionsIn(fresh);
    if (oldKeys === null || newKeys === null || !sameKeys(oldKeys, newKeys)) return undefined;
    if (before && !equalShifted(before, fresh[0], noShift)) return undefined;
    let moved: Shift = noShift;
    if (after) {
      const reparsed = fresh.at(-1);
      const line = reparsed?.position?.start.line;
      const oldLine = after.position?.start.line;
      if (line === undefined || oldLine === undefined) return undefined;
      moved = { lines: line - oldLine, offset: delta };
      if (!equalShifted(after, reparsed, moved)) return undefined;
    }
    const children = [...blocks.slice(0, Math.max(first - 1, 0)), ...fresh, ...blocks.slice(lastTouched + 2)];
    if (children[0]?.type !== 'yaml' && frontMatterFence.test(text)) return undefined;
    const following = blocks.slice(lastTouched + 2);
    for (const block of following) shiftInPlace(block, moved);
    // vfile-location counts line endings as micromark does (CRLF, CR, LF).
    const end = after ? movedPoint(last.tree.position?.end, moved) : (location(text).toPoint(text.length) as Point);
    return {
      ...last.tree,
      children,
      position: { start: { line: 1, column: 1, offset: 0 }, end },
    };
  }

  /**
   * The keys (`link:label`, `note:label`) of the definitions in a block, remembered per block; null
   * when one stands inside a container directive. Such a definition counts only for references
   * after the directive (micromark reads a directive's content when it closes), so a paper with
   * one is parsed in full.
   */
  private definitionsOf(block: RootContent): string[] | null {
    let keys = this.definitions.get(block);
    if (keys === undefined) {
      keys = definitionKeys(block, false);
      this.definitions.set(block, keys);
    }
    return keys;
  }

  /** The keys of all the blocks' definitions, or null when one of them is order-dependent. */
  private definitionsIn(blocks: RootContent[]): string[] | null {
    const keys: string[] = [];
    for (const block of blocks) {
      const found = this.definitionsOf(block);
      if (found === null) return null;
      keys.push(...found);
    }
    return keys;
  }
}

function definitionKeys(node: Node, inDirective: boolean): string[] | null {
  const key = definitionKey(node);
  if (key) return inDirective ? null : [key];
  if (!('children' in node) || !Array.isArray(node.children)) return [];
  const keys: string[] = [];
  const within = inDirective || node.type === 'containerDirective' || node.type === 'fencedDiv';
  for (const child of node.children as Node[]) {
    const found = definitionKeys(child, within);
    if (found === null) return null;
    keys.push(...found);
  }
  return keys;
}

/** Where two texts differ: from `start` to `oldEnd` in the old one, to `newEnd` in the new one. */
export function changedRange(before: string, after: string): { start: number; oldEnd: number; newEnd: number } {
  const shorter = Math.min(before.length, after.length);
  let start = 0;
  while (start < shorter && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let common = 0;
  while (common < shorter - start && before.charCodeAt(before.length - 1 - common) === after.charCodeAt(after.length - 1 - common)) common++;
  return { start, oldEnd: before.length - common, newEnd: after.length - common };
}

/**
 * The opening fence of front matter. When it is never closed, micromark-extension-frontmatter
 * gives up only at the end of the paper, after the whole paper was read as its concrete content:
 * lists and quotes anywhere below come out as paragraphs
 * (micromark/micromark-extension-frontmatter#5). Such a paper is parsed in full, to read the same,
 * and so is the next one: none of its blocks can be kept.
 */
const frontMatterFence = /^---[ \t]*(?:\r\n|\r|\n)/;

/** A dashed line (a rule, a setext underline, a simple or multiline table's), or a grid table's `+---+` line. */
const tableRule = /^(?: {0,3}-+(?:[ \t]+-+)*[ \t]*|\+[-=:]+\+.*)$/m;

/** Whether the text, after its front matter, has a line that may belong to a Pandoc table. */
function mayHavePandocTable(text: string): boolean {
  let body = text;
  if (frontMatterFence.test(text)) {
    const end = /^(?:---|\.\.\.)[ \t]*$/m.exec(text.slice(4));
    body = end ? text.slice(4 + end.index + end[0].length) : '';
  }
  return tableRule.test(body);
}

/** A line that may open a Pandoc fenced div (`::: {…}`, `::: word`), after any quote or list markers. It errs on the side of matching. */
const fencedDivOpening = /^(?:[ \t]*(?:>|[*+-]|\d{1,9}[.)]))*[ \t]*:{3,}(?:[ \t]*\{|[ \t]+[^\s:])/m;

/**
 * A line that may open a block with an example list marker (see micromark-citation-example.ts):
 * `@label.`, `@label)` or `(@label)` and a blank, after any quote, list or note markers. It errs
 * on the side of matching.
 */
const exampleMarker = /^(?:[ \t]*(?:>|[*+-]|\d{1,9}[.)]|\[\^[^\]\n]*\]:))*[ \t]*\(?@\S*?[.)](?=[ \t]|$)/m;

interface Definition {
  type: string;
  identifier?: string;
  label?: string | null;
}

function definitionKey(node: { type: string }): string | undefined {
  const definition = node as Definition;
  if (definition.type !== 'definition' && definition.type !== 'footnoteDefinition') return undefined;
  // As written: the declaration repeats it, and the parse of the declaration must give it back.
  return `${definition.type === 'definition' ? 'link' : 'note'}:${definition.label ?? definition.identifier ?? ''}`;
}

/** Definitions written after the text, so references to them parse as in the whole paper. */
function declarations(keys: string[]): string {
  if (keys.length === 0) return '';
  const lines = keys.map((key) => {
    const label = key.slice(key.indexOf(':') + 1);
    return key.startsWith('note:') ? `[^${label}]: .` : `[${label}]: #`;
  });
  return `\n\n${lines.join('\n\n')}\n`;
}

function sameKeys(left: string[], right: string[]): boolean {
  const a = new Set(left);
  const b = new Set(right);
  return a.size === b.size && [...a].every((key) => b.has(key));
}

function unique(keys: string[]): string[] {
  return [...new Set(keys)];
}

function startOffset(block: RootContent | undefined): number {
  return block?.position?.start.offset ?? Number.NaN;
}

function endOffset(block: RootContent | undefined): number {
  return block?.position?.end.offset ?? Number.NaN;
}

function movedPoint(point: Point | undefined, shift: Shift): Point {
  if (!point) return { line: 1, column: 1, offset: 0 };
  return { line: point.line + shift.lines, column: point.column, offset: (point.offset ?? 0) + shift.offset };
}
