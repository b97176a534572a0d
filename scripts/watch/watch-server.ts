import { createServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { openFileLimit, serverLimits, type ServerLimits } from './server-limits.js';

/** What the server shows; it asks for it on every request, so it always serves the latest build. */
export interface WatchPages {
  /** The page, as text or as the bytes already encoded (the server sends the same page many times). */
  page(): string | Uint8Array;
  status(): Record<string, unknown>;
  pdf(): Promise<{ pdf: Uint8Array } | { problem: string }>;
}

export interface WatchServerOptions {
  /** By default the documented limits, or fewer under a low open-file limit (`server-limits.ts`). */
  limits?: ServerLimits | undefined;
  /** Told of an error that making an answer threw (the request is answered 500; the server goes on). */
  onError?: ((error: unknown) => void) | undefined;
}

/**
 * Sent with every answer: no content sniffing (a status or an error text is never run as a page),
 * and no reading of any answer by another site's page (`<img src>`, `<script src>` from elsewhere).
 */
const everyAnswer = { 'x-content-type-options': 'nosniff', 'cross-origin-resource-policy': 'same-origin' };

/**
 * The preview server: the page at `/`, its PDF at `/paper.pdf`, the build's state at
 * `/status.json`, and `/events`, a stream of server-sent events on which every new build is
 * announced by its number (the page reloads when it is not the one it shows). Listens on the
 * loopback interface only, and answers only requests whose `Host` is that address (or `localhost`)
 * with its port: a web page the author opens elsewhere cannot read the draft by pointing its own
 * name at 127.0.0.1 (DNS rebinding). No request can stop it: whatever making an answer throws is a
 * 500, a request it cannot parse is a 400, and connections, event streams and request heads are
 * limited (`ServerLimits`).
 */
export class WatchServer {
  private readonly server: Server;
  private readonly limits: ServerLimits;
  private readonly streams = new Set<ServerResponse>();
  /** Sockets with an answer under way: a parse error on them must not write a second answer into it. */
  private readonly answering = new WeakSet<Duplex>();
  /** The `Host` values that name this server: set once it listens. */
  private hosts = new Set<string>();
  private open = 0;
  private current = 0;

  constructor(
    private readonly pages: WatchPages,
    private readonly options: WatchServerOptions = {},
  ) {
    this.limits = options.limits ?? serverLimits(openFileLimit());
    const { headerBytes, headerMilliseconds } = this.limits;
    // A connection that never completes a request (an idle socket, a slow trickle) is closed in time.
    const timeouts = { headersTimeout: headerMilliseconds, requestTimeout: headerMilliseconds, connectionsCheckingInterval: Math.min(1000, headerMilliseconds) };
    this.server = createServer({ maxHeaderSize: headerBytes, ...timeouts }, (request, response) => {
      this.answering.add(request.socket);
      response.on('close', () => this.answering.delete(request.socket));
      this.handle(request, response).catch((error: unknown) => this.failed(request, response, error));
    });
    // Beyond this, Node closes a new connection as soon as it is accepted.
    this.server.maxConnections = this.limits.connections;
    this.server.on('connection', (socket) => {
      this.open++;
      socket.on('close', () => this.open--);
    });
    this.server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => this.unparsable(error, socket));
  }

  async listen(port: number): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => resolve());
    });
    const address = this.server.address() as AddressInfo;
    this.hosts = new Set([`127.0.0.1:${address.port}`, `localhost:${address.port}`]);
    return `http://127.0.0.1:${address.port}/`;
  }

  /** Tell every open page that build `id` is there. */
  announce(id: number): void {
    this.current = id;
    for (const stream of this.streams) stream.write(`event: build\ndata: ${id}\n\n`);
  }

  /** How many connections are open now. */
  connections(): number {
    return this.open;
  }

  async close(): Promise<void> {
    for (const stream of this.streams) stream.end();
    this.streams.clear();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const send = (status: number, type: string, body: string | Uint8Array) => this.send(request, response, status, type, body);
    if (!this.hosts.has(request.headers.host?.toLowerCase() ?? '')) return send(403, 'text/plain; charset=utf-8', 'Forbidden\n');
    if (request.method !== 'GET' && request.method !== 'HEAD') return send(405, 'text/plain; charset=utf-8', 'Only GET\n');
    if (hasBody(request)) return send(413, 'text/plain; charset=utf-8', 'No request body is taken\n');
    const path = requestPath(request.url ?? '');
    if (path === undefined) return send(400, 'text/plain; charset=utf-8', 'Bad request\n');
    if (path === '/' || path === '/paper.html') return send(200, 'text/html; charset=utf-8', this.pages.page());
    if (path === '/status.json') return send(200, 'application/json', `${JSON.stringify(this.pages.status())}\n`);
    if (path === '/events') {
      // Closed with the answer: a page turned away must not hold a connection open.
      if (this.streams.size >= this.limits.eventStreams) return this.send(request, response, 503, 'text/plain; charset=utf-8', 'Too many event streams\n', true);
      response.writeHead(200, { ...everyAnswer, 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      response.write(`event: build\ndata: ${this.current}\n\n`);
      this.streams.add(response);
      response.on('error', () => this.streams.delete(response));
      request.on('close', () => this.streams.delete(response));
      return undefined;
    }
    if (path === '/paper.pdf') {
      const result = await this.pages.pdf().catch((error: unknown) => ({ problem: error instanceof Error ? error.message : String(error) }));
      if ('pdf' in result) return send(200, 'application/pdf', result.pdf);
      return send(503, 'text/plain; charset=utf-8', `${result.problem}\n`);
    }
    return send(404, 'text/plain; charset=utf-8', 'Not found\n');
  }

  private send(request: IncomingMessage, response: ServerResponse, status: number, type: string, body: string | Uint8Array, close = false): void {
    const bytes = typeof body === 'string' ? Buffer.from(body) : body;
    // A body is never read: the connection ends with the answer instead of reading it to its end.
    const ending = close || hasBody(request) ? { connection: 'close' } : {};
    response.writeHead(status, { ...everyAnswer, ...ending, 'content-type': type, 'cache-control': 'no-store', 'content-length': bytes.byteLength });
    response.end(request.method === 'HEAD' ? undefined : bytes);
  }

  /** Making an answer threw: a 500 if nothing was sent yet, else the connection is cut. The server goes on. */
  private failed(request: IncomingMessage, response: ServerResponse, error: unknown): void {
    this.options.onError?.(error);
    if (response.headersSent) response.destroy();
    else this.send(request, response, 500, 'text/plain; charset=utf-8', 'Internal error\n');
  }

  /** Node's own answer to a request it cannot parse (400, 431 for a head too long, 408), with our headers. */
  private unparsable(error: NodeJS.ErrnoException, socket: Duplex): void {
    if (error.code === 'ECONNRESET' || !socket.writable || this.answering.has(socket)) {
      socket.destroy();
      return;
    }
    const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
    const headers = Object.entries(everyAnswer).map(([name, value]) => `${name}: ${value}\r\n`).join('');
    socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${headers}content-length: 0\r\nconnection: close\r\n\r\n`);
  }
}

/** Whether the request says it has a body (the server takes none). */
function hasBody(request: IncomingMessage): boolean {
  return request.headers['transfer-encoding'] !== undefined || (request.headers['content-length'] !== undefined && request.headers['content-length'] !== '0');
}

/**
 * The path of an origin-form request target (`/status.json?x`), or undefined when no page can have
 * it: a target not starting with `/` (`*`, `http://…`), a backslash, a `%` not followed by two hex
 * digits. Only compared with the server's own paths, never decoded or resolved, so it cannot throw
 * (a URL parser throws on `//` and `/\`) or lead into the file system.
 */
function requestPath(target: string): string | undefined {
  const path = target.split('?', 1)[0] ?? '';
  if (!path.startsWith('/') || path.includes('\\') || /%(?![0-9a-f]{2})/i.test(target)) return undefined;
  return path;
}
