import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Bundle scripts/ into dist/ so that tests which spawn `bin/paper.js` run the current code. */
export default function setup(): void {
  const root = fileURLToPath(new URL('..', import.meta.url));
  execFileSync(process.execPath, [`${root}scripts/tools/bundle.mjs`], { cwd: root, stdio: 'inherit' });
}
