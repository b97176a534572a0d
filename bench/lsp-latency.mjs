// How fast `paper lsp` answers an editor, on a copy of the seed paper, over stdio with
// vscode-jsonrpc as an editor drives it. Run: `npm run bench:lsp`. Prints medians (min-max) over
// RUNS edits (default 100) of:
// - a one-character edit → its diagnostics published (the publication that carries its version);
// - completion after `[@`, asked as the `[@` is typed (the check of that edit starts meanwhile);
// - hover on a citation, after the first (which loads the CSL engine);
// - server start → first diagnostics, beside `paper check` on the same paper (fresh processes);
// and the server's resident memory every 1,000 of MEMORY_EDITS one-character edits (default
// 10,000), each waited for until its diagnostics are published.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';

const root = fileURLToPath(new URL('..', import.meta.url));
const runs = Number(process.env.RUNS ?? 100);
const memoryEdits = Number(process.env.MEMORY_EDITS ?? 10_000);
const folder = mkdtempSync(join(tmpdir(), 'paper-lsp-bench-'));
for (const part of ['manuscript', 'bibliography']) cpSync(join(root, part), join(folder, part), { recursive: true });
const manuscript = join(folder, 'manuscript', 'paper.md');
const uri = pathToFileURL(manuscript).href;
const original = readFileSync(manuscript, 'utf8');

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const show = (values) => `${median(values).toFixed(1)} ms (${Math.min(...values).toFixed(1)}-${Math.max(...values).toFixed(1)})`;
const now = () => Number(process.hrtime.bigint()) / 1e6;

/** A server, and a way to wait for the publication of a document version. */
function startServer() {
  const started = now();
  const child = spawn(process.execPath, [join(root, 'bin/paper.js'), 'lsp', '--stdio'], { cwd: folder, stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const waiting = new Map();
  let first;
  const firstDiagnostics = new Promise((resolve) => (first = resolve));
  connection.onNotification('textDocument/publishDiagnostics', ({ uri: published, version }) => {
    if (published !== uri) return;
    first(now() - started);
    waiting.get(version)?.();
    waiting.delete(version);
  });
  connection.listen();
  const published = (version) => new Promise((resolve) => waiting.set(version, resolve));
  return { child, connection, published, firstDiagnostics };
}

// `paper check` on the same paper, fresh processes, for the start-up comparison.
const checks = [];
for (let run = 0; run < 10; run++) {
  const started = now();
  spawnSync(process.execPath, [join(root, 'bin/paper.js'), 'check', '.'], { cwd: folder, stdio: 'ignore' });
  checks.push(now() - started);
}
const starts = [];
for (let run = 0; run < 10; run++) {
  const server = startServer();
  await server.connection.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(folder).href, capabilities: {} });
  await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: original } });
  starts.push(await server.firstDiagnostics);
  await server.connection.sendRequest('shutdown');
  await server.connection.sendNotification('exit');
}

const server = startServer();
const { connection, published } = server;
await connection.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(folder).href, capabilities: {} });
let version = 1;
const opened = published(version);
await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version, text: original } });
await opened;

const lines = original.split('\n');
const prose = lines.findIndex((line) => line.startsWith('However, the collapse of the USSR'));
const citing = lines.findIndex((line) => line.includes('@kazembassy2009'));
const citation = { line: citing, character: lines[citing].indexOf('@kazembassy2009') + 3 };
let inserted = false;

/** One character typed in a paragraph, or taken away again: the text stays the size it was. */
async function oneCharacter() {
  const at = { line: prose, character: 20 };
  const change = inserted ? { range: { start: at, end: { line: prose, character: 21 } }, text: '' } : { range: { start: at, end: at }, text: 'x' };
  inserted = !inserted;
  version += 1;
  const done = published(version);
  const started = now();
  await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
  await done;
  return now() - started;
}

async function edit(change) {
  version += 1;
  const done = published(version);
  await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
  return done;
}

await connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: citation });
const edits = [];
const completions = [];
const hovers = [];
for (let run = 0; run < runs; run++) {
  edits.push(await oneCharacter());
  // `[@` typed at the end of the paragraph, and completion asked at once, as an editor does.
  const end = { line: prose, character: lines[prose].length + (inserted ? 1 : 0) };
  version += 1;
  const typed = published(version);
  const started = now();
  await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start: end, end }, text: ' [@' }] });
  const list = await connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: prose, character: end.character + 3 } });
  completions.push(now() - started);
  if (list.items.length < 10) throw new Error(`Completion gave ${list.items.length} items`);
  await typed;
  await edit({ range: { start: end, end: { line: prose, character: end.character + 3 } }, text: '' });
  const hoverStarted = now();
  const hover = await connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: citation });
  hovers.push(now() - hoverStarted);
  if (!hover) throw new Error('No hover');
}

const rss = () => Math.round(Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${server.child.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024);
const memory = [`0: ${rss()} MiB`];
for (let count = 1; count <= memoryEdits; count++) {
  await oneCharacter();
  if (count % 1000 === 0) memory.push(`${count}: ${rss()} MiB`);
}

console.log(`paper lsp on the seed paper, ${runs} edits (Node.js ${process.version})`);
console.log(`one-character edit → diagnostics published   ${show(edits)}`);
console.log(`completion after \`[@\` (typed with it)         ${show(completions)}`);
console.log(`hover on a citation, after the first          ${show(hovers)}`);
console.log(`server start → first diagnostics              ${show(starts)}`);
console.log(`paper check (fresh process)                   ${show(checks)}`);
console.log(`resident memory over ${memoryEdits} edits: ${memory.join(', ')}`);
await connection.sendRequest('shutdown');
await connection.sendNotification('exit');
connection.dispose();
rmSync(folder, { recursive: true, force: true });
