import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fromRoot } from '../helpers/paths.js';

/**
 * `paper watch` as a user runs it: a real process serving the mini paper, edited on disk while it
 * runs. Nothing here times anything; waits only end when the awaited thing happens (or the test's
 * own timeout fails it).
 */

const scratch = mkdtempSync(join(tmpdir(), 'paper-watch-'));
const folder = join(scratch, 'paper');
cpSync(fromRoot('test/fixtures/papers/mini'), folder, { recursive: true });
const manuscript = join(folder, 'manuscript', 'paper.md');

let child: ChildProcess | undefined;
let stderr = '';
afterAll(() => {
  child?.kill('SIGKILL');
  rmSync(scratch, { recursive: true, force: true });
});

async function start(): Promise<string> {
  // The end-to-end test of `paper watch`, and a process: it is stopped by a real SIGINT (the last test).
  child = spawn(process.execPath, [fromRoot('bin/paper.js'), 'watch', '.', '--port', '0'], { cwd: folder, env: process.env });
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let stdout = '';
  return new Promise((resolve, reject) => {
    child?.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const url = /Serving (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stdout)?.[1];
      if (url) resolve(url);
    });
    child?.on('exit', (code) => reject(new Error(`paper watch exited with ${code}: ${stderr}`)));
  });
}

interface Status {
  build: number;
  fresh: boolean;
  errors: number;
  messages: string[];
}

/** Poll the status until it is what `wanted` waits for. (A save may be seen as two changes: two rebuilds.) */
async function statusWhen(url: string, wanted: (status: Status) => boolean): Promise<Status> {
  for (;;) {
    const status = (await (await fetch(`${url}status.json`)).json()) as Status;
    if (wanted(status)) return status;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('paper watch', () => {
  let url = '';

  it('serves the built page on localhost, with a script that reloads it and no problems banner', async () => {
    url = await start();
    const page = await (await fetch(url)).text();
    expect(page).toMatch(/<h1 class="title">A <em>Small<\/em> Paper/);
    expect(page).toContain("new EventSource('/events')");
    expect(page).not.toContain('paper-watch-banner');
    expect(stderr).toMatch(/^first build: rebuilt in [\d.]+ m?s \(build 1\)\n$/);
  });

  it('announces each rebuild on /events and serves the edited text', async () => {
    const events = await fetch(`${url}events`);
    const reader = events.body?.getReader();
    const first = new TextDecoder().decode((await reader?.read())?.value);
    expect(first).toBe('event: build\ndata: 1\n\n');
    writeFileSync(manuscript, readFileSync(manuscript, 'utf8').replace('Nothing here but a note.', 'Something new here, and a note.'));
    const next = new TextDecoder().decode((await reader?.read())?.value);
    expect(next).toMatch(/^event: build\ndata: [2-9]\n\n$/);
    await reader?.cancel();
    const page = await (await fetch(url)).text();
    expect(page).toContain('Something new here, and a note.');
    // Build 2, or a later one when the save was read mid-write and built again before it was shown.
    expect(stderr).toMatch(/manuscript\/paper\.md changed: rebuilt in [\d.]+ m?s \(build [2-9]\)/);
  });

  it('shows an error in the terminal and in a banner, and keeps the last good page', async () => {
    writeFileSync(manuscript, readFileSync(manuscript, 'utf8').replace('As @smith2000 [p. 4]', 'As @smith2001 [p. 4]'));
    const status = await statusWhen(url, (current) => current.errors > 0);
    expect(status).toMatchObject({ fresh: false, errors: 1 });
    const message = 'manuscript/paper.md:16:4-16:14  error  Cannot find citation key `smith2001`; did you mean `smith2000`  citation-unknown-key';
    expect(status.messages).toEqual([message]);
    const page = await (await fetch(url)).text();
    expect(page).toContain('<strong>1 error: this page shows the last build that had none</strong>');
    expect(page).toContain(`<div>${message}</div>`);
    expect(page).toContain('Something new here, and a note.');
    expect(stderr).toContain(message);
  });

  it('prints the PDF of the page on request', async () => {
    const response = await fetch(`${url}paper.pdf`);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('stops on SIGINT with exit 0, its browser closed', async () => {
    const exited = new Promise<number | null>((resolve) => child?.on('exit', (code) => resolve(code)));
    child?.kill('SIGINT');
    expect(await exited).toBe(0);
  });
});
