import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { serverLimits } from '../../scripts/watch/server-limits.js';
import { fromRoot } from '../helpers/paths.js';
import { until } from '../helpers/processes.js';
import { get, openConnection, type OpenConnection } from './raw-http.js';
import { startWatch, type WatchProcess } from './watch-process.js';

/**
 * `paper watch` as a process, run with few file descriptors (`ulimit -n 200`, as in the audit's
 * F21) and flooded with event streams: the page must stay reachable, an edit must still be built
 * (reads must not fail for want of descriptors, and if they did, no loop may spin), and requests
 * that once killed the process (`GET //`) or read the draft from another site (a foreign `Host`)
 * are answered without harm. Nothing here is timed: waits end when the awaited thing happens.
 */

const openFiles = 200;
const scratch = mkdtempSync(join(tmpdir(), 'paper-watch-limits-'));
const folder = join(scratch, 'paper');
cpSync(fromRoot('test/fixtures/papers/mini'), folder, { recursive: true });
const manuscript = join(folder, 'manuscript', 'paper.md');

let watch: WatchProcess | undefined;
const streams: OpenConnection[] = [];
afterAll(() => {
  for (const stream of streams) stream.socket.destroy();
  watch?.killAll();
  rmSync(scratch, { recursive: true, force: true });
});

describe(`paper watch under \`ulimit -n ${openFiles}\``, () => {
  it('serves the page and builds an edit while 250 event streams are asked for, and stops cleanly', async () => {
    const running = await startWatch(folder, { prefix: ['/bin/sh', '-c', `ulimit -n ${openFiles} && exec "$0" "$@"`] });
    watch = running;
    for (let index = 0; index < 250; index++) streams.push(await openConnection(running.port, `GET /events HTTP/1.1\r\nHost: 127.0.0.1:${running.port}`));
    // Each stream is served (it hears build 1) or turned away (503, or closed unanswered).
    await until(() => streams.every((stream) => stream.closed() || stream.received().includes('data: 1\n')), 'every stream to be served or turned away');

    const page = await fetch(running.url, { signal: AbortSignal.timeout(30_000) });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Nothing here but a note.');

    writeFileSync(manuscript, readFileSync(manuscript, 'utf8').replace('Nothing here but a note.', 'Something new here, and a note.'));
    const status = await running.statusWhen((current) => current.build > 1, 'the edit to be built');
    expect(status).toMatchObject({ errors: 0, fresh: true });
    // The save, and one more build for a save seen mid-write: no loop.
    expect(status.build).toBeLessThanOrEqual(3);
    expect(await (await fetch(running.url)).text()).toContain('Something new here, and a note.');

    // As many streams as the documented limit allows under this open-file limit.
    expect(streams.filter((stream) => !stream.closed()).length).toBe(serverLimits(openFiles).eventStreams);

    // Requests that once stopped the process or read the draft from elsewhere.
    expect((await get(running.port, '//')).status).toBe(404);
    expect((await get(running.port, '/status.json', 'evil.example')).status).toBe(403);
    expect((await get(running.port, '/status.json')).status).toBe(200);

    for (const stream of streams.splice(0)) stream.socket.destroy();
    process.kill(running.pid, 'SIGINT');
    await until(() => running.hasExited(), 'paper watch to exit after Ctrl-C', 30_000);
    expect(await running.exited).toEqual({ code: 0, signal: null });
  });
});
