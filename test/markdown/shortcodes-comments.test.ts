import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseHtml, selectAll, textOf } from '../helpers/html-text.js';
import { messages, parse } from '../helpers/parse.js';
import { runMain, type CliRun } from '../helpers/run-cli.js';
import { shortcodesTransform } from '../../scripts/markdown/shortcodes-transform.js';

/**
 * Quarto's shortcodes and HTML comments leave no trace in what a reader sees: the words around
 * them stay, nothing of them is shown or named in an id; a shortcode is said once, a comment not
 * at all. `{{< pagebreak >}}` alone is a page break.
 */
const manuscript = `---
title: Traces
---

# Results <!-- draft --> so far

Version {{< var version >}} of the tool.

{{< pagebreak >}}

<!-- a comment
over two lines -->

Kept <!-- inline --> words,
<!-- a comment line -->
one paragraph.

{{< include _extra.qmd >}}

| a | b |
|---|---|
| {{< meta x >}} | y |

Code keeps \`{{< var version >}}\` as written.
`;

const scratch = mkdtempSync(join(tmpdir(), 'paper-traces-'));
let run: CliRun;
let html: string;

beforeAll(async () => {
  mkdirSync(join(scratch, 'p'));
  writeFileSync(join(scratch, 'p', 'paper.md'), manuscript);
  run = await runMain(['build', 'paper.md', '--no-pdf'], join(scratch, 'p'), {});
  html = readFileSync(join(scratch, 'p', 'build', 'paper.html'), 'utf8');
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('shortcodes and comments, built', () => {
  it('shows the words around them and nothing of them', () => {
    const article = html.slice(html.indexOf('</nav>'));
    expect(article).not.toMatch(/<!--|draft|inline|comment/);
    // Only the code shows a shortcode, as written.
    expect(article.match(/\{\{/g)).toEqual(['{{']);
    const page = parseHtml(html);
    expect(selectAll('p', page).map((node) => textOf(node).replace(/\s+/g, ' '))).toEqual(['Version of the tool.', 'Kept words, one paragraph.', 'Code keeps {{< var version >}} as written.']);
    expect(selectAll('td', page).map(textOf)).toEqual(['', 'y']);
  });

  it('names the heading without its comment, as Pandoc does', () => {
    expect(selectAll('h2', parseHtml(html)).map((node) => [node.properties.id, textOf(node).replace(/\s+/g, ' ')])).toContainEqual(['results-so-far', 'Results so far']);
  });

  it('makes `{{< pagebreak >}}` a page break', () => {
    expect(html).toContain('<p>Version  of the tool.</p>\n<div class="page-break" style="break-after: page"></div>');
  });

  it('warns once for each shortcode, at its place, and never for a comment', () => {
    expect(run.status).toBe(0);
    expect(run.stderr.split('\n').filter((line) => line.includes('shortcode-dropped')).map((line) => line.replace(/\s+/g, ' ').trim())).toEqual([
      'paper.md:7:9-7:28 warning Quarto shortcode `{{< var version >}}` is not run; it is left out shortcode-dropped',
      'paper.md:18:1-18:27 warning Quarto shortcode `{{< include _extra.qmd >}}` is not run; it is left out shortcode-dropped',
      'paper.md:22:3-22:17 warning Quarto shortcode `{{< meta x >}}` is not run; it is left out shortcode-dropped',
    ]);
    expect(run.stderr).not.toContain('raw-html');
  });
});

describe('the shortcode syntax', () => {
  it('is read whole, so `{{<var x>}}` holds no HTML tag, and needs its closing `>}}` on the line', () => {
    const { tree, file } = parse('A {{<var x>}} b.\n\nNot {{< one\n>}} closed, nor {{<>}}.\n');
    shortcodesTransform(tree, file);
    expect(messages(file)).toEqual(['1:3-1:14 warning Quarto shortcode `{{<var x>}}` is not run; it is left out shortcode-dropped']);
    expect(JSON.stringify(tree)).not.toContain('"html"');
  });
});
