import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fromRoot } from '../helpers/paths.js';
import { processesCarrying, until } from '../helpers/processes.js';
import { browserGroupsOf, startWatch, type WatchProcess } from './watch-process.js';

/**
 * The PDF that `paper watch` prints on request, as a process: how many browsers it starts, and
 * whether it still stops cleanly after. Browsers are counted by PID (the process groups started
 * below the watch process), never by name; what outlives a watch is found by an environment
 * variable that each watch, and so every process it starts, carries.
 */

const scratch = mkdtempSync(join(tmpdir(), 'paper-watch-pdf-'));
const folder = join(scratch, 'paper');
cpSync(fromRoot('test/fixtures/papers/mini'), folder, { recursive: true });
// The watch's own temporary folder: what it leaves there is what it leaked.
const temporary = join(scratch, 'tmp');
mkdirSync(temporary);

const watches: WatchProcess[] = [];
const marker = 'PAPER_WATCH_PDF_TEST';
/** Start a watch whose processes (its browser's too) carry `marker=mark` in their environment. */
async function watchMarked(mark: string): Promise<WatchProcess> {
  const watch = await startWatch(folder, { env: { TMPDIR: temporary, [marker]: mark } });
  watches.push(watch);
  return watch;
}
const survivors = (mark: string) => processesCarrying(marker, mark).map((found) => found.pid);

afterAll(() => {
  for (const each of watches) each.killAll();
  for (const mark of ['five', 'interrupted']) {
    for (const pid of survivors(mark)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Gone meanwhile.
      }
    }
  }
  rmSync(scratch, { recursive: true, force: true });
});

describe('the PDF of paper watch', () => {
  it('starts one browser for five first requests at once, and stops on Ctrl-C with it closed', async () => {
    const watch = await watchMarked('five');
    const url = `${watch.url}paper.pdf`;
    const answers = await Promise.all(Array.from({ length: 5 }, async () => {
      const response = await fetch(url);
      return { status: response.status, bytes: Buffer.from(await response.arrayBuffer()) };
    }));
    expect(browserGroupsOf(watch.pid)).toHaveLength(1);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200]);
    expect(answers[0]?.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    for (const answer of answers) expect(answer.bytes.equals(answers[0]?.bytes ?? Buffer.alloc(0))).toBe(true);

    process.kill(watch.pid, 'SIGINT');
    await until(() => watch.hasExited(), 'paper watch to exit after Ctrl-C', 30_000);
    expect(await watch.exited).toEqual({ code: 0, signal: null });
    await until(() => survivors('five').length === 0, 'the browser processes to end', 30_000);
    expect(readdirSync(temporary).filter((name) => name.startsWith('paper-watch-'))).toEqual([]);
  });

  it('stops on Ctrl-C that comes while the first requests start the browser, leaving no process behind', async () => {
    const running = await watchMarked('interrupted');
    const url = `${running.url}paper.pdf`;
    const requests = Promise.all(Array.from({ length: 5 }, () => fetch(url).then((response) => response.status, () => 0)));
    // The signal lands while the browser starts or prints (which, depends on the machine): either way, all of it ends.
    await until(() => browserGroupsOf(running.pid).length > 0, 'a browser to start');
    process.kill(running.pid, 'SIGINT');
    await until(() => running.hasExited(), 'paper watch to exit after Ctrl-C', 30_000);
    expect(await running.exited).toEqual({ code: 0, signal: null });
    await requests;
    await until(() => survivors('interrupted').length === 0, 'the browser processes to end', 30_000);
    expect(readdirSync(temporary).filter((name) => name.startsWith('paper-watch-'))).toEqual([]);
  });
});
