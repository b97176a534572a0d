import { spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { inspect } from 'node:util';
import type { Browser } from 'puppeteer-core';
import { BrowserPipe } from './browser-pipe.js';
import { makeProfile, removeProfile, removeProfileNow } from './browser-profile.js';

/**
 * Chromium started for printing, and driven over a pipe (`--remote-debugging-pipe`) rather than a
 * DevTools port. A browser on a port does not notice that the build that started it has died: a
 * build killed by SIGKILL, SIGHUP or the OOM killer left ten Chromium processes running for good,
 * with the port open on 127.0.0.1 to any local user. A browser on a pipe reads end-of-file when
 * its build dies, however it died, and quits.
 *
 * Puppeteer's `launch({ pipe: true })` would start it too, but a browser that dies as it starts
 * is then only "Target closed". Started here, its exit code and last words are kept: they say what
 * went wrong, and whether it was the sandbox that could not start.
 */

export interface StartedBrowser {
  browser: Browser;
  /** Close the browser (killing it if it does not go), then remove its profile. Never throws. */
  close(): Promise<void>;
  /** Kill the browser, helpers and all, at once: for a process that must exit now. */
  kill(): void;
}

export interface StartOptions {
  /** Chromium's flags, besides Puppeteer's defaults, the profile, the pipe and the sandbox. */
  args: string[];
  /** How long the browser may take to answer, and any later call to it, in ms. */
  timeout: number;
  /** Aborting kills the browser; a start under way then fails. */
  signal?: AbortSignal | undefined;
  /** The browser's environment (its fonts, its libraries: `font-config.ts`); this process's when absent. */
  env?: NodeJS.ProcessEnv | undefined;
}

/** Why the browser could not be started, in words (a line of a `pdf-print` message). */
export class BrowserStartError extends Error {
  constructor(
    message: string,
    /** Chromium said its sandbox cannot start here. */
    readonly sandboxFailed = false,
    /** Chromium crashed as it started (a fault signal, not one this build sent). */
    readonly crashed = false,
  ) {
    super(message);
  }
}

/**
 * Start Chromium. Its sandbox is off only where it must be: for root, which Chromium refuses to
 * run sandboxed, and where the sandbox cannot start (no user namespaces and no setuid helper):
 * the browser says so as it dies, and is started once more without it.
 *
 * A browser that crashes as it starts (SIGSEGV and the like, before it has answered) is started
 * once more too. It happened once in some hundred starts of the pinned Chromium on a loaded
 * two-core machine, and never again when started alone; a second crash is reported as it is.
 */
export async function startBrowser(executablePath: string, options: StartOptions): Promise<StartedBrowser> {
  const asRoot = process.getuid?.() === 0;
  let sandbox = !asRoot;
  for (let tries = 0; ; tries++) {
    try {
      return await attempt(executablePath, options, sandbox);
    } catch (error) {
      if (!(error instanceof BrowserStartError) || options.signal?.aborted || tries > 0) throw error;
      if (error.sandboxFailed && sandbox) sandbox = false;
      else if (!error.crashed) throw error;
    }
  }
}

/** What Chromium prints when its sandbox cannot start, or when it is root and told to use one. */
const sandboxFailure = /No usable sandbox|without --no-sandbox|setuid sandbox|namespace sandbox/i;

/** Signals a program dies of when it faults, rather than when it is told to stop. */
const faultSignals = new Set<NodeJS.Signals>(['SIGSEGV', 'SIGBUS', 'SIGILL', 'SIGTRAP', 'SIGABRT', 'SIGFPE']);

async function attempt(executablePath: string, { args, timeout, signal, env }: StartOptions, sandbox: boolean): Promise<StartedBrowser> {
  // Imported here so commands that print nothing never load Puppeteer.
  const { connect, defaultArgs } = await import('puppeteer-core');
  const profile = await makeProfile().catch((error: unknown) => {
    throw new BrowserStartError(`its profile cannot be made in the temporary folder: ${firstLine(error)}`);
  });
  // Its temporary files (shared memory as files, with --disable-dev-shm-usage; a singleton
  // socket) go in its profile too: a browser killed mid-print leaves them there, and the next
  // build removes the profile with them, rather than files in the temporary folder that no one
  // can tell from another program's.
  const temporary = join(profile, 'tmp');
  await mkdir(temporary, { recursive: true }).catch(() => undefined);
  const flags = [...defaultArgs({ headless: true, args: [...args, ...(sandbox ? [] : ['--no-sandbox'])], userDataDir: profile }), '--remote-debugging-pipe'];
  // Its own process group (as Puppeteer does it): Ctrl-C at the terminal reaches the build alone,
  // which closes the browser in order, and the group is killed at once when it must be.
  const child = spawn(executablePath, flags, { detached: true, env: { ...(env ?? process.env), TMPDIR: temporary }, stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] });
  const kill = () => {
    if (child.pid === undefined) return;
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // The group is gone already.
    }
  };
  // Its last words, for when it dies: the tail of what it wrote to stderr.
  let said = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (said = `${said}${chunk}`.slice(-8192)));
  const stderrClosed = new Promise<void>((resolve) => (child.stderr ? child.stderr.once('close', () => resolve()) : resolve()));
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.once('error', () => resolve());
  });
  const failed = new Promise<never>((_resolve, reject) => {
    child.once('error', (error) => reject(new BrowserStartError(firstLine(error))));
    child.once('exit', (code, exitSignal) => {
      // Its helpers go with it, so that its stderr closes and its last words are all there (a
      // helper in a session of its own may hold it open: its words are not waited for long).
      kill();
      void Promise.race([stderrClosed, pause(1_000)]).then(() => {
        const last = said.trim().split('\n').at(-1)?.trim();
        const how = code === null ? `it was killed by ${exitSignal ?? 'a signal'}` : `it exited with code ${code}`;
        const crashed = exitSignal !== null && faultSignals.has(exitSignal);
        reject(new BrowserStartError(`${how}${last ? ` and said \`${last}\`` : ''}`, sandbox && sandboxFailure.test(said), crashed));
      });
    });
  });
  failed.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new BrowserStartError(`it did not answer within ${timeout} ms (PAPER_BROWSER_TIMEOUT sets the limit, in ms)`)), timeout);
  });
  let stop = () => undefined as void;
  const aborted = new Promise<never>((_resolve, reject) => {
    stop = () => reject(new BrowserStartError('the build was interrupted'));
    if (signal?.aborted) stop();
    signal?.addEventListener('abort', stop, { once: true });
  });
  const pipe = new BrowserPipe(child.stdio[3] as Writable, child.stdio[4] as Readable);
  // A browser that dies as it starts closes the pipe before its exit is seen: how it ended says
  // more than the protocol's "Target closed".
  const connecting = connect({ transport: pipe, protocolTimeout: timeout }).catch(async (error: unknown) => {
    await Promise.race([failed, timedOut, aborted]);
    throw error;
  });
  connecting.catch(() => undefined);
  try {
    const browser = await Promise.race([connecting, failed, timedOut, aborted]);
    return {
      browser,
      kill: () => {
        kill();
        removeProfileNow(profile);
      },
      close: async () => {
        // Browser.close over the pipe; a browser that has not exited a few seconds later is killed.
        const closed = browser.close().then(() => exited, () => exited);
        await Promise.race([closed, exited, pause(Math.min(timeout, 5_000))]);
        kill();
        await exited;
        await removeProfile(profile);
      },
    };
  } catch (error) {
    kill();
    pipe.close();
    await exited;
    await removeProfile(profile);
    throw error;
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', stop);
  }
}

function pause(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds).unref());
}

/**
 * The first line of an error's message. What is thrown is not always an Error (a WebSocket's
 * ErrorEvent carries its words in `message`): it is said in words too, never `[object Object]`.
 */
export function firstLine(error: unknown): string {
  const message =
    error instanceof Error ? error.message
    : typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string' ? error.message
    : typeof error === 'object' && error !== null ? inspect(error, { depth: 1, breakLength: Infinity })
    : String(error);
  return message.split('\n')[0] ?? message;
}
