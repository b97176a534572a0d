import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'puppeteer-core';
import { chooseBrowser, type BrowserIdentity, type ChosenBrowser } from './find-browser.js';
import { browserEnvironment, shippedFontConfig, type FontConfig } from './font-config.js';
import { isRelativeReference, type RelativeLink } from './relative-links.js';
import { firstLine, startBrowser, type StartedBrowser } from './start-browser.js';

/**
 * Flags for a headless Chromium on a machine with no network and no display (the sandbox is
 * `startBrowser`'s to decide).
 */
const browserArgs = ['--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-dev-shm-usage'];

export class PrintError extends Error {}

export interface Printed {
  pdf: Uint8Array;
  /** What the page asked for from outside its own file (remote images, stylesheets): blocked. */
  blocked: string[];
  /** The page's relative links, which Chromium printed resolved against where the HTML was. */
  relativeLinks: RelativeLink[];
}

/**
 * A Chromium for printing, started early: launching the browser takes as long as rendering the
 * paper, so the build starts it first and renders meanwhile. `close` must always be called; it
 * never throws, and kills the browser if it does not close.
 */
export interface Printer {
  print(htmlPath: string): Promise<Printed>;
  /** Which browser prints: where it came from, its executable's hash and its version, for the build manifest. */
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
  /** `browser:` of the paper's configuration (checked when it was read: absolute, outside the paper folder). */
  browser?: string | undefined;
}

/** The default time limit: `PAPER_BROWSER_TIMEOUT` (ms) when set, else a minute. */
export function browserTimeout(env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env.PAPER_BROWSER_TIMEOUT);
  return Number.isFinite(value) && value > 0 ? value : 60_000;
}

export function startPrinter(options: PrinterOptions = {}): Printer {
  const timeout = options.timeout ?? browserTimeout();
  let running: StartedBrowser | undefined;
  let chosen: ChosenBrowser | undefined;
  let fonts: FontConfig | undefined;
  const kill = () => running?.kill();
  const started = (async () => {
    chosen = await chooseBrowser({ configured: options.browser });
    const executablePath = chosen.executable;
    try {
      // The browser sees the shipped fonts alone, whatever the machine or the user installed.
      fonts = await shippedFontConfig();
      const env = browserEnvironment(process.env, fonts.file, chosen.libraries);
      running = await startBrowser(executablePath, { args: browserArgs, timeout, signal: options.signal, env });
      return { browser: running.browser, executablePath, origin: chosen.origin, sha256: chosen.sha256 };
    } catch (error) {
      throw new PrintError(`Cannot start ${executablePath}: ${firstLine(error)}`);
    }
  })();
  // A start that fails before anyone awaits it must not be an unhandled rejection.
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
      const { browser, origin, sha256 } = await started;
      return { ...origin, sha256: await sha256(), version: await browser.version() };
    },
    close: async () => {
      options.signal?.removeEventListener('abort', kill);
      await started.catch(() => undefined);
      await running?.close();
      await Promise.all([chosen?.dispose(), fonts?.dispose()]);
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
  // The page is laid out for print from its first layout: printing then lays it out only at the
  // page's size (1.7 % less wall time per build, 24 runs alternating; the PDFs byte-identical).
  await page.emulateMediaType('print');
  await page.goto(documentUrl, { waitUntil: 'load', timeout });
  // Web fonts decode after layout starts; printing before they are ready would set fallback
  // glyphs, and two prints would differ. (Evaluated over the DevTools protocol: page scripts stay off.)
  await page.evaluate('document.fonts.ready.then(() => undefined)');
  const pdf = await page.pdf({ printBackground: true, preferCSSPageSize: true, tagged: true, outline: true, timeout });
  return { pdf, blocked, relativeLinks: await relativeLinksOf(page) };
}

/** Every link of the page written as a relative reference, with the URL it resolves to there. */
async function relativeLinksOf(page: Page): Promise<RelativeLink[]> {
  const links = (await page.evaluate(
    `[...document.querySelectorAll('[href]')].flatMap((element) => {
      const written = element.getAttribute('href');
      try { return [{ resolved: new URL(written, document.baseURI).href, written }]; } catch { return []; }
    })`,
  )) as RelativeLink[];
  return links.filter((link) => isRelativeReference(link.written));
}
