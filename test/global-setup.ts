import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Compile scripts/ to dist/ so that tests which spawn `bin/paper.js` run the current code. */
export default function setup(): void {
  const root = fileURLToPath(new URL('..', import.meta.url));
  execFileSync(process.execPath, [`${root}node_modules/typescript/bin/tsc`, '-b'], { cwd: root, stdio: 'inherit' });
}
