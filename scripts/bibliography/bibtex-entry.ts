/**
 * Read one `@…` construct: a data entry, `@string`, `@preamble` or `@comment`. The grammar between
 * tokens is citation-js's (whitespace and `%` comments anywhere a token may follow), so that the
 * source of every entry read here also parses there.
 */
import type { Position } from 'unist';
import type { RuleId } from '../diagnostics/rules.js';
import { fail, readName, readValue, skipTrivia, span, toToken, type Reader } from './bibtex-reader.js';
import { isKeyChar, isLineEnd, isNameStart, isSpace } from './bibtex-text.js';

export type Piece =
  | { kind: 'entry'; entry: BibEntry; duplicates: BibProblem[] }
  | { kind: 'string'; name: string; value: string; source: string }
  | { kind: 'skipped' };

export interface BibField {
  /** Lower-cased field name. */
  name: string;
  /**
   * The value without its outer delimiters, `@string` macros expanded, `#` concatenation applied,
   * inner braces kept as written, whitespace runs (newlines too) collapsed to one space, trimmed.
   */
  value: string;
  /** From the field name to the end of its value. */
  position: Position;
  /** The value as written, with its braces or quotes (all parts of a `#` concatenation). */
  valuePosition: Position;
}

export interface BibEntry {
  /** Lower-cased entry type, such as `article`. */
  type: string;
  /** The key as written (case kept). */
  key: string;
  keyPosition: Position;
  /** From `@` to the closing brace or parenthesis, inclusive. */
  position: Position;
  /** In source order; of a field set twice only the first is kept (and the second reported). */
  fields: BibField[];
  /** Exact source text: `text.slice(position.start.offset, position.end.offset)`. */
  source: string;
  /**
   * `source` with the repeated fields cut out, for citation-js: it keeps the last value of a field
   * set twice, while we keep (and report keeping) the first. Equal to `source` without repeats.
   */
  citeSource: string;
}

export interface BibProblem {
  ruleId: Extract<RuleId, 'bib-syntax' | 'bib-duplicate-field'>;
  /** One sentence, values in backticks. */
  reason: string;
  position: Position;
}

const skipped: Piece = { kind: 'skipped' };

/** Types citation-js reads by prefix: `@stringx{` would be read as `@string` and fail there. */
const reservedTypes = ['string', 'preamble', 'comment'];

/** Read the construct whose `@` is at `at`; `undefined` (with `reader.failure` set) when it is broken. */
export function readEntry(reader: Reader, at: number): Piece | undefined {
  const { text } = reader;
  reader.entryStart = at;
  reader.entryLabel = '@';
  reader.pos = at + 1;
  skipTrivia(reader);
  if (!isNameStart(text.charCodeAt(reader.pos))) return fail(reader, 'Expected an entry type after `@`', reader.pos);
  const type = readName(reader).toLowerCase();
  reader.entryLabel = `@${type}`;
  if (type === 'comment') return skipComment(reader);
  const reserved = reservedTypes.find((word) => type.startsWith(word));
  if (reserved !== undefined && reserved !== type) {
    return fail(reader, `Entry type \`@${type}\` is not supported; did you mean \`@${reserved}\``, at, reader.pos);
  }
  skipTrivia(reader);
  const open = text.charCodeAt(reader.pos);
  if (open !== 123 && open !== 40) return fail(reader, `Expected \`{\` or \`(\` after \`@${type}\``, reader.pos);
  reader.pos++;
  const close = open === 123 ? '}' : ')';
  if (type === 'string') return readString(reader, close);
  if (type === 'preamble') return readPreamble(reader, close);
  return readFields(reader, type, close);
}

