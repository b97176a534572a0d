// The benchmark suite: the paper at 1, 10 and 100 times its size (bench/scale/make-scaled-paper.mjs),
// and at each size `paper check`, `paper build --no-pdf`, the full `paper build` and
// `pandoc --citeproc` to standalone HTML on the same inputs, alternating, timed as whole processes
// (time-commands.mjs: median, min, max, peak RSS). `paper build` runs with `--force`: without it,
// every run after the first would find nothing changed and only hash. Run: `npm run bench`.
// SCALES=1,10 and RUNS=5 (or RUNS_100=2) narrow it; FULL_BUILD_MAX=10 skips the full build above x10.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeScaledPaper } from './scale/make-scaled-paper.mjs';
import { formatTable, timeCommands } from './time-commands.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const scales = (process.env.SCALES ?? '1,10,100').split(',').map(Number);
const defaultRuns = { 1: 10, 10: 5, 100: 3 };
const fullBuildMax = Number(process.env.FULL_BUILD_MAX ?? 100);
const paper = join(root, 'bin/paper.js');
const scratch = mkdtempSync(join(tmpdir(), 'paper-scale-'));
const pandoc = execFileSync('pandoc', ['--version'], { encoding: 'utf8' }).split('\n')[0];
const chromium = execFileSync('chromium', ['--version'], { encoding: 'utf8' }).trim();

const medians = new Map();
console.log(`node ${process.version}, ${pandoc}, ${chromium}\n`);
for (const scale of scales) {
  const folder = join(scratch, `x${scale}`);
  const { entries, bytes } = makeScaledPaper(root, folder, scale);
  const runs = Number(process.env[`RUNS_${scale}`] ?? process.env.RUNS ?? defaultRuns[scale] ?? 3);
  const commands = [
    { name: 'paper check', command: [process.execPath, paper, 'check', folder] },
    { name: 'paper build --no-pdf', command: [process.execPath, paper, 'build', folder, '--no-pdf', '--force', '--quiet', '--out', join(folder, 'html')] },
    ...(scale <= fullBuildMax ? [{ name: 'paper build', command: [process.execPath, paper, 'build', folder, '--force', '--quiet', '--out', join(folder, 'full')] }] : []),
    {
      name: 'pandoc --citeproc',
      command: ['pandoc', join(folder, 'manuscript', 'paper.md'), '--citeproc', '--bibliography', join(folder, 'bibliography', 'references.bib'), '--standalone', '--quiet', '-o', join(folder, 'pandoc.html')],
    },
  ];
  const results = timeCommands(commands, { runs });
  for (const result of results) medians.set(`${result.name}@${scale}`, result.median);
  console.log(`### x${scale}: ${entries} entries, ${(bytes / 1024).toFixed(0)} KiB of Markdown, ${runs} runs each\n`);
  console.log(formatTable(results, 'pandoc --citeproc'));
  console.log('');
}
if (scales.includes(10) && scales.includes(100)) {
  console.log('### Growth from x10 to x100 (linear is 10 ×)\n');
  for (const name of ['paper check', 'paper build --no-pdf', 'paper build', 'pandoc --citeproc']) {
    const [ten, hundred] = [medians.get(`${name}@10`), medians.get(`${name}@100`)];
    if (ten && hundred) console.log(`- ${name}: ${(hundred / ten).toFixed(1)} ×`);
  }
}
rmSync(scratch, { recursive: true, force: true });
