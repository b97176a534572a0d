import { readFileSync } from 'node:fs';

/**
 * How much the preview server takes at once. Every connection holds a file descriptor, and so does
 * every read of the paper's sources: a flood of connections (a page that opens hundreds of
 * `/events` streams, or idle sockets) must not leave the rebuild unable to read the manuscript, nor
 * the page unreachable. The numbers are the README's (watch section).
 */
export interface ServerLimits {
  /** Connections open at once, event streams included; the server closes any beyond, unanswered. */
  connections: number;
  /** `/events` streams open at once; one more is answered 503. Fewer than `connections`, so the page still loads. */
  eventStreams: number;
  /** The request line and headers together, in bytes; a longer head is answered 431. */
  headerBytes: number;
  /** How long a connection may take to send a whole request head, in ms; then it is answered 408 and closed (idle ones too). */
  headerMilliseconds: number;
}

const most = { connections: 256, eventStreams: 200, headerBytes: 8192, headerMilliseconds: 10_000 };
/** Descriptors left for reading the paper, the watcher and the printing browser's pipes. */
const keptForReading = 64;
/** Connections left for pages and the PDF when event streams take all they may. */
const keptForPages = 16;

/** The limits under an open-file limit (`ulimit -n`): the documented ones, or fewer when it is low. */
export function serverLimits(openFiles: number): ServerLimits {
  const connections = Math.max(keptForPages, Math.min(most.connections, openFiles - keptForReading));
  const eventStreams = Math.max(Math.floor(connections / 2), Math.min(most.eventStreams, connections - keptForPages));
  return { connections, eventStreams, headerBytes: most.headerBytes, headerMilliseconds: most.headerMilliseconds };
}

/** This process's soft limit on open files (Linux: `/proc/self/limits`); unlimited when unknown. */
export function openFileLimit(): number {
  try {
    const soft = /^Max open files\s+(\S+)/m.exec(readFileSync('/proc/self/limits', 'utf8'))?.[1];
    const limit = Number(soft);
    return Number.isFinite(limit) && limit > 0 ? limit : Number.POSITIVE_INFINITY;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}
