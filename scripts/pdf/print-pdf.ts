import { pathToFileURL } from 'node:url';
import type { Browser } from 'puppeteer-core';
import type { BrowserIdentity } from './find-browser.js';
import { executableIdentity, findBrowser } from './find-browser.js';

/** Flags for a headless Chromium on a machine with no network and no display. */
const browserArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-dev-shm-usage'];

export class PrintError extends Error {}

export interface Printed {
  pdf: Uint8Array;
  /** What the page asked for from outside its own file (remote images, stylesheets): blocked. */
  blocked: string[];
}

/**
 * A Chromium for printing, started early: launching the browser takes as long as rendering the
 * paper, so the build starts it first and renders meanwhile. `close` must always be called; it
 * never throws, and kills the browser if it does not close.
 */
export interface Printer {
  print(htmlPath: string): Promise<Printed>;
  /** Which browser prints: its version and executable file, for the build manifest. */
  identity(): Promise<BrowserIdentity>;
  close(): Promise<void>;
  /** Kill the browser at once, synchronously: for a process that must exit now. */
  kill(): void;
}

export interface PrinterOptions {
  /** How long the browser may take to start, and the page to load and print, in ms. */
  timeout?: number | undefined;
  /** Aborting kills the browser; a print under way then fails. */
  signal?: AbortSignal | undefined;
}

/** The default time limit: `PAPER_BROWSER_TIMEOUT` (ms) when set, else a minute. */
export function browserTimeout(env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env.PAPER_BROWSER_TIMEOUT);
  return Number.isFinite(value) && value > 0 ? value : 60_000;
}

export function startPrinter(options: PrinterOptions = {}): Printer {
  const timeout = options.timeout ?? browserTimeout();
  let launched: Browser | undefined;
  const kill = () => {
    const child = launched?.process();
    if (child?.pid === undefined || child.exitCode !== null) return;
    // Puppeteer starts the browser in its own process group: kill the group, helpers and all.
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      child.kill('SIGKILL');
    }
  };
  const started = (async () => {
    const executablePath = await findBrowser();
    // Imported here so commands that print nothing never load Puppeteer. puppeteer-core, not
    // puppeteer: puppeteer reads its configuration by running the first `.puppeteerrc.cjs` (or
    // `puppeteer.config.js`, …) it finds from the working folder up, code a cloned paper may carry,
    // and that search fails when HOME is not a folder. We name the browser, and need none of it.
    const { launch } = await import('puppeteer-core');
    try {
      // Signals are the command's to handle (it removes the staging folder, then kills the browser
      // through `kill`); Puppeteer's own handler would exit before that.
      const browser = await launch({ executablePath, headless: true, args: browserArgs, timeout, handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false, signal: options.signal });
      launched = browser;
      if (options.signal?.aborted) kill();
      return { browser, executablePath };
    } catch (error) {
      throw new PrintError(`Cannot start ${executablePath}: ${launchFailure(error, timeout)}`);
    }
  })();
  // A launch that fails before anyone awaits it must not be an unhandled rejection.
  started.catch(() => undefined);
  options.signal?.addEventListener('abort', kill, { once: true });
  return {
    print: async (htmlPath) => {
      const { browser, executablePath } = await started;
      try {
        return await printWith(browser, htmlPath, timeout);
      } catch (error) {
        throw new PrintError(`Cannot print the PDF with ${executablePath}: ${firstLine(error)}`);
      }
    },
    identity: async () => {
      const { browser, executablePath } = await started;
      return { ...(await executableIdentity(executablePath)), version: await browser.version() };
    },
    close: async () => {
      options.signal?.removeEventListener('abort', kill);
      const browser = await started.then((value) => value.browser, () => undefined);
      await browser?.close().catch(kill);
      kill();
    },
    kill,
  };
}

/**
 * Print an HTML file to PDF. The page's own `@page` rules set the size, margins, running head and
 * page numbers. Only the document's own file is loaded: every other request (network, other
 * files) is blocked and reported, and page scripts are off.
 */
async function printWith(browser: Browser, htmlPath: string, timeout: number): Promise<Printed> {
  const page = await browser.newPage();
  await page.setJavaScriptEnabled(false);
  const documentUrl = pathToFileURL(htmlPath).href;
  const blocked: string[] = [];
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    const url = request.url();
    if (url === documentUrl || url.startsWith('data:')) {
      void request.continue();
    } else {
      if (!blocked.includes(url)) blocked.push(url);
      void request.abort('blockedbyclient');
    }
  });
  await page.goto(documentUrl, { waitUntil: 'load', timeout });
  // Web fonts decode after layout starts; printing before they are ready would set fallback
  // glyphs, and two prints would differ. (Evaluated over the DevTools protocol: page scripts stay off.)
  await page.evaluate('document.fonts.ready.then(() => undefined)');
  const pdf = await page.pdf({ printBackground: true, preferCSSPageSize: true, tagged: true, outline: true, timeout });
  return { pdf, blocked };
}

/** Puppeteer's launch errors, in one line: a timeout, or the exit code and the browser's last words. */
function launchFailure(error: unknown, timeout: number): string {
  const text = error instanceof Error ? error.message : String(error);
  if (error instanceof Error && error.name === 'TimeoutError') return `it did not answer within ${timeout} ms (PAPER_BROWSER_TIMEOUT sets the limit, in ms)`;
  const code = /Failed to launch the browser process:\s+Code: (\S+)/.exec(text)?.[1];
  if (code === undefined) return firstLine(error);
  const said = /\nstderr:\n([\s\S]*?)\n\nTROUBLESHOOTING/.exec(text)?.[1]?.trim().split('\n').at(-1)?.trim();
  return `it exited with code ${code}${said ? ` and said \`${said}\`` : ''}`;
}

function firstLine(error: unknown): string {
  return error instanceof Error ? (error.message.split('\n')[0] ?? error.message) : String(error);
}
