import axe, { type AxeResults } from 'axe-core';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch, type Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBrowser } from '../helpers/browser.js';
import { runMain } from '../helpers/run-cli.js';

/**
 * A title block with everything (subtitle, three authors with affiliation marks and their list,
 * an ORCID badge, the corresponding author, the date): axe finds no violation at a phone's width
 * and a desktop's, light and dark, and nothing is wider than the window.
 */
const folder = mkdtempSync(join(tmpdir(), 'paper-title-axe-'));
let browser: Browser | undefined;

beforeAll(async () => {
  writeFileSync(
    join(folder, 'paper.md'),
    [
      '---',
      'title: A Title Long Enough to Wrap on a Phone, With Words',
      'subtitle: And a subtitle',
      'author:',
      '  - name: Ann Author-Withalongname',
      '    orcid: 0000-0003-2824-7956',
      '    corresponding: true',
      '    email: ann@example.org',
      '    affiliations: [{ ref: a }, { ref: b }]',
      '  - name: Bob Builder',
      '    orcid: 0000-0002-1825-0097',
      '    affiliations: [{ ref: b }]',
      '  - Carl Third',
      'affiliations:',
      '  - { id: a, name: Robotics Innovation Center, DFKI GmbH, city: Bremen, country: Germany }',
      '  - { id: b, name: University of Bremen }',
      'date: 2021-01-29',
      'abstract: What it does.',
      '---',
      '',
      '# Introduction',
      '',
      'Text.',
      '',
    ].join('\n'),
  );
  const run = await runMain(['build', '.', '--no-pdf'], folder);
  expect(run.status, run.stderr).toBe(0);
  const { executablePath, env } = await testBrowser();
  browser = await launch({ executablePath, env, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
}, 120_000);

afterAll(async () => {
  try {
    await browser?.close().catch(() => browser?.process()?.kill('SIGKILL'));
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

describe('a full title block in Chromium', () => {
  for (const width of [360, 1280]) {
    for (const scheme of ['light', 'dark'] as const) {
      it(`has no axe violation at ${width} px, ${scheme}`, { timeout: 120_000 }, async () => {
        const page = await browser!.newPage();
        try {
          await page.setViewport({ width, height: 800 });
          await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
          await page.goto(pathToFileURL(join(folder, 'build/paper.html')).href, { waitUntil: 'load' });
          await page.evaluate(axe.source);
          const results = (await page.evaluate('axe.run(document)')) as AxeResults;
          const said = results.violations.flatMap((violation) => violation.nodes.map((node) => `${violation.id}: ${node.target.join(' ')}: ${node.failureSummary ?? ''}`));
          expect(said).toEqual([]);
          expect(await page.evaluate('document.documentElement.scrollWidth')).toBe(width);
        } finally {
          await page.close();
        }
      });
    }
  }
});
