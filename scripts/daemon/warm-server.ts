import { randomBytes } from 'node:crypto';
import { lstatSync, unlinkSync } from 'node:fs';
import { link, lstat, realpath, rename, unlink } from 'node:fs/promises';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { requestedRoot } from './requested-paper.js';
import { privateSocketFolder, socketPath } from './socket-place.js';
import { Turns } from './turns.js';
import { answeredCommands, differences, encode, lineReader, readInterrupt, readRequest, sameness, type Interrupt, type RunRequest, type WarmAnswer } from './warm-protocol.js';

/** Where an answered command writes: back to its client, which writes it to its own stdout and stderr. */
export interface WarmOutput {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** The interrupts the client's user sends while its command runs here (and `SIGHUP` when the client goes). */
export interface ClientInterrupts {
  listen(listener: (signal: Interrupt) => void): () => void;
}

/** Runs one answered command, as `main()` would in the client, and gives its exit code. */
export type WarmHandler = (run: { argv: string[]; cwd: string }, output: WarmOutput, interrupts: ClientInterrupts) => Promise<number>;

export interface ServeOptions {
  /** The paper folder answered for. */
  root: string;
  handler: WarmHandler;
  /** Shared with the session's own work (a watch's rebuilds), so that the two take turns. */
  turns?: Turns | undefined;
  /** Where the socket's folder is found (`XDG_RUNTIME_DIR`, `TMPDIR`). */
  env?: NodeJS.ProcessEnv | undefined;
}

/** A request line is at most this long: argv, a working folder and a few variables. */
const requestLimit = 1 << 20;
/** A client that sends no whole request line within this is let go. */
const requestMilliseconds = 10_000;
/** Connections at once: one user's commands, each waiting its turn. */
const mostConnections = 64;

/**
 * Answer `paper check` and `paper build` for the paper folder `root` on its socket
 * (`socket-place.ts`), until `close()`. A second warm process for the same paper leaves the first
 * its socket and answers nothing (`problem` says so); a socket whose process is gone is replaced.
 */
export async function serveWarm(options: ServeOptions): Promise<WarmServer | { problem: string }> {
  const root = await realpath(options.root).catch(() => undefined);
  if (root === undefined) return { problem: `cannot find \`${options.root}\`` };
  const place = await privateSocketFolder(options.env);
  if ('problem' in place) return place;
  const server = new WarmServer(root, socketPath(place.folder, root), options.handler, options.turns ?? new Turns());
  const problem = await server.listen(place.folder);
  return problem === undefined ? server : { problem };
}

export class WarmServer {
  /** Commands answered to the end. */
  answered = 0;
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  /** Accepted, waiting for their turn. */
  private readonly waiting = new Set<Socket>();
  private readonly tasks = new Set<Promise<void>>();
  private closing: Promise<void> | undefined;
  /** The socket's inode: the name is removed at the end only while it is still this one. */
  private inode: number | undefined;

  constructor(
    readonly root: string,
    readonly path: string,
    private readonly handler: WarmHandler,
    private readonly turns: Turns,
  ) {
    this.server = createServer((socket) => this.accept(socket));
    this.server.maxConnections = mostConnections;
    this.server.on('error', () => undefined);
  }

  /**
   * Listen on a name of its own in the folder, then give the socket its place in one step: a hard
   * link, which fails when another warm process is there. A socket nobody answers on (its process
   * was killed) is replaced by a rename, also in one step, so no client finds the place empty.
   */
  async listen(folder: string): Promise<string | undefined> {
    const temporary = join(folder, `${randomBytes(6).toString('hex')}.tmp`);
    try {
      await new Promise<void>((resolve, reject) => {
        this.server.once('error', reject);
        this.server.listen(temporary, () => {
          this.server.off('error', reject);
          resolve();
        });
      });
    } catch (error) {
      return `cannot listen in \`${folder}\`: ${(error as NodeJS.ErrnoException).code ?? String(error)}`;
    }
    try {
      await link(temporary, this.path);
      await unlink(temporary);
    } catch (error) {
      const problem = (error as NodeJS.ErrnoException).code !== 'EEXIST' ? `cannot place its socket: ${(error as NodeJS.ErrnoException).code ?? String(error)}` : (await answers(this.path)) ? 'another `paper watch` or `paper lsp` answers for this paper' : undefined;
      if (problem !== undefined) {
        await new Promise((resolve) => this.server.close(resolve));
        await unlink(temporary).catch(() => undefined);
        return problem;
      }
      await rename(temporary, this.path);
    }
    this.inode = (await lstat(this.path)).ino;
    process.on('exit', this.removeAtExit);
    return undefined;
  }

  /** A process that exits without `close()` (`process.exit`, a forced exit) still takes its socket's name with it. */
  private readonly removeAtExit = () => {
    try {
      if (lstatSync(this.path).ino === this.inode) unlinkSync(this.path);
    } catch {
      // Gone already.
    }
  };

