import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverLimits } from '../../scripts/watch/server-limits.js';
import { WatchServer, type WatchPages } from '../../scripts/watch/watch-server.js';
import { until } from '../helpers/processes.js';
import { get, openConnection, rawRequest, type OpenConnection, type RawAnswer } from './raw-http.js';

/**
 * The preview server on its own, with stand-in pages: what it answers to requests a browser, a
 * hostile page or a flood can send. (`watch-command.test.ts` runs the whole `paper watch`.)
 */

let failStatus = false;
const pages: WatchPages = {
  page: () => '<!doctype html><p>The page</p>',
  status: () => {
    if (failStatus) throw new Error('no status today');
    return { build: 1 };
  },
  pdf: async () => ({ problem: 'No PDF here' }),
};
const errors: unknown[] = [];
const server = new WatchServer(pages, { onError: (error) => errors.push(error) });
let port = 0;
let url = '';

beforeAll(async () => {
  url = await server.listen(0);
  port = Number(new URL(url).port);
  server.announce(1);
});
afterAll(() => server.close());

/** The headers every answer carries, whatever it is. */
const everywhere = { 'x-content-type-options': 'nosniff', 'cross-origin-resource-policy': 'same-origin' };

describe('the watch server', () => {
  it('listens on 127.0.0.1 only', () => {
    expect(url).toBe(`http://127.0.0.1:${port}/`);
  });

  it('answers requests whose path no URL parser takes (`//`, `/\\`) instead of crashing, and keeps serving', async () => {
    const answers: Array<[string, number]> = [];
    for (const line of ['GET //', 'GET ///', 'GET /\\', 'GET //a b', 'GET //a%20b', 'GET /%zz', 'GET *', 'OPTIONS //', 'HEAD //']) {
      const answer = await rawRequest(port, `${line} HTTP/1.1\r\nHost: 127.0.0.1:${port}`);
      answers.push([line, answer.status]);
    }
    expect(answers).toEqual([
      ['GET //', 404],
      ['GET ///', 404],
      ['GET /\\', 400],
      ['GET //a b', 400],
      ['GET //a%20b', 404],
      ['GET /%zz', 400],
      ['GET *', 400],
      ['OPTIONS //', 405],
      ['HEAD //', 404],
    ]);
    expect((await get(port, '/status.json')).status).toBe(200);
  });

  it('answers 500 when making an answer fails, and keeps serving', async () => {
    failStatus = true;
    const failed = await get(port, '/status.json');
    failStatus = false;
    expect(failed).toMatchObject({ status: 500, body: 'Internal error\n' });
    expect(errors.map(String)).toEqual(['Error: no status today']);
    expect((await get(port, '/status.json')).status).toBe(200);
  });

  it('answers 403 unless the Host is 127.0.0.1:PORT or localhost:PORT (no DNS rebinding)', async () => {
    const foreign = ['evil.example', `evil.example:${port}`, '127.0.0.1', `127.0.0.1:${port + 1}`, `localhost.evil.example:${port}`, `[::1]:${port}`, `0.0.0.0:${port}`, `127.0.0.1:${port}@evil.example`];
    for (const path of ['/', '/paper.html', '/status.json', '/paper.pdf', '/events', '/nothing']) {
      for (const host of foreign) expect(await get(port, path, host), `${host} ${path}`).toMatchObject({ status: 403, body: 'Forbidden\n' });
    }
    // HTTP/1.0 may leave the Host out; without one, nothing says which site the page came from.
    expect((await rawRequest(port, 'GET /status.json HTTP/1.0')).status).toBe(403);
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LocalHost:${port}`]) expect((await get(port, '/status.json', host)).status, host).toBe(200);
  });

  it('sends `nosniff` and `Cross-Origin-Resource-Policy: same-origin` with every answer', async () => {
    const answers: Array<[string, RawAnswer]> = [
      ['page', await get(port, '/')],
      ['status', await get(port, '/status.json')],
      ['pdf problem', await get(port, '/paper.pdf')],
      ['not found', await get(port, '/nothing')],
      ['method', await get(port, '/', undefined, 'POST')],
      ['host', await get(port, '/', 'evil.example')],
      ['bad path', await get(port, '/\\')],
      ['body', await rawRequest(port, `GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Length: 5`, 'hello')],
      ['long head', await get(port, `/${'x'.repeat(20_000)}`)],
      ['unparsable', await rawRequest(port, `GET / HTTP/9.9\r\nHost: 127.0.0.1:${port}`)],
    ];
    const stream = await openConnection(port, `GET /events HTTP/1.1\r\nHost: 127.0.0.1:${port}`);
    await until(() => stream.received().includes('data: 1'), 'the event stream to start');
    stream.socket.destroy();
    const streamHead = stream.received().toLowerCase();
    for (const [what, answer] of answers) {
      expect(answer.status, what).toBeGreaterThan(0);
      expect(answer.headers, what).toMatchObject(everywhere);
    }
    expect(streamHead).toContain('x-content-type-options: nosniff');
    expect(streamHead).toContain('cross-origin-resource-policy: same-origin');
  });

  it('answers 404 to any path but its own pages: nothing of the paper folder is served', async () => {
    const paths = ['/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2fetc/passwd', '/%2fetc%2fpasswd', '/etc/passwd', '/manuscript/paper.md', '/paper/manuscript/paper.md', '/.git/config', '/bibliography/references.bib'];
    for (const path of paths) expect(await get(port, path), path).toMatchObject({ status: 404, body: 'Not found\n' });
  });

  it('answers 405 to methods other than GET and HEAD, and HEAD with no body', async () => {
    for (const method of ['POST', 'OPTIONS', 'PUT', 'DELETE', 'TRACE', 'PATCH']) expect((await get(port, '/', undefined, method)).status, method).toBe(405);
    expect(await get(port, '/', undefined, 'HEAD')).toMatchObject({ status: 200, body: '' });
  });

  it('takes no request body (413) and no request head over 8 KiB (431)', async () => {
    expect((await rawRequest(port, `GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Length: 5`, 'hello')).status).toBe(413);
    expect((await rawRequest(port, `GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nTransfer-Encoding: chunked`, '5\r\nhello\r\n0\r\n\r\n')).status).toBe(413);
    for (const length of [9_000, 20_000, 100_000]) expect((await get(port, `/${'x'.repeat(length)}`)).status, `${length}`).toBe(431);
    expect((await rawRequest(port, `GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Padding: ${'x'.repeat(9_000)}`)).status).toBe(431);
    // Just under the limit is fine.
    expect((await get(port, `/${'x'.repeat(7_000)}`)).status).toBe(404);
  });
});

describe('the watch server under many connections', () => {
  const open: OpenConnection[] = [];
  const closeAll = async () => {
    for (const connection of open.splice(0)) connection.socket.destroy();
    await until(() => server.connections() === 0, 'the server to see every connection closed');
  };
  afterAll(closeAll);

  it('has documented limits: 256 connections, 200 of them event streams, 8 KiB of request head in 10 s; fewer connections under a low open-file limit', () => {
    const fixed = { headerBytes: 8192, headerMilliseconds: 10_000 };
    expect(serverLimits(1_048_576)).toEqual({ connections: 256, eventStreams: 200, ...fixed });
    expect(serverLimits(Number.POSITIVE_INFINITY)).toEqual({ connections: 256, eventStreams: 200, ...fixed });
    // 64 files stay free for reading the paper; 16 connections for the page itself.
    expect(serverLimits(200)).toEqual({ connections: 136, eventStreams: 120, ...fixed });
    expect(serverLimits(50)).toEqual({ connections: 16, eventStreams: 8, ...fixed });
  });

  it('serves 200 event streams at once, each told of the next build', async () => {
    for (let index = 0; index < 200; index++) open.push(await openConnection(port, `GET /events HTTP/1.1\r\nHost: 127.0.0.1:${port}`));
    await until(() => open.every((stream) => stream.received().includes('data: 1\n')), 'every stream to hear build 1');
    server.announce(2);
    await until(() => open.every((stream) => stream.received().includes('data: 2\n')), 'every stream to hear build 2');
    expect(open.every((stream) => !stream.closed())).toBe(true);
  });

  it('answers 503 to an event stream beyond 200, and still serves the page', async () => {
    const extra = await rawRequest(port, `GET /events HTTP/1.1\r\nHost: 127.0.0.1:${port}`);
    expect(extra).toMatchObject({ status: 503, body: 'Too many event streams\n' });
    expect((await get(port, '/')).status).toBe(200);
  });

  it('closes connections beyond 256 unanswered, and answers again once some end', async () => {
    while (open.length < 256) open.push(await openConnection(port));
    await until(() => server.connections() === 256, 'the server to hold 256 connections');
    const refused = await get(port, '/status.json');
    expect(refused.status).toBe(0);
    open.pop()?.socket.destroy();
    await until(() => server.connections() === 255, 'a connection to end');
    expect((await get(port, '/status.json')).status).toBe(200);
    await closeAll();
  });
});

describe('the watch server, with a connection that sends no request', () => {
  const quick = new WatchServer(pages, { limits: { ...serverLimits(Number.POSITIVE_INFINITY), headerMilliseconds: 200 } });
  afterAll(() => quick.close());

  it('answers 408 and closes it once the time for a request head is up, freeing its place; an event stream stays', async () => {
    const quickPort = Number(new URL(await quick.listen(0)).port);
    const stream = await openConnection(quickPort, `GET /events HTTP/1.1\r\nHost: 127.0.0.1:${quickPort}`);
    const idle = await openConnection(quickPort);
    // The test's own limit is a hang detector: the server closes it after 0.2 s to about 1.2 s.
    await until(() => idle.closed(), 'the server to close the idle connection', 30_000);
    expect(idle.received()).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    expect(idle.received().toLowerCase()).toContain('x-content-type-options: nosniff');
    // An event stream sent its whole request: it stays open, however long it lasts.
    expect(stream.closed()).toBe(false);
    stream.socket.destroy();
    await until(() => quick.connections() === 0, 'the server to count them closed');
  });
});
