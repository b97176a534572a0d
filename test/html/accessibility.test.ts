import axe, { type AxeResults, type Result } from 'axe-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch, type Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBrowser } from '../helpers/browser.js';
import { runMain } from '../helpers/run-cli.js';

/**
 * The HTML edition of the real paper, and of the listings fixture (highlighted code: its token
 * colours), opened in Chromium at a phone's width and a desktop's, in the light and the dark
 * colour scheme: axe-core (its default rules: WCAG 2.x A and AA, and best practices) finds no
 * violation. axe runs as a script in the page, so scripts are on here; the page itself has none
 * (test/paper.test.ts).
 */

const out = mkdtempSync(join(tmpdir(), 'paper-axe-'));
let browser: Browser | undefined;

beforeAll(async () => {
  const run = await runMain(['build', '--out', out, '--no-pdf']);
  expect(run.status, run.stderr).toBe(0);
  const listings = await runMain(['build', 'test/fixtures/papers/listings', '--out', join(out, 'listings'), '--no-pdf']);
  expect(listings.status, listings.stderr).toBe(0);
  const { executablePath, env } = await testBrowser();
  browser = await launch({
    executablePath,
    env,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}, 120_000);

afterAll(async () => {
  try {
    await browser?.close().catch(() => browser?.process()?.kill('SIGKILL'));
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

/** One line a violation and node: what, where, why. */
function describeViolations(violations: Result[]): string {
  return violations
    .flatMap((violation) => violation.nodes.map((node) => `${violation.id} (${violation.impact ?? 'n/a'}): ${violation.help} at ${node.target.join(' ')}: ${node.failureSummary?.replace(/\s+/g, ' ') ?? ''}`))
    .join('\n');
}

describe('the HTML edition in Chromium', () => {
  for (const [paper, html] of [['the paper', 'paper.html'], ['highlighted code', 'listings/paper.html']] as const) {
  for (const width of [360, 1280]) {
    for (const scheme of ['light', 'dark'] as const) {
      it(`has no axe violation at ${width} px, ${scheme}: ${paper}`, { timeout: 120_000 }, async () => {
        const page = await browser!.newPage();
        try {
          await page.setViewport({ width, height: 800 });
          await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
          await page.goto(pathToFileURL(join(out, html)).href, { waitUntil: 'load' });
          // axe-core runs in the page (its own script: the paper's page has none).
          await page.evaluate(axe.source);
          const results = (await page.evaluate('axe.run(document)')) as AxeResults;
          expect(results.violations.length, describeViolations(results.violations)).toBe(0);
          // The page reads at this width: nothing but a table's own scroll box is wider than the window.
          expect(await page.evaluate('document.documentElement.scrollWidth')).toBe(width);
        } finally {
          await page.close();
        }
      });
    }
  }
  }
});
