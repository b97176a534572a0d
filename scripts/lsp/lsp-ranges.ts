import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Point, Position } from 'unist';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Range } from 'vscode-languageserver';
import type { VFile } from 'vfile';

/**
 * Places in the editor's terms. vfile points are 1-based lines and columns; LSP's are 0-based, and
 * its characters count UTF-16 code units. micromark, the BibTeX scanner and the YAML reader count
 * columns in code units too, and give offsets: a place with an offset is converted through it (exact
 * whatever the line holds), one without through its line and column.
 */

const documents = new WeakMap<VFile, { value: string; document: TextDocument }>();

/** A read-only text document of a file's text, made once per file and text. */
export function documentOf(file: VFile): TextDocument {
  const value = String(file.value ?? '');
  const kept = documents.get(file);
  if (kept && kept.value === value) return kept.document;
  const document = TextDocument.create(uriOf(file.path), 'plaintext', 0, value);
  documents.set(file, { value, document });
  return document;
}

export function rangeOf(file: VFile, place: Point | Position | undefined): Range {
  if (!place) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const start = 'start' in place ? place.start : place;
  const end = 'start' in place ? place.end : place;
  const document = documentOf(file);
  // (A binary file keeps no text: its message's offset counts in the text it had.)
  const convert = (point: Point) => (point.offset !== undefined && point.offset <= document.getText().length ? document.positionAt(point.offset) : { line: Math.max(0, point.line - 1), character: Math.max(0, point.column - 1) });
  return { start: convert(start), end: convert(end) };
}

/** Offsets of a vfile place, when it has them. */
export function offsetsOf(place: Position | undefined): { start: number; end: number } | undefined {
  const start = place?.start.offset;
  const end = place?.end.offset;
  return start === undefined || end === undefined ? undefined : { start, end };
}

export function uriOf(path: string): string {
  return pathToFileURL(path).href;
}

/** The file a `file:` URI names; undefined for any other scheme (an untitled buffer). */
export function pathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export function contains(range: Range, line: number, character: number): boolean {
  const after = line > range.start.line || (line === range.start.line && character >= range.start.character);
  const before = line < range.end.line || (line === range.end.line && character <= range.end.character);
  return after && before;
}
