import type { Position } from 'unist';
import type { VFile } from 'vfile';
import { fileLocation } from './file-location.js';

/**
 * The exact place of `value.slice(index, index + length)` in its file, for a node whose text stands
 * verbatim in the file at `position` (no escapes or entities between). Undefined otherwise, so the
 * caller falls back to the node's own position.
 */
export function placeInText(file: VFile, position: Position | undefined, value: string, index: number, length: number): Position | undefined {
  const start = position?.start.offset;
  const end = position?.end.offset;
  if (start === undefined || end === undefined || String(file.value).slice(start, end) !== value) return undefined;
  const place = fileLocation(file);
  const from = place.toPoint(start + index);
  const to = place.toPoint(start + index + length);
  return from && to ? { start: from, end: to } : undefined;
}
