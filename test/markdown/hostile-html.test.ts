import type { Element } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { visit } from 'unist-util-visit';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromRoot } from '../helpers/paths.js';
import { runMain } from '../helpers/run-cli.js';

/**
 * A hostile paper: raw HTML with scripts, frames, event handlers and `javascript:` URLs in the
 * manuscript and a table cell, and markup in a bibliography field. The built page is searched for
 * anything injected; what papers legitimately write by hand survives. (The warnings themselves are
 * pinned by the golden fixture test/fixtures/cli/raw-html-removed.)
 */

const folder = mkdtempSync(join(tmpdir(), 'paper-hostile-html-'));
let html = '';
let stderr = '';

beforeAll(async () => {
  cpSync(fromRoot('test/fixtures/cli/raw-html-removed'), folder, { recursive: true });
  const bib = join(folder, 'bibliography/refs.bib');
  writeFileSync(bib, readFileSync(bib, 'utf8').replace(/title(\s*)= \{A Book\}/, 'title$1= {A Book <script>alert(5)</script> <img src=x onerror=alert(6)>}'));
  const table = join(folder, 'manuscript/tables/period.yaml');
  writeFileSync(table, readFileSync(table, 'utf8').replace('A crisis', '"A crisis <script>alert(7)</script> <iframe src=x></iframe>"'));
  const run = await runMain(['build', '.', '--no-pdf'], folder);
  expect(run.status, run.stderr).toBe(0);
  stderr = run.stderr;
  html = readFileSync(join(folder, 'build/paper.html'), 'utf8');
}, 120_000);

afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('a hostile paper, built', () => {
  it('has no injected markup in its HTML', () => {
    // Read as a browser reads it: every element, every attribute.
    const injected: string[] = [];
    visit(fromHtml(html), 'element', (element: Element) => {
      if (['script', 'iframe', 'object', 'embed', 'font'].includes(element.tagName)) injected.push(`<${element.tagName}>`);
      for (const [name, value] of Object.entries(element.properties)) {
        if (/^on/i.test(name)) injected.push(`${element.tagName} ${name}`);
        if (/^\s*(javascript|vbscript|data:text):/i.test(String(value))) injected.push(`${element.tagName} ${name}=${String(value)}`);
        if (name === 'style') injected.push(`${element.tagName} style`);
      }
    });
    expect(injected).toEqual([]);
    expect(html.match(/<script|<iframe|javascript:/gi)).toBeNull();
    expect(html).not.toContain('alert(2)');
    expect(html).not.toContain('alert(7)');
  });

  it('keeps the raw HTML a paper uses, with the Markdown inside it', () => {
    expect(html).toContain('Water is H<sub>2</sub>O, <u>underlined</u>, <span class="smallcaps">caps</span>.');
    expect(html).toContain('A <a>link</a> and  inline; old.');
    expect(html).toContain('<div class="note"><p>A paragraph <em>inside</em> a div.</p></div>');
    expect(html).toContain('<td><sup>1</sup></td>\n<td><img alt="pic"></td>');
  });

  it('prints a bibliography field with markup as text', () => {
    expect(html).toContain('A Book &#x3C;script>alert(5)&#x3C;/script> &#x3C;img src=x onerror=alert(6)>');
  });

  it('warns about a table cell with markup, at the cell', () => {
    expect(stderr).toContain("manuscript/tables/period.yaml:10:29  warning  Removed `<script>` and its content from the raw HTML: not in the paper's allow-list  raw-html-removed");
    expect(stderr).toContain("manuscript/tables/period.yaml:10:55  warning  Removed `<iframe>` and its content from the raw HTML: not in the paper's allow-list  raw-html-removed");
  });
});
