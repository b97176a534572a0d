import type { VFile } from 'vfile';
import { location } from 'vfile-location';

type Location = ReturnType<typeof location>;

const cache = new WeakMap<VFile, { value: string; points: Location }>();

/**
 * Offsets to lines and columns for a file, made once per file and text. vfile-location indexes the
 * lines as it is asked; a fresh index for every message made a 5,000-row table quadratic.
 */
export function fileLocation(file: VFile): Location {
  const value = String(file.value);
  const cached = cache.get(file);
  if (cached && cached.value === value) return cached.points;
  const points = location(value);
  cache.set(file, { value, points });
  return points;
}
