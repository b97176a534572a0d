import { pathToFileURL } from 'node:url';
import type { Browser } from 'puppeteer';
import { findBrowser } from './find-browser.js';

/** Flags for a headless Chromium on a machine with no network and no display. */
const browserArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-dev-shm-usage'];

export interface PrintOptions {
  /** Give up after this long (ms): a print that hangs ends with a clear error. */
  timeout?: number;
}

export class PrintError extends Error {}

/**
 * Print an HTML file to PDF with the system Chromium. The page's own `@page` rules set the size,
 * margins, running head and page numbers. Only the document's own file is loaded: every other
 * request (network, other files) is blocked, and JavaScript is off. The browser always closes.
 */
export interface Printed {
  pdf: Uint8Array;
  /** What the page asked for from outside its own file (remote images, stylesheets): blocked. */
  blocked: string[];
}

export async function printPdf(htmlPath: string, options: PrintOptions = {}): Promise<Printed> {
  const timeout = options.timeout ?? 60_000;
  const executablePath = await findBrowser();
  // Imported here so commands that print nothing never load Puppeteer.
  const { launch } = await import('puppeteer');
  let browser: Browser | undefined;
  try {
    browser = await launch({ executablePath, headless: true, args: browserArgs, timeout });
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
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new PrintError(`Cannot print the PDF with ${executablePath}: ${reason}`);
  } finally {
    await browser?.close().catch(() => browser?.process()?.kill('SIGKILL'));
  }
}
