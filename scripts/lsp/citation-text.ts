/**
 * Citation keys read from the editor's text around the cursor: what completion, hover and the
 * navigation requests ask about. The text is the buffer as it is now, which may be newer than the
 * last check; the keys are Pandoc's (`@key`, `@{key}`, internal punctuation `:.#$%&-+?<>~/` only
 * between key characters, and no word character before the `@`, so an e-mail address is none).
 */

const keyAround = /(?<![\p{L}\p{N}_])@(?:\{([^{}\s]*)\}|([\p{L}\p{N}_](?:[\p{L}\p{N}_]|[:.#$%&\-+?<>~/](?=[\p{L}\p{N}_]))*))/gu;

/** A key written in the text, and where (offsets of the key itself, without `@` and braces). */
export interface WrittenKey {
  key: string;
  start: number;
  end: number;
}

/** The key under the cursor at `offset` (anywhere from its `@` to just after its last character). */
export function keyAt(text: string, offset: number): WrittenKey | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const lineEnd = text.indexOf('\n', offset);
  const line = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd);
  for (const match of line.matchAll(keyAround)) {
    const at = lineStart + (match.index ?? 0);
    const key = match[1] ?? match[2] ?? '';
    const start = at + (match[1] !== undefined ? 2 : 1);
    const end = start + key.length;
    if (offset >= at && offset <= end + (match[1] !== undefined ? 1 : 0)) return { key, start, end };
  }
  return undefined;
}

/** What the cursor is writing, for completion: a key after `@` or `[@`, or a locator after a comma inside a citation. */
export type CompletionContext = { kind: 'key'; partial: string; start: number; end: number } | { kind: 'locator'; partial: string; start: number; end: number };

const keyChar = /[\p{L}\p{N}_:.#$%&\-+?<>~/]/u;
const keyBeingWritten = /(?<![\p{L}\p{N}_])@\{?([\p{L}\p{N}_:.#$%&\-+?<>~/]*)$/u;
/** Inside `[…@key, ` with the locator's first word being written (no digit yet). */
const locatorBeingWritten = /\[[^\]]*@\{?[\p{L}\p{N}_][^\s,;\]]*\}?\s*,\s*([^\s\d,;\]]*)$/u;

export function completionContext(text: string, offset: number): CompletionContext | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  const key = keyBeingWritten.exec(before);
  if (key) {
    let end = offset;
    while (end < text.length && keyChar.test(text[end] ?? '')) end++;
    const partial = key[1] ?? '';
    return { kind: 'key', partial, start: offset - partial.length, end };
  }
  // The last item of the citation: a `;` starts another, which has no locator yet.
  const open = before.lastIndexOf('[');
  const item = open < 0 ? '' : before.slice(open);
  const itemStart = item.lastIndexOf(';');
  const current = itemStart < 0 ? item : `[${item.slice(itemStart + 1)}`;
  const locator = locatorBeingWritten.exec(current);
  if (locator) {
    const partial = locator[1] ?? '';
    return { kind: 'locator', partial, start: offset - partial.length, end: offset };
  }
  return undefined;
}
