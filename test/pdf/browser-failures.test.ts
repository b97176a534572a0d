import { randomUUID } from 'node:crypto';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstLine } from '../../scripts/pdf/start-browser.js';
import { fromRoot } from '../helpers/paths.js';
import { processesCarrying, until } from '../helpers/processes.js';
import { runMain } from '../helpers/run-cli.js';

/**
 * A browser that is not there, one that dies at start, and one that never answers: each is one
 * `pdf-print` error, exit 1, within the time limit (PAPER_BROWSER_TIMEOUT, short here), with the
 * previous outputs untouched and no process left behind. The browsers are shell scripts.
 */

const scratch = mkdtempSync(join(tmpdir(), 'paper-browser-'));
const folder = join(scratch, 'paper');
const out = join(folder, 'build');

function fakeBrowser(name: string, script: string): string {
  const path = join(scratch, name);
  writeFileSync(path, `#!/bin/sh\n${script}\n`);
  chmodSync(path, 0o755);
  return path;
}

beforeAll(() => {
  cpSync(fromRoot('test/fixtures/papers/mini'), folder, { recursive: true });
  mkdirSync(out);
  writeFileSync(join(out, 'paper.html'), 'previous html');
  writeFileSync(join(out, 'paper.pdf'), 'previous pdf');
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function buildWith(browser: string): Promise<string> {
  const mark = randomUUID();
  const run = await runMain(['build', '.', '--quiet'], folder, { PUPPETEER_EXECUTABLE_PATH: browser, PAPER_BROWSER_TIMEOUT: '3000', PAPER_BROWSER_TEST: mark });
  expect(run.status).toBe(1);
  expect(run.stderr).not.toMatch(/^\s+at /m);
  expect(readdirSync(out).sort()).toEqual(['paper.html', 'paper.pdf']);
  expect(readFileSync(join(out, 'paper.html'), 'utf8')).toBe('previous html');
  expect(readFileSync(join(out, 'paper.pdf'), 'utf8')).toBe('previous pdf');
  await until(() => processesCarrying('PAPER_BROWSER_TEST', mark).length === 0, 'the browser to be gone', 10_000);
  return run.stderr.replaceAll(scratch, '<tmp>');
}

describe('a browser that fails', () => {
  it('is not there', async () => {
    expect(await buildWith(join(scratch, 'no-such-chromium'))).toBe(
      'manuscript/paper.md:1:1  error  Cannot print the PDF: PUPPETEER_EXECUTABLE_PATH names `<tmp>/no-such-chromium`, which is not an executable file  pdf-print\n\n✖ 1 error\nBuild failed; nothing was written.\n',
    );
  });

  it('dies as it starts', async () => {
    const browser = fakeBrowser('crashing-chromium', 'echo "Trace/breakpoint trap: chromium cannot start" >&2\nexit 1');
    expect(await buildWith(browser)).toBe(
      'manuscript/paper.md:1:1  error  Cannot start <tmp>/crashing-chromium: it exited with code 1 and said `Trace/breakpoint trap: chromium cannot start`  pdf-print\n\n✖ 1 error\nBuild failed; nothing was written.\n',
    );
  });

  it('never answers (and its own child process goes too)', async () => {
    const browser = fakeBrowser('stuck-chromium', 'sleep 300 &\nsleep 300');
    expect(await buildWith(browser)).toBe(
      'manuscript/paper.md:1:1  error  Cannot start <tmp>/stuck-chromium: it did not answer within 3000 ms (PAPER_BROWSER_TIMEOUT sets the limit, in ms)  pdf-print\n\n✖ 1 error\nBuild failed; nothing was written.\n',
    );
  });

  it('announces a DevTools port but never answers (said in words, not `[object Object]`)', async () => {
    const browser = fakeBrowser('announcing-chromium', 'echo "DevTools listening on ws://127.0.0.1:1/devtools/browser/x" >&2\nsleep 300');
    expect(await buildWith(browser)).toBe(
      'manuscript/paper.md:1:1  error  Cannot start <tmp>/announcing-chromium: it did not answer within 3000 ms (PAPER_BROWSER_TIMEOUT sets the limit, in ms)  pdf-print\n\n✖ 1 error\nBuild failed; nothing was written.\n',
    );
  });

  it('fails with something that is not an Error: its words, not `[object Object]`', () => {
    // What Puppeteer threw for a DevTools address that refused the connection: a WebSocket ErrorEvent.
    const event = Object.assign(Object.create({ type: 'error' }) as object, { message: 'connect ECONNREFUSED 127.0.0.1:1', error: new Error('connect ECONNREFUSED 127.0.0.1:1') });
    expect(firstLine(event)).toBe('connect ECONNREFUSED 127.0.0.1:1');
    expect(firstLine({ code: 3 })).toBe('{ code: 3 }');
    expect(firstLine('no chromium\nsecond line')).toBe('no chromium');
  });
});
