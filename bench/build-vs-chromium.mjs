// `npm run build` (bundling, then paper build) and `paper build` alone (checks, HTML, PDF,
// post-processing) against Chromium alone printing
// the same HTML (`chromium --headless --print-to-pdf`): the target is at most 1.3 ×.
// `paper build` prints with the pinned Chromium; where a system Chromium is installed, the bench
// also times `paper build` printing with it, and uses it for the bare print (the pinned build is a
// headless shell for Puppeteer, whose own `--print-to-pdf` does not finish). Without one, those
// two rows are left out and the bench says so.
// Run: `npm run bench:build`.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { formatTable, timeCommands } from './time-commands.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = mkdtempSync(join(tmpdir(), 'paper-bench-'));
const runs = Number(process.env.RUNS ?? 7);
const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((path) => existsSync(path));
const paper = [process.execPath, join(root, 'bin/paper.js')];

execFileSync(process.execPath, [join(root, 'scripts/tools/bundle.mjs')], { stdio: 'inherit' });
execFileSync(process.execPath, [join(root, 'bin/paper.js'), 'build', '--out', out], { cwd: root, stdio: 'ignore' });
const flags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--no-pdf-header-footer'];

const commands = [
  // --force: without it every run after the first finds nothing changed and only hashes (timed on its own below).
  { name: 'npm run build -- --force', command: ['npm', 'run', '-s', 'build', '--', '--force'], cwd: root },
  { name: 'paper build --force', command: [...paper, 'build', '--force', '--out', join(out, 'paper')], cwd: root },
  { name: 'paper build (nothing changed)', command: [...paper, 'build', '--out', join(out, 'unchanged')], cwd: root },
];
if (chromium) {
  const withSystem = ['env', `PUPPETEER_EXECUTABLE_PATH=${chromium}`, ...paper, 'build', '--force', '--out', join(out, 'system')];
  commands.push(
    { name: 'paper build --force (system Chromium)', command: withSystem, cwd: root },
    { name: 'chromium --print-to-pdf', command: [chromium, ...flags, `--print-to-pdf=${join(out, 'chromium.pdf')}`, pathToFileURL(join(out, 'paper.html')).href], cwd: root },
  );
}
const results = timeCommands(commands, { runs });
console.log(`paper build vs. Chromium printing the same HTML, ${runs} runs each, alternating (node ${process.version})\n`);
if (!chromium) console.log('No system Chromium (/usr/bin/chromium): the rows that print with it are left out.\n');
console.log(formatTable(results, chromium ? 'chromium --print-to-pdf' : 'paper build --force'));
