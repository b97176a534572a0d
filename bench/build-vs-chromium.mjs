// `npm run build` (bundling, then paper build) and `paper build` alone (checks, HTML, PDF,
// post-processing) against Chromium alone printing
// the same HTML (`chromium --headless --print-to-pdf`): the target is at most 1.3 ×.
// Run: `npm run bench:build`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { formatTable, timeCommands } from './time-commands.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = mkdtempSync(join(tmpdir(), 'paper-bench-'));
const runs = Number(process.env.RUNS ?? 7);
const chromium = process.env.PUPPETEER_EXECUTABLE_PATH ?? '/usr/bin/chromium';

execFileSync(process.execPath, [join(root, 'scripts/tools/bundle.mjs')], { stdio: 'inherit' });
execFileSync(process.execPath, [join(root, 'bin/paper.js'), 'build', '--out', out], { cwd: root, stdio: 'ignore' });
const flags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--no-pdf-header-footer'];

const results = timeCommands(
  [
    // --force: without it every run after the first finds nothing changed and only hashes (timed on its own below).
    { name: 'npm run build -- --force', command: ['npm', 'run', '-s', 'build', '--', '--force'], cwd: root },
    { name: 'paper build --force', command: [process.execPath, join(root, 'bin/paper.js'), 'build', '--force', '--out', join(out, 'paper')], cwd: root },
    { name: 'paper build (nothing changed)', command: [process.execPath, join(root, 'bin/paper.js'), 'build', '--out', join(out, 'unchanged')], cwd: root },
    { name: 'chromium --print-to-pdf', command: [chromium, ...flags, `--print-to-pdf=${join(out, 'chromium.pdf')}`, pathToFileURL(join(out, 'paper.html')).href], cwd: root },
  ],
  { runs },
);
console.log(`paper build vs. Chromium printing the same HTML, ${runs} runs each, alternating (node ${process.version})\n`);
console.log(formatTable(results, 'chromium --print-to-pdf'));
