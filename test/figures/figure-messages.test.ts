import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, rgb } from 'pdf-lib';
import { afterAll, describe, expect, test } from 'vitest';
import { build } from '../../scripts/pipeline/build.js';
import { check } from '../../scripts/pipeline/check.js';
import { miniPaperCopy } from '../helpers/mini-paper.js';
import { fromRoot } from '../helpers/paths.js';

/** What `paper check` says of images it cannot show, where they are written; and the figures numbered with the graphs. */

const scratch = mkdtempSync(join(tmpdir(), 'paper-figure-messages-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const fixtureImage = (name: string) => fromRoot(`test/fixtures/papers/figures/images/${name}`);

/** A paper folder holding `paper.md` with `text` and the given files. */
function paperWith(name: string, text: string, files: Record<string, string | Uint8Array> = {}): string {
  const folder = join(scratch, name);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'paper.md'), `---\ntitle: T\n---\n\n${text}`);
  for (const [path, data] of Object.entries(files)) writeFileSync(join(folder, path), data);
  return folder;
}

async function messagesOf(folder: string, config?: string): Promise<string[]> {
  if (config !== undefined) writeFileSync(join(folder, 'paper.config.yaml'), config);
  const result = await check({ path: folder, cwd: folder, bibliographies: [] });
  return result.files.flatMap((file) => file.messages.map((message) => `${file.basename}:${message.line}:${message.column} ${message.fatal ? 'error' : 'warning'} ${message.reason} ${message.ruleId}`));
}

describe('images the paper cannot show', () => {
  test('a missing image is an error at the image', async () => {
    const folder = paperWith('missing', 'Some text.\n\n![A plot](figures/plot.png){#fig-plot}\n');
    expect(await messagesOf(folder)).toEqual(['paper.md:7:1 error Cannot read image `figures/plot.png`: no such file image-missing']);
  });

  test('a missing image is watched: `paper watch` builds as soon as it is there', async () => {
    const folder = paperWith('watched', '![A plot](figures/plot.png)\n');
    const result = await check({ path: folder, cwd: folder, bibliographies: [] });
    expect(result.sought).toContainEqual({ path: join(folder, 'figures', 'plot.png'), named: true });
  });

  test('an image outside the paper folder is not read', async () => {
    const folder = paperWith('outside', '![A plot](../elsewhere.png)\n');
    expect(await messagesOf(folder)).toEqual(['paper.md:5:1 error Cannot read image `../elsewhere.png`: the path leads outside the paper folder image-missing']);
  });

  test('a file that is no image is told by its bytes, whatever its name', async () => {
    const folder = paperWith('not-an-image', 'See ![the data](data.png) inline.\n', { 'data.png': 'year,value\n2000,1\n' });
    expect(await messagesOf(folder)).toEqual(['paper.md:5:5 error The image `data.png` is not PNG, JPEG, GIF, WebP, SVG or PDF, whatever its name says; save it as one of them image-format']);
  });

  test('a damaged PDF figure is a warning at the image, and the build goes on without it', async () => {
    const folder = paperWith('pdf-damaged', '![A plot](plot.pdf)\n', { 'plot.pdf': '%PDF-1.4\n%%EOF\n' });
    expect(await messagesOf(folder)).toEqual([]);
    const result = await build({ path: folder, cwd: folder, bibliographies: [], out: join(folder, 'out'), pdf: false });
    expect(result.files.flatMap((file) => file.messages.map((message) => `${message.line}:${message.column} ${message.reason} ${message.ruleId}`))).toEqual([
      '5:1 Cannot draw the PDF figure `plot.pdf`: Invalid PDF structure.; save it as PNG or SVG image-pdf',
    ]);
    expect(readFileSync(join(folder, 'out', 'paper.html'), 'utf8')).toContain('<figure><img alt="A plot"><figcaption>A plot</figcaption></figure>');
  });

  test('a width that is no length is a warning, and left out', async () => {
    const folder = paperWith('bad-width', '![A plot](a.png){width=wide}\n');
    copyFileSync(fixtureImage('shapes.png'), join(folder, 'a.png'));
    expect(await messagesOf(folder)).toEqual(['paper.md:5:1 warning Expected a length for `width` (`50%`, `300px`, `8cm`, `3in`); found `wide`, which is left out figure-attribute']);
  });

  test.each(['off', 'warning', 'error'])('with image-missing set to %s, the build does not crash', async (severity) => {
    const folder = paperWith(`severity-${severity}`, '![A plot](nowhere.png){#fig-x}\n');
    writeFileSync(join(folder, 'paper.config.yaml'), `rules:\n  image-missing: ${severity}\n`);
    const result = await build({ path: folder, cwd: folder, bibliographies: [], out: join(folder, 'out'), pdf: false });
    expect(result.outputs.length > 0).toBe(severity !== 'error');
    if (severity !== 'error') expect(readFileSync(join(folder, 'out', 'paper.html'), 'utf8')).toContain('<figure id="fig-x"><img alt="A plot"><figcaption><span class="figure-label">Figure 1:</span> A plot</figcaption></figure>');
  });
});

