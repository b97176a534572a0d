import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromRoot } from '../helpers/paths.js';
import { pageTexts } from '../helpers/pdf-reader.js';
import { runMain } from '../helpers/run-cli.js';

/** A period table too long for one page: printed over several, its header on each, no row split. */

const folder = mkdtempSync(join(tmpdir(), 'paper-long-'));
let pages: string[] = [];

beforeAll(async () => {
  cpSync(fromRoot('test/fixtures/papers/mini'), folder, { recursive: true });
  const data = join(folder, 'manuscript/tables/period.yaml');
  const rows = Array.from({ length: 60 }, (_, index) => `  - category: Row ${index}\n    kind: events\n    cells: { "1999": "Event ${index} begins here and wraps across the cell to its end-${index}", "2000-2001": "Other ${index}" }\n`);
  writeFileSync(data, readFileSync(data, 'utf8') + rows.join(''));
  const run = await runMain(['build', '.', '--out', 'out'], folder);
  expect(run.status).toBe(0);
  // Each page's text in the order the page draws it, as `pdftotext -raw` read it.
  pages = await pageTexts(join(folder, 'out/paper.pdf'));
}, 120_000);

afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('a long period table in the PDF', () => {
  it('continues over several pages, repeating its header row on each', () => {
    const withRows = pages.filter((page) => /\bRow \d+\b/.test(page));
    expect(withRows.length).toBeGreaterThanOrEqual(2);
    for (const page of withRows) expect(page).toMatch(/1999\s+2000-2001/);
  });

  it('never splits a row across pages', () => {
    for (let index = 0; index < 60; index++) {
      const page = pages.findIndex((text) => text.includes(`Row ${index}\n`) || text.includes(`Row ${index} `));
      expect(page, `Row ${index}`).toBeGreaterThanOrEqual(0);
      expect(pages[page]?.replace(/\s+/g, ' ')).toContain(`end-${index}`);
    }
  });
});
