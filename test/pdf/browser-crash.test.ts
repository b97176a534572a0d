import { chmodSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { testBrowser } from '../helpers/browser.js';
import { fromRoot } from '../helpers/paths.js';
import { runMain } from '../helpers/run-cli.js';

/**
 * A browser that crashes as it starts (a fault signal, before it answers) is started once more;
 * one that fails in any other way, or crashes twice, is reported. The browsers here are shell
 * scripts that count their starts, crash (or exit) the first `failures` times, then start the
 * real Chromium.
 */

const scratch = mkdtempSync(join(tmpdir(), 'paper-browser-crash-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let papers = 0;
async function setUp(failures: number, how: 'crash' | 'exit'): Promise<{ folder: string; browser: string; starts: () => number }> {
  const folder = join(scratch, `paper-${++papers}`);
  cpSync(fromRoot('test/fixtures/papers/mini'), folder, { recursive: true });
  const count = join(folder, 'starts');
  writeFileSync(count, '');
  const { executablePath: chromium, libraries } = await testBrowser();
  const libraryPath = libraries ? `LD_LIBRARY_PATH="${libraries}" ` : '';
  const fail = how === 'crash' ? 'echo "Received signal 11 SEGV_MAPERR 000000000000" >&2; kill -SEGV $$' : 'echo "cannot open display" >&2; exit 1';
  const browser = join(folder, 'failing-chromium');
  writeFileSync(
    browser,
    `#!/bin/sh\necho start >> "${count}"\nif [ "$(wc -l < "${count}")" -le ${failures} ]; then ${fail}; fi\n${libraryPath}exec "${chromium}" "$@"\n`,
  );
  chmodSync(browser, 0o755);
  const starts = () => readFileSync(count, 'utf8').split('\n').filter(Boolean).length;
  return { folder, browser, starts };
}

const build = (folder: string, browser: string) =>
  runMain(['build', '.', '--quiet'], folder, { PUPPETEER_EXECUTABLE_PATH: browser, SOURCE_DATE_EPOCH: '1296691200' });

describe('a browser that dies as it starts', () => {
  it('is started once more when it crashed, and the paper is printed', async () => {
    const { folder, browser, starts } = await setUp(1, 'crash');
    const run = await build(folder, browser);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(starts()).toBe(2);
    expect(readFileSync(join(folder, 'build/paper.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('is reported when it crashes a second time', async () => {
    const { folder, browser, starts } = await setUp(2, 'crash');
    const run = await build(folder, browser);
    expect(run.status).toBe(1);
    expect(starts()).toBe(2);
    expect(run.stderr).toBe(
      `manuscript/paper.md:1:1  error  Cannot start ${browser}: it was killed by SIGSEGV and said \`Received signal 11 SEGV_MAPERR 000000000000\`  pdf-print\n\n✖ 1 error\nBuild failed; nothing was written.\n`,
    );
  });

  it('is not started again when it exited with an error of its own', async () => {
    const { folder, browser, starts } = await setUp(1, 'exit');
    const run = await build(folder, browser);
    expect(run.status).toBe(1);
    expect(starts()).toBe(1);
    expect(run.stderr).toBe(
      `manuscript/paper.md:1:1  error  Cannot start ${browser}: it exited with code 1 and said \`cannot open display\`  pdf-print\n\n✖ 1 error\nBuild failed; nothing was written.\n`,
    );
  });
});
