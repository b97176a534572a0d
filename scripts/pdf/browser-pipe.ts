import type { Readable, Writable } from 'node:stream';
import type { ConnectionTransport } from 'puppeteer-core';

/**
 * The DevTools protocol over the pipe Chromium opens with `--remote-debugging-pipe`: JSON messages
 * ended by a NUL byte, written to the browser's file descriptor 3 and read from its 4. Puppeteer
 * has the same class, but keeps it internal (it is not in its public types); this is the public
 * `ConnectionTransport` that `connect({ transport })` takes.
 */
export class BrowserPipe implements ConnectionTransport {
  onmessage?: (message: string) => void;
  onclose?: () => void;
  private pending: Buffer[] = [];
  private closed = false;

  constructor(
    private readonly toBrowser: Writable,
    fromBrowser: Readable,
  ) {
    fromBrowser.on('data', (chunk: Buffer) => this.receive(chunk));
    fromBrowser.on('close', () => {
      this.closed = true;
      this.onclose?.();
    });
    // A browser that dies mid-message: the close event says so; the error itself adds nothing.
    fromBrowser.on('error', () => undefined);
    toBrowser.on('error', () => undefined);
  }

  send(message: string): void {
    if (this.closed) return;
    this.toBrowser.write(`${message}\0`);
  }

  close(): void {
    this.closed = true;
    this.toBrowser.end();
  }

  private receive(chunk: Buffer): void {
    let end = chunk.indexOf(0);
    if (end === -1) {
      this.pending.push(chunk);
      return;
    }
    let start = 0;
    while (end !== -1) {
      const message = Buffer.concat([...this.pending, chunk.subarray(start, end)]).toString('utf8');
      this.pending = [];
      // One message a macrotask, as Puppeteer's own transports deliver them: what a message
      // starts (promises resolved, sessions attached) settles before the next one arrives.
      setImmediate(() => this.onmessage?.(message));
      start = end + 1;
      end = chunk.indexOf(0, start);
    }
    if (start < chunk.length) this.pending.push(chunk.subarray(start));
  }
}
