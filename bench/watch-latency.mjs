// How long `paper watch` takes to serve an edit: a copy of the paper is watched, one paragraph
// is edited again and again, and each time the wall time from the file's write to the bench
// having fetched a page with the edit is taken. Run: `npm run bench:watch`.
// EDIT=prose (the default) appends a sentence; EDIT=citation appends a sentence with a citation
// whose locator changes every time (the citations change, so citeproc renders again); EDIT=note
// edits a footnote. PROFILE=DIR writes the server's CPU profile there.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const edits = Number(process.env.RUNS ?? 30);
const folder = mkdtempSync(join(tmpdir(), 'paper-watch-bench-'));
for (const part of ['manuscript', 'bibliography']) cpSync(join(root, part), join(folder, part), { recursive: true });
const manuscript = join(folder, 'manuscript', 'paper.md');

const child = spawn(process.execPath, [...(process.env.PROFILE ? ['--cpu-prof', '--cpu-prof-dir=' + process.env.PROFILE] : []), join(root, 'bin/paper.js'), 'watch', '.', '--port', '0', '--quiet'], { cwd: folder, stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise((resolve) => {
  let text = '';
  child.stdout.on('data', (chunk) => {
    text += chunk;
    const match = /Serving (\S+)/.exec(text);
    if (match) resolve(match[1]);
  });
});

const response = await fetch(`${url}events`);
const reader = response.body.getReader();
const decoder = new TextDecoder();
let buffered = '';
/** The next build number the server announces. */
async function nextBuild() {
  for (;;) {
    const match = /event: build\ndata: (\d+)\n\n/.exec(buffered);
    if (match) {
      buffered = buffered.slice(match.index + match[0].length);
      return Number(match[1]);
    }
    const { value } = await reader.read();
    buffered += decoder.decode(value);
  }
}
let last = await nextBuild();
const firstBuild = last;

const times = [];
const rebuilds = [];
const original = readFileSync(manuscript, 'utf8');
const paragraph = /^This paper .*$/m.exec(original)?.[0] ?? original.split('\n\n')[3];
const kind = process.env.EDIT ?? 'prose';
const note = /^\[\^2\]: .*$/m.exec(original)?.[0] ?? paragraph;
for (let edit = 0; edit < edits; edit++) {
  const marker = `Edit ${edit}`;
  const started = process.hrtime.bigint();
  const edited =
    kind === 'citation'
      ? original.replace(paragraph, `${paragraph} ${marker} [@olcott1992, ${edit + 1}].`)
      : original.replace(kind === 'note' ? note : paragraph, `${kind === 'note' ? note : paragraph} ${marker}.`);
  writeFileSync(manuscript, edited);
  // One save can reach the watcher as two changes, so each announced build is looked at until the
  // page serves the edit: the time is from the write to that page.
  for (;;) {
    last = await nextBuild();
    if ((await (await fetch(url)).text()).includes(marker)) break;
  }
  times.push(Number(process.hrtime.bigint() - started) / 1e6);
  rebuilds.push((await (await fetch(`${url}status.json`)).json()).milliseconds);
  await new Promise((resolve) => setTimeout(resolve, 200));
}
await reader.cancel();
child.kill('SIGINT');
await new Promise((resolve) => child.on('exit', resolve));
rmSync(folder, { recursive: true, force: true });

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const sorted = [...times].sort((a, b) => a - b);
console.log(`paper watch, ${edits} one-paragraph edits (${kind}) of the paper (node ${process.version}):`);
console.log(`from the write to the page serving the edit: median ${median(times).toFixed(0)} ms, min ${sorted[0].toFixed(0)} ms, max ${sorted.at(-1).toFixed(0)} ms`);
console.log(`of which the rebuild itself (the server's own clock): median ${median(rebuilds).toFixed(0)} ms`);
console.log(`builds made: ${last - firstBuild} for ${edits} edits (more than one for an edit: a save read mid-write, built again before it was shown)`);
