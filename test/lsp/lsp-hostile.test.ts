import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LspClient, rangeIn, showDiagnostic } from '../helpers/lsp-client.js';
import { fromRoot } from '../helpers/paths.js';

/**
 * Requests an editor (or a broken plugin) may send: each gets an error response or is ignored, and
 * the server goes on answering. Every wait is bounded; the process is killed in afterAll whatever
 * state it is in.
 */
const scratch = mkdtempSync(join(tmpdir(), 'paper-lsp-hostile-'));
const folder = join(scratch, 'mini');
cpSync(fromRoot('test/fixtures/papers/mini'), folder, { recursive: true });
const manuscript = join(folder, 'manuscript/paper.md');
const text = readFileSync(manuscript, 'utf8');

let client: LspClient;
let uri: string;
beforeAll(async () => {
  client = new LspClient(folder);
  await client.initialize(folder);
  uri = await client.open(manuscript, text);
  await client.diagnosticsOf(uri);
});
afterAll(async () => {
  await client.stop();
  rmSync(scratch, { recursive: true, force: true });
});

/** The server still answers, with the right answer. */
async function stillAnswers(): Promise<void> {
  const hover = await client.request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri }, position: rangeIn(text, 'smith2000').start });
  expect(hover?.contents.value).toBe('John Smith, *A Book* (London: Press, 2000).');
  expect(client.alive).toBe(true);
}

/** The error a request is answered with: its code and message. */
async function errorOf(method: string, params: unknown): Promise<string> {
  try {
    await client.request(method, params);
  } catch (error) {
    const { code, message } = error as { code?: number; message: string };
    return `${code} ${message}`;
  }
  throw new Error(`${method} was answered without an error`);
}

