import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the server shows; it asks for it on every request, so it always serves the latest build. */
export interface WatchPages {
  /** The page, as text or as the bytes already encoded (the server sends the same page many times). */
  page(): string | Uint8Array;
  status(): Record<string, unknown>;
  pdf(): Promise<{ pdf: Uint8Array } | { problem: string }>;
}

/**
 * The preview server: the page at `/`, its PDF at `/paper.pdf`, the build's state at
 * `/status.json`, and `/events`, a stream of server-sent events on which every new build is
 * announced by its number (the page reloads when it is not the one it shows). Listens on the
 * loopback interface only.
 */
export class WatchServer {
  private readonly server: Server;
  private readonly streams = new Set<ServerResponse>();
  private current = 0;

  constructor(private readonly pages: WatchPages) {
    this.server = createServer((request, response) => void this.handle(request, response));
  }

  async listen(port: number): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => resolve());
    });
    const address = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${address.port}/`;
  }

  /** Tell every open page that build `id` is there. */
  announce(id: number): void {
    this.current = id;
    for (const stream of this.streams) stream.write(`event: build\ndata: ${id}\n\n`);
  }

  async close(): Promise<void> {
    for (const stream of this.streams) stream.end();
    this.streams.clear();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const send = (status: number, type: string, body: string | Uint8Array) => {
      const bytes = typeof body === 'string' ? Buffer.from(body) : body;
      response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'content-length': bytes.byteLength });
      response.end(request.method === 'HEAD' ? undefined : bytes);
    };
    if (request.method !== 'GET' && request.method !== 'HEAD') return send(405, 'text/plain; charset=utf-8', 'Only GET\n');
    if (path === '/' || path === '/paper.html') return send(200, 'text/html; charset=utf-8', this.pages.page());
    if (path === '/status.json') return send(200, 'application/json', `${JSON.stringify(this.pages.status())}\n`);
    if (path === '/events') {
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      response.write(`event: build\ndata: ${this.current}\n\n`);
      this.streams.add(response);
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
}