describe('figures and trend graphs', () => {
  test('are numbered in one series, in document order', async () => {
    const folder = miniPaperCopy(scratch, 'mini-with-figure');
    const manuscript = join(folder, 'manuscript', 'paper.md');
    copyFileSync(fixtureImage('shapes.png'), join(folder, 'manuscript', 'shapes.png'));
    writeFileSync(manuscript, readFileSync(manuscript, 'utf8').replace('::trend-graph', '![Shapes](shapes.png){#fig-shapes}\n\n::trend-graph'));
    const result = await build({ path: folder, cwd: folder, bibliographies: [], out: join(folder, 'out'), pdf: false });
    expect(result.files.flatMap((file) => file.messages.map(String))).toEqual([]);
    const html = readFileSync(join(folder, 'out', 'paper.html'), 'utf8');
    expect(html).toContain('<span class="figure-label">Figure 1:</span> Shapes</figcaption>');
    expect(html).toContain('<span class="figure-label">Figure 2.</span>');
    expect(html).toContain('<a href="#fig-trend" class="crossref">Figure 2</a>');
  });
});

describe('a paper without images', () => {
  test('keeps its page: no figure style, no image read', async () => {
    const folder = miniPaperCopy(scratch, 'mini-plain');
    const result = await build({ path: folder, cwd: folder, bibliographies: [], out: join(folder, 'out'), pdf: false });
    expect(result.paper?.images.size).toBe(0);
    expect(readFileSync(join(folder, 'out', 'paper.html'), 'utf8')).not.toContain('.subfigures');
  });
});

describe('a PDF figure', () => {
  test('is drawn as a PNG of its first page, shown at the page size', async () => {
    const document = await PDFDocument.create();
    const page = document.addPage([144, 72]);
    page.drawRectangle({ x: 10, y: 10, width: 50, height: 50, color: rgb(0.8, 0.1, 0.1) });
    const folder = paperWith('pdf-figure', '![A plot from LaTeX](plot.pdf){#fig:plot}\n', { 'plot.pdf': await document.save() });
    const result = await build({ path: folder, cwd: folder, bibliographies: [], out: join(folder, 'out'), pdf: false });
    expect(result.files.flatMap((file) => file.messages.map(String))).toEqual([]);
    const html = readFileSync(join(folder, 'out', 'paper.html'), 'utf8');
    // 144 points are 192 CSS pixels; the PNG has three pixels a point.
    expect(html).toMatch(/<figure id="fig:plot"><img src="data:image\/png;base64,[^"]+" alt="A plot from LaTeX" width="192"><figcaption><span class="figure-label">Figure 1:<\/span> A plot from LaTeX<\/figcaption><\/figure>/);
    const png = Buffer.from(/data:image\/png;base64,([^"]+)/.exec(html)![1]!, 'base64');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([432, 216]);
  });
});
