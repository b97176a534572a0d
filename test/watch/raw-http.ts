import { connect, type Socket } from 'node:net';

/**
 * HTTP/1.1 spoken by hand, for the watch server's tests: a request line or a `Host` header that
 * `fetch` would refuse or rewrite (`GET //`, `GET /\`, `Host: evil.example`) goes out byte for byte,
 * and the answer comes back as it was sent.
 */

export interface RawAnswer {
  /** 0 when the server closed the connection without an answer. */
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body: string;
}

/** Parse what a server sent on a closed connection (one answer). */
export function parseAnswer(raw: string): RawAnswer {
  const end = raw.indexOf('\r\n\r\n');
  if (end === -1) return { status: 0, headers: {}, body: raw };
  const [statusLine = '', ...lines] = raw.slice(0, end).split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? 0), headers, body: raw.slice(end + 4) };
}

/** Send `head` (request line and headers, CRLF-separated, without the blank line) and read until the server closes. */
export async function rawRequest(port: number, head: string, body = ''): Promise<RawAnswer> {
  const socket = connect(port, '127.0.0.1');
  let raw = '';
  socket.setEncoding('latin1').on('data', (chunk: string) => (raw += chunk));
  const closed = new Promise<void>((resolve) => {
    socket.on('close', () => resolve());
    // A reset after the answer (the server refused the rest of the request): the answer still counts.
    socket.on('error', () => undefined);
  });
  socket.write(`${head}\r\nConnection: close\r\n\r\n${body}`);
  await closed;
  return parseAnswer(raw);
}

/** `GET path` with the Host header a browser on the page would send. */
export function get(port: number, path: string, host = `127.0.0.1:${port}`, method = 'GET'): Promise<RawAnswer> {
  return rawRequest(port, `${method} ${path} HTTP/1.1\r\nHost: ${host}`);
}

/** A connection that stays open: an `/events` stream, or a socket that sends nothing. */
export interface OpenConnection {
  socket: Socket;
  /** Everything received so far. */
  received(): string;
  /** Whether the server has closed it. */
  closed(): boolean;
}

export function openConnection(port: number, head?: string): Promise<OpenConnection> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let raw = '';
    let closed = false;
    socket.setEncoding('latin1').on('data', (chunk: string) => (raw += chunk));
    socket.on('close', () => (closed = true));
    socket.on('error', () => undefined);
    socket.on('connect', () => {
      if (head !== undefined) socket.write(`${head}\r\n\r\n`);
      resolve({ socket, received: () => raw, closed: () => closed });
    });
  });
}
