// `paper check` against `pandoc --citeproc` building the same paper to standalone HTML: the
// checker must take less wall time than Pandoc needs to build. Run: `npm run bench:check`.
// Beside them, the floor under any Node.js checker built on unified: Node's start-up alone, and a
// fresh process that only parses the manuscript with remark-parse (and remark-gfm); and `paper
// check` answered by a `paper watch` of the paper running meanwhile (the warm process), against
// `paper check --no-daemon`, which runs cold as `paper check` does when no warm process runs.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatTable, timeCommands } from './time-commands.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = mkdtempSync(join(tmpdir(), 'paper-bench-'));
const runs = Number(process.env.RUNS ?? 10);

execFileSync(process.execPath, [join(root, 'scripts/tools/bundle.mjs')], { stdio: 'inherit' });
const { build } = await import('esbuild');
const floor = join(out, 'parse-floor.mjs');
await build({ entryPoints: [join(root, 'bench/parse-floor.mjs')], outfile: floor, bundle: true, format: 'esm', platform: 'node', target: 'node20', logLevel: 'warning' });
const manuscript = join(root, 'manuscript/paper.md');
const pandoc = execFileSync('pandoc', ['--version'], { encoding: 'utf8' }).split('\n')[0];

// The warm process: it answers once it prints `Serving` (its own socket folder, so no other watch answers).
const runtime = mkdtempSync(join(tmpdir(), 'paper-bench-runtime-'));
const warmEnv = { ...process.env, XDG_RUNTIME_DIR: runtime, PAPER_NO_DAEMON: undefined };
const watch = spawn(process.execPath, [join(root, 'bin/paper.js'), 'watch', '--port', '0', '--quiet'], { cwd: root, env: warmEnv, stdio: ['ignore', 'pipe', 'inherit'] });
await new Promise((resolve, reject) => {
  let said = '';
  watch.stdout.on('data', (chunk) => (said += chunk) && said.includes('Serving') && resolve());
  watch.on('exit', () => reject(new Error('paper watch ended before serving')));
});

const results = timeCommands(
  [
    { name: 'paper check (cold: --no-daemon)', command: [process.execPath, join(root, 'bin/paper.js'), 'check', '--no-daemon'], cwd: root },
    { name: 'paper check (warm: paper watch running)', command: [process.execPath, join(root, 'bin/paper.js'), 'check'], cwd: root, env: warmEnv },
    { name: 'node -e 0 (start-up only)', command: [process.execPath, '-e', '0'], cwd: root },
    { name: 'remark-parse only', command: [process.execPath, floor, manuscript, 'commonmark'], cwd: root },
    { name: 'remark-parse + remark-gfm', command: [process.execPath, floor, manuscript], cwd: root },
    {
      name: 'pandoc --citeproc',
      command: ['pandoc', 'manuscript/paper.md', '--citeproc', '--bibliography', 'bibliography/references.bib', '--standalone', '--quiet', '-o', join(out, 'pandoc.html')],
      cwd: root,
    },
  ],
  { runs },
);

watch.kill('SIGINT');

console.log(`paper check vs. ${pandoc}, ${runs} runs each, alternating (node ${process.version})\n`);
console.log(formatTable(results, 'pandoc --citeproc'));
