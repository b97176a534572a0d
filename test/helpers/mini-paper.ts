import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fromRoot } from './paths.js';

/**
 * A copy of the mini paper (test/fixtures/papers/mini: citations, notes, a table from YAML and CSV,
 * a graph) in `scratch/name`, without its golden HTML: a paper a test may change, build and break.
 */
export function miniPaperCopy(scratch: string, name: string): string {
  const folder = join(scratch, name);
  cpSync(fromRoot('test/fixtures/papers/mini'), folder, { recursive: true });
  rmSync(join(folder, 'expected.html'));
  return folder;
}