  /** Stop: no new command is taken, those waiting are let go (their clients run them cold), the one running ends first. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      process.off('exit', this.removeAtExit);
      const info = await lstat(this.path).catch(() => undefined);
      if (info && info.ino === this.inode) await unlink(this.path).catch(() => undefined);
      const stopped = new Promise((resolve) => this.server.close(resolve));
      for (const socket of this.waiting) socket.destroy();
      await Promise.all(this.tasks);
      // The answers given are sent to the end (within a second), the connections that asked nothing yet are cut.
      await Promise.all([...this.sockets].map((socket) => (socket.writableEnded ? flushed(socket) : undefined)));
      for (const socket of this.sockets) socket.destroy();
      await stopped;
    })();
    return this.closing;
  }

  private accept(socket: Socket): void {
    this.sockets.add(socket);
    socket.on('error', () => undefined);
    const listeners = new Set<(signal: Interrupt) => void>();
    /** The first interrupt: a command that starts listening later (it waited for its turn) is told at once. */
    let received: Interrupt | undefined;
    const interrupt = (signal: Interrupt) => {
      received ??= signal;
      for (const listener of listeners) listener(signal);
    };
    const timer = setTimeout(() => socket.destroy(), requestMilliseconds);
    let requested = false;
    socket.on('close', () => {
      clearTimeout(timer);
      this.sockets.delete(socket);
      this.waiting.delete(socket);
      // A client that went (killed, or its terminal closed) interrupts its command as a hang-up would.
      interrupt('SIGHUP');
    });
    const send = (answer: WarmAnswer) => {
      if (!socket.destroyed && socket.writable) socket.write(encode(answer));
    };
    const interrupts: ClientInterrupts = {
      listen: (listener) => {
        listeners.add(listener);
        if (received) listener(received);
        return () => listeners.delete(listener);
      },
    };
    const read = lineReader(
      (line) => {
        if (requested) {
          const signal = readInterrupt(line);
          if (signal) interrupt(signal);
          return;
        }
        requested = true;
        clearTimeout(timer);
        this.answer(line, socket, send, interrupts).catch(() => socket.destroy());
      },
      requestLimit,
      () => {
        send({ error: 'the request is too long' });
        socket.end();
      },
    );
    socket.on('data', read);
  }

  private async answer(line: string, socket: Socket, send: (answer: WarmAnswer) => void, interrupts: ClientInterrupts): Promise<void> {
    const request = readRequest(line);
    if ('malformed' in request) {
      send({ error: `a malformed request: ${request.malformed}` });
      socket.end();
      return;
    }
    if (request.kind === 'status') {
      send({ status: { pid: process.pid, root: this.root, answered: this.answered } });
      socket.end();
      return;
    }
    const refusal = await this.refusal(request);
    if (refusal !== undefined) {
      send({ decline: refusal });
      socket.end();
      return;
    }
    send({ accepted: true });
    this.waiting.add(socket);
    const task = this.turns.run(async () => {
      if (!this.waiting.delete(socket) || socket.destroyed) return;
      let code: number;
      try {
        code = await this.handler({ argv: request.argv, cwd: request.cwd }, { stdout: (text) => send({ stdout: text }), stderr: (text) => send({ stderr: text }) }, interrupts);
      } catch (error) {
        send({ error: `internal error: ${error instanceof Error ? error.message : String(error)}` });
        socket.end();
        return;
      }
      this.answered++;
      send({ exit: code });
      socket.end();
    });
    this.tasks.add(task);
    await task.finally(() => this.tasks.delete(task));
  }

  /** Why this process must not answer `request`, or undefined when its answer is the client's own. */
  private async refusal(request: RunRequest): Promise<string | undefined> {
    if (this.closing) return 'it is stopping';
    const [name] = request.argv;
    if (name === undefined || !answeredCommands.has(name)) return `it answers \`paper check\` and \`paper build\` only`;
    const different = differences(request, sameness(process.env));
    if (different !== undefined) return different;
    if ((await requestedRoot(request.argv, request.cwd)) !== this.root) return 'it answers for another paper folder';
    return undefined;
  }
}

function flushed(socket: Socket, milliseconds = 1000): Promise<void> {
  if (socket.writableFinished) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, milliseconds);
    socket.once('finish', () => {
      clearTimeout(timer);
      resolve();
    });
    socket.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** Whether a warm process answers on `path` (a socket whose process is gone refuses the connection). */
export function answers(path: string, milliseconds = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection(path);
    const done = (live: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(live);
    };
    // Taken but not accepted in time: a process is there (stopped, or busy); leave it its place.
    const timer = setTimeout(() => done(true), milliseconds);
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}
