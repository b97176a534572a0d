import type { Parent, RootContent } from 'mdast';
import type { Point } from 'unist';
import type { VFile } from 'vfile';

/**
 * Pandoc's attributes (`{#id .class key=value key="a value"}`), as written after headings, images,
 * display math, table captions and code fences. One reader for all of them, so `{#fig:x width=50%}`
 * means the same wherever it stands.
 */
export interface PandocAttributes {
  id?: string;
  classes: string[];
  /** Key-value pairs in the order written; a later repeat of a key wins. */
  attributes: Record<string, string>;
}

/**
 * The attributes of a block `{…}` (the braces included), or undefined when the text is not one
 * whole attribute block. `-` is Pandoc's shorthand for `.unnumbered`.
 */
export function parseAttributes(block: string): PandocAttributes | undefined {
  const trimmed = block.trim();
  if (!trimmed.startsWith('{') || !trimmed.endsWith('}')) return undefined;
  const inner = trimmed.slice(1, -1);
  const result: PandocAttributes = { classes: [], attributes: {} };
  let at = 0;
  while (at < inner.length) {
    const char = inner[at] ?? '';
    if (/\s/.test(char)) {
      at++;
      continue;
    }
    if (char === '#' || char === '.') {
      const end = wordEnd(inner, at + 1);
      const name = inner.slice(at + 1, end);
      if (!name) return undefined;
      if (char === '#') result.id = name;
      else result.classes.push(name);
      at = end;
    } else if (char === '-' && (at + 1 === inner.length || /\s/.test(inner[at + 1] ?? ''))) {
      result.classes.push('unnumbered');
      at++;
    } else {
      const equals = inner.indexOf('=', at);
      const key = equals < 0 ? '' : inner.slice(at, equals);
      if (!/^[\p{L}\p{N}_:.-]+$/u.test(key)) return undefined;
      const value = readValue(inner, equals + 1);
      if (!value) return undefined;
      result.attributes[key] = value.value;
      at = value.end;
    }
  }
  return result;
}

/** Where an `#id` or `.class` ends: at white space or the end. */
function wordEnd(text: string, from: number): number {
  let end = from;
  while (end < text.length && !/[\s{}]/.test(text[end] ?? '')) end++;
  return end;
}

/** A value: `"quoted, with \" escapes"`, `'single quoted'`, or a run without white space. */
function readValue(text: string, from: number): { value: string; end: number } | undefined {
  const quote = text[from];
  if (quote === '"' || quote === "'") {
    let value = '';
    for (let at = from + 1; at < text.length; at++) {
      const char = text[at] ?? '';
      if (char === '\\' && at + 1 < text.length) value += text[++at];
      else if (char === quote) return { value, end: at + 1 };
      else value += char;
    }
    return undefined;
  }
  const end = wordEnd(text, from);
  return { value: text.slice(from, end), end };
}

/**
 * The length of the attribute block at the start of `text` (from `{` to its `}`, quotes
 * respected), or 0 when `text` does not start with one.
 */
export function attributeBlockLength(text: string): number {
  if (!text.startsWith('{')) return 0;
  let quote: string | undefined;
  for (let at = 1; at < text.length; at++) {
    const char = text[at];
    if (char === '\n' && text[at + 1] === '\n') return 0;
    if (quote) {
      if (char === '\\') at++;
      else if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") {
      quote = char;
    } else if (char === '{') {
      return 0;
    } else if (char === '}') {
      return at + 1;
    }
  }
  return 0;
}

export interface TrailingAttributes extends PandocAttributes {
  /** Offsets of the block `{…}` in the file's text. */
  start: number;
  end: number;
}

/**
 * The attribute block written right after `parent.children[index]` in the source (`![x](a.png){#fig:a}`,
 * `$$…$$ {#eq:b}`), read from the file's text, so that whatever the parser made of it (text, a
 * `:name` directive, a citation) does not matter; the nodes it became are removed from the
 * parent. With `spaced`, spaces and tabs may stand between the node and the block (Pandoc allows
 * them after display math, not after an image). Undefined when there is none, or the node has no
 * place in `file`.
 */
export function takeTrailingAttributes(parent: Parent, index: number, file: VFile, spaced = false): TrailingAttributes | undefined {
  const node = parent.children[index];
  const after = node?.position?.end.offset;
  if (after === undefined) return undefined;
  const text = String(file.value);
  let start = after;
  if (spaced) while (text[start] === ' ' || text[start] === '\t') start++;
  const length = attributeBlockLength(text.slice(start, start + 2000));
  if (length === 0) return undefined;
  const attributes = parseAttributes(text.slice(start, start + length));
  if (!attributes) return undefined;
  const end = start + length;
  cutSource(parent, after, end, text);
  return { ...attributes, start, end };
}

/**
 * The attribute block that ends a node's inline content (`# Title {#sec:x}`, `: Caption {#tbl:x}`),
 * read from the file's text; the content it became is removed. A space must stand before it, as
 * Pandoc asks, unless it is all the content.
 */
export function takeClosingAttributes(parent: Parent, file: VFile): TrailingAttributes | undefined {
  const first = parent.children[0]?.position?.start.offset;
  const last = parent.children.at(-1)?.position?.end.offset;
  if (first === undefined || last === undefined) return undefined;
  const text = String(file.value);
  const content = text.slice(first, last).replace(/[ \t]+$/, '');
  for (let at = content.lastIndexOf('{'); at >= 0; at = content.lastIndexOf('{', at - 1)) {
    if (attributeBlockLength(content.slice(at)) !== content.length - at) continue;
    if (at > 0 && !/[ \t]/.test(content[at - 1] ?? '')) return undefined;
    const attributes = parseAttributes(content.slice(at));
    if (!attributes) return undefined;
    let start = first + at;
    while (start > first && /[ \t]/.test(text[start - 1] ?? '')) start--;
    cutSource(parent, start, last, text);
    return { ...attributes, start: first + at, end: first + content.length };
  }
  return undefined;
}

/** Remove from `parent`'s children whatever was written in `[start, end)` of `text`, cutting text nodes at the edges. */
function cutSource(parent: Parent, start: number, end: number, text: string): void {
  const kept: RootContent[] = [];
  for (const child of parent.children as RootContent[]) {
    const place = child.position;
    const from = place?.start.offset;
    const to = place?.end.offset;
    if (!place || from === undefined || to === undefined || to <= start || from >= end) {
      kept.push(child);
      continue;
    }
    if (from >= start && to <= end) continue;
    if (child.type !== 'text' || !(text.slice(from, to) === child.value || firstLineAsWritten(child.value, text, from, end))) {
      kept.push(child);
      continue;
    }
    // Written as it reads (no escapes), so source offsets are offsets in its value: in all of it,
    // or up to the cut's end on its first line (a list item's later lines lose their indent).
    const head = child.value.slice(0, Math.max(0, start - from));
    const tail = child.value.slice(Math.max(0, end - from));
    if (head) kept.push({ ...child, value: head, position: { start: place.start, end: shift(place.start, head.length) } });
    if (tail) kept.push({ ...child, value: tail, position: { start: shift(place.start, end - from), end: place.end } });
  }
  parent.children = kept as Parent['children'];
}

/** Whether `value` starts with the source from `from` to `end`, one line written as it reads. */
function firstLineAsWritten(value: string, text: string, from: number, end: number): boolean {
  const written = text.slice(from, end);
  return !written.includes('\n') && value.startsWith(written);
}

/** A point `length` characters further on the same line. */
function shift(point: Point, length: number): Point {
  return { line: point.line, column: point.column + length, offset: (point.offset ?? 0) + length };
}
