import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/**
 * The folder of the pipeline's own package (where `styles/` and `package.json` are), found by
 * walking up from this module: it runs bundled from `dist/` and as TypeScript from `scripts/`.
 */
export function packageRoot(): string {
  if (root !== undefined) return root;
  let folder = dirname(fileURLToPath(import.meta.url));
  while (!(existsSync(join(folder, 'package.json')) && existsSync(join(folder, 'styles', 'paper.css')))) {
    const parent = dirname(folder);
    if (parent === folder) throw new Error('Cannot find the paper package (package.json and styles/paper.css) above this module');
    folder = parent;
  }
  root = folder;
  return root;
}
