import type { Parent, RootContent } from 'mdast';
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
  removeSource(parent, index + 1, after, end, text);
  return { ...attributes, start, end };
}

/** Remove from `parent.children[from…]` whatever was written in `[start, end)` of `text`. */
function removeSource(parent: Parent, from: number, start: number, end: number, text: string): void {
  while (from < parent.children.length) {
    const sibling = parent.children[from] as RootContent;
    const place = sibling.position;
    if (place?.start.offset === undefined || place.end.offset === undefined || place.start.offset >= end) return;
    if (place.end.offset <= end) {
      parent.children.splice(from, 1);
      continue;
    }
    if (sibling.type !== 'text') return;
    // A text node that runs on past the block: keep what follows it.
    const written = text.slice(place.start.offset, end);
    const cut = sibling.value.startsWith(written) ? written.length : Math.max(0, sibling.value.indexOf('}') + 1);
    sibling.value = sibling.value.slice(cut);
    const column = place.start.column + (end - place.start.offset);
    sibling.position = { start: { line: place.start.line, column, offset: end }, end: place.end };
    if (start !== end && sibling.value === '') parent.children.splice(from, 1);
    return;
  }
}