function readFields(reader: Reader, type: string, close: string): Piece | undefined {
  const { text } = reader;
  const closeCode = close.charCodeAt(0);
  if (!toToken(reader)) return undefined;
  const keyStart = reader.pos;
  while (reader.pos < text.length && isKeyChar(text.charCodeAt(reader.pos))) reader.pos++;
  const key = text.slice(keyStart, reader.pos);
  const keyEnd = reader.pos;
  if (!toToken(reader)) return undefined;
  if (key === '' || text.charCodeAt(reader.pos) === 61) return fail(reader, `Entry \`@${type}\` has no key`, keyStart);
  reader.entryLabel = key;
  const keyPosition = span(reader, keyStart, keyEnd);
  // citation-js reads the key up to whitespace or `,`; stop where both agree.
  const after = text.charCodeAt(keyEnd);
  if (!isSpace(after) && after !== 44) return fail(reader, `Expected \`,\` after the key of entry \`${key}\``, keyEnd);
  if (text.charCodeAt(reader.pos) !== 44) return fail(reader, `Expected \`,\` after the key of entry \`${key}\``, reader.pos);
  reader.pos++;

  const fields: BibField[] = [];
  const names = new Set<string>();
  const duplicates: BibProblem[] = [];
  const cuts: Array<[number, number]> = [];
  for (;;) {
    if (!toToken(reader)) return undefined;
    if (text.charCodeAt(reader.pos) === closeCode) break;
    if (!isNameStart(text.charCodeAt(reader.pos))) {
      return fail(reader, `Expected a field name or \`${close}\` in entry \`${key}\``, reader.pos);
    }
    const nameStart = reader.pos;
    const name = readName(reader).toLowerCase();
    if (!toToken(reader)) return undefined;
    if (text.charCodeAt(reader.pos) !== 61) {
      return fail(reader, `Expected \`=\` after the field name \`${name}\` in entry \`${key}\``, reader.pos);
    }
    reader.pos++;
    if (!toToken(reader)) return undefined;
    const value = readValue(reader, { name, subject: `\`${name}\` in entry \`${key}\`` });
    if (value === undefined) return undefined;
    const next = text.charCodeAt(reader.pos);
    if (next !== 44 && next !== closeCode) {
      return fail(reader, `Expected \`,\` or \`${close}\` after the value of \`${name}\` in entry \`${key}\``, reader.pos);
    }
    const field: BibField = {
      name,
      value: value.value,
      position: span(reader, nameStart, value.end),
      valuePosition: span(reader, value.start, value.end),
    };
    if (names.has(name)) {
      const reason = `Field \`${name}\` is set twice in entry \`${key}\`; the first value is kept`;
      duplicates.push({ ruleId: 'bib-duplicate-field', reason, position: field.position });
      cuts.push([nameStart, next === 44 ? reader.pos + 1 : value.end]);
    } else {
      names.add(name);
      fields.push(field);
    }
    if (next === closeCode) break;
    reader.pos++;
  }
  reader.pos++;
  const source = text.slice(reader.entryStart, reader.pos);
  const entry: BibEntry = {
    type,
    key,
    keyPosition,
    position: span(reader, reader.entryStart, reader.pos),
    fields,
    source,
    citeSource: cuts.length === 0 ? source : cutOut(text, reader.entryStart, reader.pos, cuts),
  };
  return { kind: 'entry', entry, duplicates };
}

/** `text.slice(start, end)` without the ranges in `cuts` (in order, inside the slice). */
function cutOut(text: string, start: number, end: number, cuts: Array<[number, number]>): string {
  const kept: string[] = [];
  let from = start;
  for (const [cutStart, cutEnd] of cuts) {
    kept.push(text.slice(from, cutStart));
    from = cutEnd;
  }
  kept.push(text.slice(from, end));
  return kept.join('');
}

function readString(reader: Reader, close: string): Piece | undefined {
  const { text } = reader;
  if (!toToken(reader)) return undefined;
  if (!isNameStart(text.charCodeAt(reader.pos))) return fail(reader, 'Expected a macro name in entry `@string`', reader.pos);
  const name = readName(reader).toLowerCase();
  if (!toToken(reader)) return undefined;
  if (text.charCodeAt(reader.pos) !== 61) return fail(reader, `Expected \`=\` after the macro name \`${name}\` in entry \`@string\``, reader.pos);
  reader.pos++;
  if (!toToken(reader)) return undefined;
  const value = readValue(reader, { name, subject: `\`${name}\` in entry \`@string\`` });
  if (value === undefined) return undefined;
  if (text.charCodeAt(reader.pos) !== close.charCodeAt(0)) {
    return fail(reader, `Expected \`${close}\` after the value of \`${name}\` in entry \`@string\``, reader.pos);
  }
  reader.pos++;
  return { kind: 'string', name, value: value.value, source: text.slice(reader.entryStart, reader.pos) };
}

function readPreamble(reader: Reader, close: string): Piece | undefined {
  if (!toToken(reader)) return undefined;
  const value = readValue(reader, { name: undefined, subject: 'entry `@preamble`' });
  if (value === undefined) return undefined;
  if (reader.text.charCodeAt(reader.pos) !== close.charCodeAt(0)) {
    return fail(reader, `Expected \`${close}\` after the value of entry \`@preamble\``, reader.pos);
  }
  reader.pos++;
  return skipped;
}

/**
 * Skip `@comment` and the balanced `{…}` or `(…)` after it. A group that is not closed before the
 * next line-initial `@` comments out the text up to there; a bare `@comment` is only the word (the
 * rest of its line is text outside entries anyway). Never a problem.
 */
function skipComment(reader: Reader): Piece {
  const { text } = reader;
  let index = reader.pos;
  while (index < text.length && isSpace(text.charCodeAt(index))) index++;
  const open = text.charCodeAt(index);
  if (open !== 123 && open !== 40) return skipped;
  const close = open === 123 ? 125 : 41;
  let depth = 0;
  let lineStart = false;
  for (; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === open) depth++;
    else if (code === close && --depth === 0) break;
    else if (code === 64 && lineStart) break;
    lineStart = isLineEnd(code) || (lineStart && isSpace(code));
  }
  reader.pos = Math.min(index + (text.charCodeAt(index) === close ? 1 : 0), text.length);
  return skipped;
}
