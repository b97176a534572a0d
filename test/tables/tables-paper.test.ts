import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageTexts } from '../helpers/pdf-reader.js';
import { runMain } from '../helpers/run-cli.js';

/**
 * The fixture paper with a table of each kind (`test/fixtures/papers/tables/`), built with its PDF:
 * what a reader sees of the captions, their numbers and the cross-references to them.
 */
const paper = fileURLToPath(new URL('../fixtures/papers/tables/manuscript/paper.md', import.meta.url));
const out = mkdtempSync(join(tmpdir(), 'paper-tables-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));
let html = '';
let text = '';

beforeAll(async () => {
  const run = await runMain(['build', paper, '--out', out]);
  expect(run.status, run.stderr).toBe(0);
  html = readFileSync(join(out, 'paper.html'), 'utf8');
  text = (await pageTexts(join(out, 'paper.pdf'))).join('\n').replace(/\s+/g, ' ');
}, 120_000);

/** Each caption's text as read: tags, and the citation previews hidden from sight, left out. */
const captions = () =>
  [...html.matchAll(/<caption>(.*?)<\/caption>/gs)].map((match) =>
    match[1]?.replace(/<span class="citation-preview"[^>]*>.*?<\/span>/g, '').replace(/<[^>]+>/g, '').replace(/\s+/g, ' '),
  );

describe('a paper with tables of every kind', () => {
  it('numbers the captioned tables with a tbl id, and captions the others without a number', () => {
    expect(captions()).toEqual([
      'Table 1: Scores of both methods (see Smith 2000)',
      'Table 2: Fruit and their prices',
      'Table 3: Sizes, a simple table',
      'A multiline table, with no id and so no number.',
    ]);
    expect(html).toContain('<table id="tbl-results">');
    expect(html).toContain('id="tbl:fruit" class="small"');
  });

  it('links the cross-references to the numbered tables', () => {
    expect(html).toMatch(/The results are in <a[^>]*href="#tbl-results"[^>]*>Table 1<\/a>/);
    expect(html).toMatch(/the sizes in <a[^>]*href="#tbl-sizes"[^>]*>Table 3<\/a>/);
    // pandoc-crossref's form, as it writes it: the prefix outside the link.
    expect(html).toMatch(/the fruit in tbl\.\s<a[^>]*href="#tbl:fruit"[^>]*>2<\/a>/);
  });

  it('prints the tables with their captions and cells', () => {
    expect(text).toContain('Table 1: Scores of both methods');
    expect(text).toContain('Table 2: Fruit and their prices');
    expect(text).toMatch(/Bananas \$1\.34 .?\s?built-in wrapper/);
    expect(text).toContain('Example of a row that spans multiple lines.');
  });
});
