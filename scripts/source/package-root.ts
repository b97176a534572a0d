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

/**
 * The folder of an installed package, found as Node.js would find it from the pipeline (the
 * `node_modules` folders from the package root up), or undefined when it is not installed. Read
 * from disk, not through `require.resolve`: a package's `exports` may hide its `package.json`
 * and its other files (`@sparticuz/chromium` exports only its JavaScript).
 */
export function installedPackage(name: string): string | undefined {
  let folder = packageRoot();
  for (;;) {
    const candidate = join(folder, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    const parent = dirname(folder);
    if (parent === folder) return undefined;
    folder = parent;
  }
}
