/**
 * Character classes and positions for the BibTeX scanner. The classes follow citation-js's lexer
 * (`@citation-js/plugin-bibtex`), because the entries we accept are later handed to it: whatever we
 * call valid must lex the same way there.
 */
import type { Point } from 'unist';

/** The characters JavaScript's `\s` matches, which citation-js skips between tokens. */
export function isSpace(code: number): boolean {
  return (
    code === 32 ||
    (code >= 9 && code <= 13) ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/** `\n` or `\r`: the line ends vfile-location counts (`\r\n` is one line end). */
export function isLineEnd(code: number): boolean {
  return code === 10 || code === 13;
}

/** Where a `%` comment stops: what `.` does not match in citation-js's `%.*`. */
export function isCommentEnd(code: number): boolean {
  return code === 10 || code === 13 || code === 0x2028 || code === 0x2029;
}

export function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** `[a-zA-Z_]`: how an entry type, field name or macro name starts (citation-js's `identifier`). */
export function isNameStart(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
}

/** `[a-zA-Z0-9_:+-]`: the rest of a name. */
export function isNameChar(code: number): boolean {
  return isNameStart(code) || isDigit(code) || code === 58 || code === 43 || code === 45;
}

const notInKey = new Set(Array.from(',{}()="#%\'~', (character) => character.charCodeAt(0)));

/** BibTeX's key characters: anything but whitespace and `,{}()="#%'~`. */
export function isKeyChar(code: number): boolean {
  return !isSpace(code) && !notInKey.has(code);
}

/** Offset after the run of name characters that starts at `offset`. */
export function nameEnd(text: string, offset: number): number {
  let index = offset;
  while (index < text.length && isNameChar(text.charCodeAt(index))) index++;
  return index;
}

/** Whether only whitespace stands before `offset` on its line (a BOM counts as whitespace). */
export function isLineInitial(text: string, offset: number): boolean {
  for (let index = offset - 1; index >= 0; index--) {
    const code = text.charCodeAt(index);
    if (isLineEnd(code)) return true;
    if (!isSpace(code)) return false;
  }
  return true;
}

/** Offset of the first line-initial `@` at or after `from`, or `text.length` when there is none. */
export function nextLineInitialAt(text: string, from: number): number {
  let index = text.indexOf('@', from);
  while (index !== -1 && !isLineInitial(text, index)) index = text.indexOf('@', index + 1);
  return index === -1 ? text.length : index;
}

/** Whether the `@` at `offset` is followed by `type{` or `type(`, whitespace allowed around the type. */
export function looksLikeEntry(text: string, offset: number): boolean {
  let index = offset + 1;
  while (index < text.length && isSpace(text.charCodeAt(index))) index++;
  if (!isNameStart(text.charCodeAt(index))) return false;
  index = nameEnd(text, index);
  while (index < text.length && isSpace(text.charCodeAt(index))) index++;
  const code = text.charCodeAt(index);
  return code === 123 || code === 40;
}

export type PointAt = (offset: number) => Point;

/**
 * Index the line starts of `text` once, then turn offsets into points by binary search. Lines end
 * at `\n`, `\r\n` or `\r`, and columns count UTF-16 code units from 1, as vfile-location does. A
 * leading BOM takes no column (editors do not show it, and remark drops it), but offsets stay those
 * of `text` as given: after a BOM, the first `@` is at line 1, column 1, offset 1.
 */
export function createPointAt(text: string): PointAt {
  const starts: number[] = [text.charCodeAt(0) === 0xfeff ? 1 : 0];
  let cr = text.indexOf('\r');
  let lf = text.indexOf('\n');
  while (cr !== -1 || lf !== -1) {
    const end = cr === -1 || (lf !== -1 && lf < cr) ? lf : cr + 1 === lf ? lf : cr;
    starts.push(end + 1);
    if (cr !== -1 && cr <= end) cr = text.indexOf('\r', end + 1);
    if (lf !== -1 && lf <= end) lf = text.indexOf('\n', end + 1);
  }
  // The scan asks for points mostly in order: gallop forward from the last line, then bisect.
  let last = 0;
  return function pointAt(offset) {
    let low = 0;
    let high = starts.length - 1;
    if ((starts[last] ?? 0) <= offset) {
      low = last;
      let step = 1;
      while (low + step <= high && (starts[low + step] ?? 0) <= offset) {
        low += step;
        step *= 2;
      }
      high = Math.min(low + step - 1, high);
    }
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((starts[middle] ?? 0) <= offset) low = middle;
      else high = middle - 1;
    }
    last = low;
    return { line: low + 1, column: Math.max(offset - (starts[low] ?? 0) + 1, 1), offset };
  };
}

/**
 * Collapse each run of whitespace (newlines too) to one space and trim, as BibTeX stores a value.
 * Returns `value` itself when nothing changes; never a regex over the whole value.
 */
export function collapseWhitespace(value: string): string {
  const chunks: string[] = [];
  let kept = 0;
  let index = 0;
  while (index < value.length) {
    const code = value.charCodeAt(index);
    if (!isSpace(code)) {
      index++;
      continue;
    }
    let end = index + 1;
    while (end < value.length && isSpace(value.charCodeAt(end))) end++;
    const inner = index > 0 && end < value.length;
    if (!(inner && code === 32 && end === index + 1)) {
      chunks.push(value.slice(kept, index));
      if (inner) chunks.push(' ');
      kept = end;
    }
    index = end;
  }
  if (kept === 0) return value;
  chunks.push(value.slice(kept));
  return chunks.join('');
}
