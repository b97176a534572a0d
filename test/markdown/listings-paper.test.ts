import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toText } from 'hast-util-to-text';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseHtml, selectAll, textOf } from '../helpers/html-text.js';
import { fromRoot } from '../helpers/paths.js';
import { pageTexts, renderGray } from '../helpers/pdf-reader.js';
import { runMain, type CliRun } from '../helpers/run-cli.js';

/**
 * The listings fixture paper (test/fixtures/papers/listings) built as a user builds it: what a
 * reader sees of its listings in the HTML and in the PDF.
 */
const folder = mkdtempSync(join(tmpdir(), 'paper-listings-'));
let run: CliRun;
let html: string;
let pdf: Uint8Array;

beforeAll(async () => {
  cpSync(fromRoot('test/fixtures/papers/listings'), folder, { recursive: true });
  run = await runMain(['build', '.', '--quiet'], folder, { SOURCE_DATE_EPOCH: '1296000000' });
  html = readFileSync(join(folder, 'build', 'paper.html'), 'utf8');
  pdf = new Uint8Array(readFileSync(join(folder, 'build', 'paper.pdf')));
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const longLine = `https://example.org/${'a'.repeat(40)}/${'b'.repeat(60)}/end`;

describe('the listings paper', () => {
  it('builds without a message', () => {
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('captions its listings "Listing N: caption" in document order, each figure carrying its id', () => {
    const page = parseHtml(html);
    const figures = selectAll('figure.listing', page);
    expect(figures.map((figure) => [figure.properties.id, textOf(selectAll('figcaption', figure)[0]!)])).toEqual([
      ['lst:hello', 'Listing 1: Hello, world'],
      ['lst-query', 'Listing 2: A query written with a table-style caption'],
      ['lst-cell', 'Listing 3: A cell’s code, its option lines left out'],
    ]);
    expect(selectAll('a[href^="#lst"]', page).map((link) => link.properties.href)).toEqual(['#lst:hello', '#lst-query', '#lst-cell']);
  });

  it('shows the code as written, without option lines, hidden cells or braces taken for a language', () => {
    const code = selectAll('pre', parseHtml(html)).map((pre) => toText(pre, { whitespace: 'pre' }));
    expect(code).toEqual([
      'main :: IO ()\nmain = putStrLn "Hello World!"\n',
      "SELECT name, address FROM customers WHERE country = 'Switzerland' AND city IN ('Bern', 'Zürich', 'Basel', 'Lausanne', 'Lugano') ORDER BY name;\n",
      'total = sum(range(10))\n',
      'print("plain")\n',
      `no language at all, and a line with no space to break at: ${longLine}\n`,
    ]);
    expect(html).not.toContain('language-{');
    expect(html).toContain('<pre class="haskell numberLines sourceCode" data-startFrom="3"><code class="sourceCode language-haskell">');
  });

  it('prints the captions and every character of the code, none of it past the right margin', async () => {
    const texts = await pageTexts(pdf);
    expect(texts).toHaveLength(1);
    const text = texts.join('\n');
    for (const caption of ['Listing 1: Hello, world', 'Listing 2: A query written with a table-style caption', 'Listing 3: A cell’s code, its option lines left out']) {
      expect(text).toContain(caption);
    }
    // Wrapped, the long line comes back whole once the line ends are taken out.
    expect(text.replace(/\s+/g, '')).toContain(longLine);
    // At 72 dpi a pixel is a point. The right margin is 20 mm: nothing may be drawn in its outer 18 mm.
    const image = await renderGray(pdf, 1, 72);
    const from = Math.floor(image.width - (18 / 25.4) * 72);
    let inked = 0;
    for (let y = 0; y < image.height; y++) for (let x = from; x < image.width; x++) if (image.pixels[y * image.width + x]! < 200) inked++;
    expect(inked).toBe(0);
  });
});