describe('malformed requests', () => {
  it('answers an unknown method with MethodNotFound, and ignores an unknown notification', async () => {
    expect(await errorOf('paper/unknownMethod', { x: 1 })).toBe('-32601 Unhandled method paper/unknownMethod');
    await client.connection.sendNotification('paper/unknownNotification', { x: 1 });
    // A change to a document never opened, and a buffer that is no file (an untitled one).
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: 'file:///nowhere/paper.md', version: 2 }, contentChanges: [{ text: 'x' }] });
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: 'untitled:Untitled-1', languageId: 'markdown', version: 1, text: '@smith2000' } });
    await stillAnswers();
  });

  it('skips a message that is not JSON, and one that is no JSON-RPC message', async () => {
    for (const body of ['{not json', '[1, 2, 3]', '{"jsonrpc":"2.0","id":7}']) client.child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    await stillAnswers();
  });

  it('answers a position outside the document, or no position, with InvalidParams', async () => {
    expect(await errorOf('textDocument/hover', { textDocument: { uri }, position: { line: 10_000, character: 0 } })).toBe('-32602 Line 10000 is outside the document (48 lines)');
    expect(await errorOf('textDocument/completion', { textDocument: { uri }, position: { line: -1, character: 0 } })).toBe('-32602 Expected a position with a line and a character (whole numbers from 0)');
    expect(await errorOf('textDocument/definition', { textDocument: { uri }, position: { line: 0.5, character: 'x' } })).toBe('-32602 Expected a position with a line and a character (whole numbers from 0)');
    expect(await errorOf('textDocument/references', { textDocument: { uri } })).toBe('-32602 Expected a position with a line and a character (whole numbers from 0)');
    expect(await errorOf('textDocument/hover', {})).toBe('-32602 Expected `textDocument.uri`');
    expect(await errorOf('textDocument/documentSymbol', { textDocument: { uri: 'file:///nowhere/paper.md' } })).toBe('-32602 The document `file:///nowhere/paper.md` is not open');
    // A character past the end of its line is the line's end, as LSP says.
    expect(await client.request('textDocument/completion', { textDocument: { uri }, position: { line: 0, character: 10_000 } })).toEqual({ isIncomplete: false, items: [] });
    await stillAnswers();
  });

  it('reads a document whose bytes are not UTF-8 as the editor decoded them, and says when it holds a NUL', async () => {
    const other = join(folder, 'manuscript/latin1.md');
    const otherUri = pathToFileURL(other).href;
    // Sent as raw bytes: Latin-1 `é` (0xE9) inside the JSON text of the notification.
    const body = Buffer.concat([
      Buffer.from(`{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"${otherUri}","languageId":"markdown","version":1,"text":"---\\ntitle: Caf`),
      Buffer.from([0xe9, 0xff]),
      Buffer.from(`\\n---\\n\\nCited [@nobody2000].\\n"}}}`),
    ]);
    client.child.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`), body]));
    expect((await client.diagnosticsOf(otherUri, (list) => list.length > 0)).map(showDiagnostic)).toEqual(['4:7-4:18 error citation-unknown-key Cannot find citation key `nobody2000`']);
    const binary = join(folder, 'binary/paper.md');
    const binaryUri = await client.open(binary, 'PNG\u0000\u0001\u0002');
    expect((await client.diagnosticsOf(binaryUri, (list) => list.length > 0)).map(showDiagnostic)).toEqual(['0:3-0:3 error file-encoding The file is not text (it holds NUL bytes, the first one here); save it as UTF-8 text']);
    await client.close(otherUri);
    await client.close(binaryUri);
    await stillAnswers();
  });

  it('checks a 10 MB buffer, and answers meanwhile', async () => {
    const big = join(folder, 'manuscript/big.md');
    const paragraph = `${'The relations improved over the decade, and many agreements were signed. '.repeat(8)}\n\n`;
    const body = paragraph.repeat(Math.ceil((10 * 1024 * 1024) / paragraph.length));
    const bigUri = await client.open(big, `---\ntitle: Big\n---\n\n${body}As @smith2000 said.\n`);
    const hover = client.request('textDocument/hover', { textDocument: { uri }, position: rangeIn(text, 'smith2000').start }, 120_000);
    expect((await client.diagnosticsOf(bigUri, () => true, 120_000)).map(showDiagnostic)).toEqual([
      `${4 + 2 * Math.ceil((10 * 1024 * 1024) / paragraph.length)}:3-${4 + 2 * Math.ceil((10 * 1024 * 1024) / paragraph.length)}:13 error citation-unknown-key Cannot find citation key \`smith2000\``,
    ]);
    expect(await hover).not.toBeNull();
    await client.close(bigUri);
    await stillAnswers();
  });

  it('takes 1,000 edits in a burst, and publishes what the last one leaves', async () => {
    // One character at a time, without waiting: `@smith2000` becomes `@smith2000xxxx…` and back.
    const { end } = rangeIn(text, 'smith2000');
    const sent: Array<Promise<void>> = [];
    for (let count = 0; count < 500; count++) sent.push(client.change(uri, 'x', { start: { line: end.line, character: end.character + count }, end: { line: end.line, character: end.character + count } }));
    for (let count = 500; count > 0; count--) sent.push(client.change(uri, '', { start: { line: end.line, character: end.character + count - 1 }, end: { line: end.line, character: end.character + count } }));
    await Promise.all(sent);
    await client.change(uri, 'smyth2000', rangeIn(text, 'smith2000'));
    // Checks made during the burst publish what they read; the last one reads the last edit.
    expect((await client.diagnosticsOf(uri, (list) => list.some((diagnostic) => diagnostic.message.includes('smyth2000')), 60_000)).map(showDiagnostic)).toEqual([
      `${rangeIn(text, '@smith2000').start.line}:${rangeIn(text, '@smith2000').start.character}-${rangeIn(text, '@smith2000').end.line}:${rangeIn(text, '@smith2000').end.character} error citation-unknown-key Cannot find citation key \`smyth2000\`; did you mean \`smith2000\``,
    ]);
    await client.change(uri, text);
    await client.diagnosticsOf(uri, (list) => list.length === 0);
    await stillAnswers();
  });
});

describe('the end of a session', () => {
  it('exits 0 after shutdown and exit', async () => {
    const other = new LspClient(folder);
    await other.initialize(folder);
    expect(await other.stop()).toBe(0);
  });
});
