import { stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { packageRoot } from './package-root.js';

/** Where a paper is: its manuscript, and the paper folder that holds it (outputs go to `build/` there). */
export interface PaperLocation {
  manuscript: string;
  root: string;
}

/**
 * Find the paper a command is about. PATH may be a manuscript (`.md`) or a paper folder laid out
 * like this repository (`manuscript/paper.md`, or `paper.md` at its top); without PATH it is this
 * repository's own paper. A manuscript inside a folder named `manuscript` belongs to the folder above.
 */
export async function locatePaper(path: string | undefined, cwd: string): Promise<PaperLocation> {
  if (path === undefined) return inFolder(packageRoot());
  const absolute = resolve(cwd, path);
  const kind = await stat(absolute).then(
    (info) => (info.isDirectory() ? 'folder' : 'file'),
    () => 'missing',
  );
  if (kind === 'folder') return inFolder(absolute);
  const folder = dirname(absolute);
  return { manuscript: absolute, root: basename(folder) === 'manuscript' ? dirname(folder) : folder };
}

async function inFolder(folder: string): Promise<PaperLocation> {
  for (const candidate of [join(folder, 'manuscript', 'paper.md'), join(folder, 'paper.md')]) {
    const exists = await stat(candidate).then((info) => info.isFile(), () => false);
    if (exists) return { manuscript: candidate, root: folder };
  }
  return { manuscript: join(folder, 'manuscript', 'paper.md'), root: folder };
}
