/**
 * The scanner state and the readers shared by all entry kinds: whitespace and comments between
 * tokens, names, and field values. A reader advances `pos`, or records a `failure` and returns
 * `undefined`; nothing throws, and nothing recurses on the nesting depth of braces.
 */
import type { Point, Position } from 'unist';
import {
  collapseWhitespace,
  isCommentEnd,
  isDigit,
  isLineEnd,
  isLineInitial,
  isNameStart,
  isSpace,
  nameEnd,
} from './bibtex-text.js';

/** The line and column of an offset in the text being scanned. */
export type PointAt = (offset: number) => Point;

export interface Failure {
  reason: string;
  start: number;
  end: number;
  /** How far the scan got: the next entry is searched from here. */
  resume: number;
}

export interface Reader {
  readonly text: string;
  readonly pointAt: PointAt;
  /** `@string` macros defined so far, by lower-cased name. */
  readonly strings: Map<string, string>;
  pos: number;
  /** Offset of the current entry's `@`. */
  entryStart: number;
  /** How messages name the current entry: its key once read, `@type` before. */
  entryLabel: string;
  failure: Failure | undefined;
}

/** What a value belongs to, for messages: `name` is `undefined` for `@preamble`. */
export interface ValueOwner {
  name: string | undefined;
  /** `` `title` in entry `x` ``, completing "the value of …" and "a value for …". */
  subject: string;
}

export interface Value {
  value: string;
  start: number;
  end: number;
}

/**
 * The predefined month macros, as BibTeX's standard styles (plain.bst and the rest) define them:
 * `jan` is `January`. (biblatex defines them as the numbers `1`..`12`, citation-js as `01`..`12`;
 * the English names keep `jan # "~15"` readable in our own checks, and citation-js reads the source
 * text, not these values.) An `@string` of the same name overrides them.
 */
export const monthMacros: ReadonlyMap<string, string> = new Map([
  ['jan', 'January'],
  ['feb', 'February'],
  ['mar', 'March'],
  ['apr', 'April'],
  ['may', 'May'],
  ['jun', 'June'],
  ['jul', 'July'],
  ['aug', 'August'],
  ['sep', 'September'],
  ['oct', 'October'],
  ['nov', 'November'],
  ['dec', 'December'],
]);

export function span(reader: Reader, start: number, end: number): Position {
  return { start: reader.pointAt(start), end: reader.pointAt(end) };
}

export function fail(reader: Reader, reason: string, start: number, end = start): undefined {
  reader.failure = { reason, start, end, resume: Math.max(reader.pos, end) };
  return undefined;
}

/** The entry reaches the end of the file, or the line-initial `@` at `at`, unclosed. */
function failNotClosed(reader: Reader, at: number, open?: ValueOwner): undefined {
  const before = at >= reader.text.length ? 'the end of the file' : 'the next entry';
  const still =
    open === undefined ? '' : open.name === undefined ? '; its value is still open' : `; the value of \`${open.name}\` is still open`;
  return fail(reader, `Entry \`${reader.entryLabel}\` is not closed before ${before}${still}`, reader.entryStart, at);
}

/** Skip whitespace and `%` line comments, which biber and citation-js allow between tokens. */
export function skipTrivia(reader: Reader): void {
  const { text } = reader;
  let index = reader.pos;
  while (index < text.length) {
    const code = text.charCodeAt(index);
    if (code === 37) {
      while (index < text.length && !isCommentEnd(text.charCodeAt(index))) index++;
    } else if (isSpace(code)) index++;
    else break;
  }
  reader.pos = index;
}

/** Skip to the next token; fail when the entry ends unclosed (end of file or a line-initial `@`). */
export function toToken(reader: Reader): boolean {
  skipTrivia(reader);
  const { text, pos } = reader;
  if (pos < text.length && !(text.charCodeAt(pos) === 64 && isLineInitial(text, pos))) return true;
  failNotClosed(reader, pos);
  return false;
}

/** Read the name at `pos` (the caller checked `isNameStart`), as written. */
export function readName(reader: Reader): string {
  const start = reader.pos;
  reader.pos = nameEnd(reader.text, start);
  return reader.text.slice(start, reader.pos);
}

/**
 * Read a value at `pos`: `{…}`, `"…"`, a number or a macro, or several joined by `#`. Returns the
 * concatenation with macros expanded and whitespace runs collapsed to one space and trimmed (as
 * BibTeX stores values), and leaves `pos` at the token after the value.
 */
export function readValue(reader: Reader, owner: ValueOwner): Value | undefined {
  const start = reader.pos;
  const parts: string[] = [];
  let end = start;
  for (;;) {
    const part = readPart(reader, owner);
    if (part === undefined) return undefined;
    parts.push(part);
    end = reader.pos;
    if (!toToken(reader)) return undefined;
    if (reader.text.charCodeAt(reader.pos) !== 35) break;
    reader.pos++;
    if (!toToken(reader)) return undefined;
  }
  return { value: collapseWhitespace(parts.length === 1 ? (parts[0] ?? '') : parts.join('')), start, end };
}

function readPart(reader: Reader, owner: ValueOwner): string | undefined {
  const { text } = reader;
  const start = reader.pos;
  const code = text.charCodeAt(start);
  if (code === 123 || code === 34) return readDelimited(reader, owner, code === 34);
  if (isDigit(code)) {
    while (isDigit(text.charCodeAt(reader.pos))) reader.pos++;
    return text.slice(start, reader.pos);
  }
  if (!isNameStart(code)) return fail(reader, `Expected a value for ${owner.subject}`, start);
  const name = readName(reader);
  const value = reader.strings.get(name.toLowerCase()) ?? monthMacros.get(name.toLowerCase());
  if (value === undefined) return fail(reader, `Undefined macro \`${name}\` in the value of ${owner.subject}`, start, reader.pos);
  return value;
}

/**
 * Read `{…}` or `"…"` at `pos` and return what is inside. Braces nest (counted, not recursed);
 * `\\`, `\{` and `\}` are escapes that do not count, as in citation-js's lexer; a `"` ends a quoted
 * value only outside braces. A line-initial `@` inside the value means the entry is not closed.
 */
function readDelimited(reader: Reader, owner: ValueOwner, quoted: boolean): string | undefined {
  const { text } = reader;
  const open = reader.pos;
  let depth = quoted ? 0 : 1;
  let lineStart = false;
  for (let index = open + 1; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 92) {
      const next = text.charCodeAt(index + 1);
      if (next === 92 || next === 123 || next === 125) {
        index++;
        lineStart = false;
        continue;
      }
    } else if (code === 123) depth++;
    else if (code === 125) {
      if (depth === 0) return fail(reader, `Unbalanced \`}\` in the quoted value of ${owner.subject}`, index);
      depth--;
      if (depth === 0 && !quoted) return close(reader, open, index);
    } else if (code === 34 && quoted && depth === 0) return close(reader, open, index);
    else if (code === 64 && lineStart) return failNotClosed(reader, index, owner);
    lineStart = isLineEnd(code) || (lineStart && isSpace(code));
  }
  return failNotClosed(reader, text.length, owner);
}

function close(reader: Reader, open: number, closing: number): string {
  reader.pos = closing + 1;
  return reader.text.slice(open + 1, closing);
}
