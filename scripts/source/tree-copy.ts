import type { Point, Position } from 'unist';

/**
 * Deep copies, moves and comparisons of syntax trees (plain data: objects, arrays, strings,
 * numbers, booleans). A block that stands after an edit moves by whole lines: it keeps its
 * columns, only its line and offset change.
 */

/** How far a tree moves: whole lines, and the characters before it. */
export interface Shift {
  lines: number;
  offset: number;
}

export const noShift: Shift = { lines: 0, offset: 0 };

/** A deep copy of a tree (or of any plain data), to be changed without changing the original. */
export function copyTree<T>(value: T): T {
  return copy(value) as T;
}

/** Move the positions of `value` by `shift`, in place. */
export function shiftInPlace(value: unknown, shift: Shift): void {
  if (shift.lines === 0 && shift.offset === 0) return;
  if (Array.isArray(value)) {
    for (const item of value) shiftInPlace(item, shift);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  for (const [key, item] of Object.entries(value)) {
    if (key === 'position') shiftPosition(item as Position | undefined, shift);
    else shiftInPlace(item, shift);
  }
}

/** Whether `moved` is `original` with its positions moved by `shift`, and otherwise the same. */
export function equalShifted(original: unknown, moved: unknown, shift: Shift): boolean {
  if (original === moved) return shift.lines === 0 && shift.offset === 0 ? true : !holdsPositions(original);
  if (typeof original !== 'object' || typeof moved !== 'object' || original === null || moved === null) return false;
  if (Array.isArray(original) !== Array.isArray(moved)) return false;
  if (Array.isArray(original)) {
    const other = moved as unknown[];
    return original.length === other.length && original.every((item, index) => equalShifted(item, other[index], shift));
  }
  const keys = Object.keys(original);
  if (keys.length !== Object.keys(moved).length) return false;
  const left = original as Record<string, unknown>;
  const right = moved as Record<string, unknown>;
  return keys.every((key) => key in right && (key === 'position' ? samePosition(left[key] as Position | undefined, right[key] as Position | undefined, shift) : equalShifted(left[key], right[key], shift)));
}

function copy(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(copy);
  const result: Record<string, unknown> = {};
  for (const key in value) result[key] = copy((value as Record<string, unknown>)[key]);
  return result;
}

function shiftPosition(position: Position | undefined, shift: Shift): void {
  if (!position) return;
  for (const point of [position.start, position.end]) {
    point.line += shift.lines;
    if (point.offset !== undefined) point.offset += shift.offset;
  }
}

function samePosition(original: Position | undefined, moved: Position | undefined, shift: Shift): boolean {
  if (!original || !moved) return original === moved;
  return samePoint(original.start, moved.start, shift) && samePoint(original.end, moved.end, shift);
}

function samePoint(original: Point, moved: Point, shift: Shift): boolean {
  const offset = original.offset === undefined ? undefined : original.offset + shift.offset;
  return original.line + shift.lines === moved.line && original.column === moved.column && offset === moved.offset;
}

/** The same object compared with itself is equal when moving changes nothing in it. */
function holdsPositions(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) return value.some(holdsPositions);
  return Object.entries(value).some(([key, item]) => key === 'position' || holdsPositions(item));
}
