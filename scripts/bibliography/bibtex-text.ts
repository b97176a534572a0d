/**
 * Character classes for the BibTeX scanner. The classes follow citation-js's lexer
 * (`@citation-js/plugin-bibtex`), because the entries we accept are later handed to it: whatever we
 * call valid must lex the same way there.
 */
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
