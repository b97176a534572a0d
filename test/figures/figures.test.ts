import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Element } from 'hast';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseHtml, select, selectAll, textOf } from '../helpers/html-text.js';
import { fromRoot } from '../helpers/paths.js';
import { imageCounts, pageTexts } from '../helpers/pdf-reader.js';
import { runMain } from '../helpers/run-cli.js';
import { check } from '../../scripts/pipeline/check.js';

/** The text a reader sees: without the citations' hover previews. */
function readerText(node: Element): string {
  const copy = structuredClone(node);
  for (const preview of selectAll('.citation-preview', copy)) preview.children = [];
  return textOf(copy);
}

/** The fixture paper: a PNG, a JPEG and an SVG, numbered and unnumbered figures, an inline image. */
const paper = fromRoot('test/fixtures/papers/figures/paper.md');

describe('the figures fixture, built', () => {
  let out: string;
  let html: string;
  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'figures-'));
    const run = await runMain(['build', paper, '--out', out]);
    expect(run.stderr).not.toMatch(/warning|error/);
    expect(run.status).toBe(0);
    html = readFileSync(join(out, 'paper.html'), 'utf8');
  }, 120_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  test('an image alone in its paragraph is a figure with its id, numbered "Figure 1:", its caption Markdown', () => {
    const figure = select('figure#fig-shapes', parseHtml(html));
    expect(figure).toBeDefined();
    const caption = select('figcaption', figure!)!;
    expect(readerText(caption)).toBe('Figure 1: Two shapes side by side (Tufte 2001)');
    expect(textOf(select('.figure-label', caption)!)).toBe('Figure 1:');
    expect(textOf(select('em', caption)!)).toBe('shapes');
    expect(select('.citation a[href="#ref-tufte2001"]', caption)).toBeDefined();
    const image = select('img', figure!)!;
    expect(image.properties.alt).toBe('Two shapes side by side [@tufte2001]');
    expect(image.properties.style).toBe('width:50%');
  });

  test("pandoc-crossref's `fig:` id is numbered next, its class on the figure, its note called from the caption", () => {
    const figure = select('figure[id="fig:triangle"]', parseHtml(html))!;
    expect(figure.properties.className).toEqual(['narrow']);
    expect(textOf(select('figcaption', figure)!)).toBe('Figure 2: A green triangle.1');
    expect(select('figcaption sup a[href="#fn-kind"]', figure)).toBeDefined();
    expect(select('img', figure)!.properties.style).toBe('width:4cm');
  });

  test('a figure without a `fig` id has a caption without a number; a pixel width is an attribute, as Pandoc writes it', () => {
    const figures = selectAll('figure', parseHtml(html));
    const bars = figures[2]!;
    expect(bars.properties.id).toBeUndefined();
    expect(textOf(select('figcaption', bars)!)).toBe('Bars, unnumbered');
    expect(select('img', bars)!.properties.width).toBe(200);
    expect(html).toMatch(/<img src="data:image\/svg\+xml;base64,[^"]+" alt="Bars, unnumbered" width="200">/);
  });

  test('an image in running text stays an inline image, with its height', () => {
    const paragraph = selectAll('p', parseHtml(html)).find((p) => textOf(p).startsWith('An inline image'))!;
    const image = select('img', paragraph)!;
    expect(image.properties.alt).toBe('tiny');
    expect(image.properties.height).toBe(12);
    expect(textOf(paragraph)).toBe('An inline image stays in the line.');
  });

  test('every image is embedded as a data: URI of the type its bytes say', () => {
    const sources = selectAll('img', parseHtml(html)).map((image) => String(image.properties.src).slice(0, 26));
    expect(sources).toEqual(['data:image/png;base64,iVBO', 'data:image/jpeg;base64,/9j', 'data:image/svg+xml;base64,', 'data:image/svg+xml;base64,', 'data:image/png;base64,iVBO', 'data:image/jpeg;base64,/9j']);
  });

  test("Quarto's subfigures: one figure numbered 3 in two columns, its images (a) and (b)", () => {
    const figure = select('figure#fig-pair', parseHtml(html))!;
    expect(select('.subfigures', figure)!.properties.style).toBe('grid-template-columns:repeat(2, minmax(0, 1fr))');
    expect(selectAll('.subfigures > figure', figure).map((sub) => [sub.properties.id, textOf(select('figcaption', sub)!)])).toEqual([
      ['fig-pair-shapes', '(a) Shapes'],
      ['fig-pair-triangle', '(b) A triangle'],
    ]);
    expect(textOf(select('figure#fig-pair > figcaption', parseHtml(html))!)).toBe('Figure 3: Two images, one figure');
    expect(html.slice(html.indexOf('<body>'))).not.toContain(':::');
  });

  test('the figures are cross-reference targets: 1, 2, 3, and 3a, 3b for the subfigures', async () => {
    const checked = await check({ path: paper, cwd: fromRoot('.'), bibliographies: [] });
    const figures = [...checked.paper!.targets.values()].filter((target) => target.kind === 'figure').map((target) => [target.id, target.label]);
    expect(figures).toEqual([
      ['fig-shapes', '1'],
      ['fig:triangle', '2'],
      ['fig-pair', '3'],
      ['fig-pair-shapes', '3a'],
      ['fig-pair-triangle', '3b'],
    ]);
  });

  test('the manifest lists the images as inputs', () => {
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { inputs: Array<{ path: string }> };
    expect(manifest.inputs.map((input) => input.path)).toEqual(expect.arrayContaining(['images/shapes.png', 'images/triangle.jpg', 'images/bars.svg']));
  });

  test('the PDF paints the PNG and the JPEG and prints the captions', async () => {
    const pdf = join(out, 'paper.pdf');
    // The PNG and the JPEG, twice each (the SVGs print as paths).
    expect((await imageCounts(pdf)).reduce((a, b) => a + b, 0)).toBe(4);
    const text = (await pageTexts(pdf)).join('\n');
    expect(text).toContain('Figure 1: Two shapes side by side');
    expect(text).toContain('Figure 2: A green triangle.');
  });
});
