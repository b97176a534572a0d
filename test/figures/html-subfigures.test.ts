import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toString } from 'mdast-util-to-string';
import { SKIP, visit } from 'unist-util-visit';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Figure } from '../../scripts/figures/figure-node.js';
import { check } from '../../scripts/pipeline/check.js';
import { parseHtml, select, selectAll, textOf } from '../helpers/html-text.js';
import { fromRoot } from '../helpers/paths.js';
import { pageTexts } from '../helpers/pdf-reader.js';
import { runMain } from '../helpers/run-cli.js';

/** pandoc-crossref's subfigures written as raw HTML divs, as in its demo, and a div that is no figure. */
const paper = fromRoot('test/fixtures/papers/subfigures-html/paper.md');

/** Each subfigure of a figure: its id, and the caption under it. */
function subfigures(html: string, id: string): Array<[unknown, string]> {
  const figure = select(`figure[id="${id}"]`, parseHtml(html))!;
  return selectAll('.subfigures > figure', figure).map((sub) => [sub.properties.id, textOf(select('figcaption', sub)!)]);
}

/** The caption of the figure itself, under its subfigures. */
function caption(html: string, id: string): string {
  return textOf(select(`figure[id="${id}"] > figcaption`, parseHtml(html))!);
}

describe('subfigures in a raw HTML <div id="fig:x">, built', () => {
  let out: string;
  let html: string;
  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'html-subfigures-'));
    const run = await runMain(['build', paper, '--out', out]);
    expect(run.stderr).not.toMatch(/warning|error/);
    expect(run.status).toBe(0);
    html = readFileSync(join(out, 'paper.html'), 'utf8');
  }, 120_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  test('the div is one figure, numbered 2 after the figure before it, its images (a) and (b), the id inside on its subfigure', () => {
    expect(caption(html, 'fig:single')).toBe('Figure 1: A figure before them');
    expect(caption(html, 'fig:subfigures')).toBe('Figure 2: Subfigures caption');
    expect(subfigures(html, 'fig:subfigures')).toEqual([
      [undefined, '(a) Subfigure a'],
      ['fig:subfigureB', '(b) Subfigure b'],
    ]);
    expect(select('figure[id="fig:subfigureB"] figcaption em', parseHtml(html))).toBeDefined();
    // One image each: stacked, as pandoc-crossref puts one paragraph a row.
    expect(select('figure[id="fig:subfigures"] .subfigures', parseHtml(html))!.properties.style).toBeUndefined();
    expect(html.slice(html.indexOf('<body>'))).not.toMatch(/!\[|\{#fig|<div id="fig/);
  });

  test('two images in one paragraph stand side by side: two columns, the third image below, (a) (b) (c)', () => {
    expect(caption(html, 'fig:side-by-side')).toBe('Figure 3: Subfigures side by side');
    expect(select('figure[id="fig:side-by-side"] .subfigures', parseHtml(html))!.properties.style).toBe('grid-template-columns:repeat(2, minmax(0, 1fr))');
    expect(subfigures(html, 'fig:side-by-side')).toEqual([
      [undefined, '(a) Shapes'],
      [undefined, '(b) Triangle'],
      [undefined, '(c) Shapes again'],
    ]);
  });

  test('[@fig:subfigures; @fig:subfigureB] reads "figs. 2, 2b", each number linked to its figure', () => {
    const paragraph = selectAll('p', parseHtml(html)).find((p) => textOf(p).startsWith('Subfigures are supported'))!;
    expect(textOf(paragraph)).toBe('Subfigures are supported, see figs. 2, 2b.');
    expect(selectAll('a.crossref', paragraph).map((link) => [link.properties.href, textOf(link)])).toEqual([
      ['#fig:subfigures', '2'],
      ['#fig:subfigureB', '2b'],
    ]);
    const last = selectAll('p', parseHtml(html)).at(-1)!;
    expect(textOf(last)).toBe('See fig. 3.');
  });

  test('a div without a figure id stays raw HTML, as written', () => {
    expect(html).toContain('<div class="note">\nAny other div stays as **written**.\n</div>');
  });

  test('the PDF prints the numbers and the subfigure letters', async () => {
    const text = (await pageTexts(join(out, 'paper.pdf'))).join('\n');
    for (const line of ['Figure 2: Subfigures caption', '(a) Subfigure a', '(b) Subfigure b', 'Figure 3: Subfigures side by side', '(c) Shapes again', 'figs. 2, 2b']) expect(text).toContain(line);
  });
});

test('the targets: the div numbered in the one series of figures, the image id inside it "2b"', async () => {
  const checked = await check({ path: paper, cwd: fromRoot('.'), bibliographies: [] });
  expect(checked.files.flatMap((file) => file.messages.map(String))).toEqual([]);
  expect([...checked.paper!.targets.values()].filter((target) => target.kind === 'figure').map((target) => [target.id, target.label])).toEqual([
    ['fig:single', '1'],
    ['fig:subfigures', '2'],
    ['fig:subfigureB', '2b'],
    ['fig:side-by-side', '3'],
  ]);
});

describe('which raw HTML divs are figures', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'html-subfigure-divs-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  /** The figures `paper check` finds in a paper of `text` (images beside it), with their subfigures, and what it says. */
  async function figuresIn(name: string, text: string): Promise<{ figures: string[]; messages: string[] }> {
    const folder = join(scratch, name);
    mkdirSync(folder, { recursive: true });
    copyFileSync(fromRoot('test/fixtures/papers/subfigures-html/images/shapes.png'), join(folder, 'a.png'));
    writeFileSync(join(folder, 'paper.md'), `---\ntitle: T\n---\n\n${text}`);
    const checked = await check({ path: folder, cwd: folder, bibliographies: [] });
    const figures: string[] = [];
    visit(checked.paper!.tree, 'figure', (figure) => {
      const inside = figure.children.flatMap((child) => (child.type === 'figure' ? [`${child.label}${child.identifier ? `#${child.identifier}` : ''}`] : []));
      figures.push(`${figure.identifier ?? ''} ${figure.label ?? '-'} [${inside.join(' ')}] ${toString(figure.children.find((child) => child.type === 'figureCaption'))}`);
      return SKIP;
    });
    return { figures, messages: checked.files.flatMap((file) => file.messages.map(String)) };
  }

  test('a whole div in one block of raw HTML, and the Quarto spelling of the id, are figures too', async () => {
    const written = '<div id="fig-one" class="wide">\n![A](a.png) ![B](a.png){#fig-one-b}\n</div>\n';
    expect(await figuresIn('one-block', written)).toEqual({ figures: ['fig-one 1 [a b#fig-one-b] '], messages: [] });
  });

  test('a div without a figure id, one holding no image, one with text between its images or another div inside stay raw HTML', async () => {
    const written = [
      '<div id="plot">\n![A](a.png)\n\nCaption\n</div>',
      '<div id="fig:words">\nNo image here\n\nCaption\n</div>',
      '<div id="fig:text">\n![A](a.png)\n\nWords between\n\n![B](a.png)\n\nCaption\n</div>',
      '<div id="fig:nested">\n<div>\n![A](a.png)\n</div>\n\nCaption\n</div>',
      '<div id="fig:mixed">\n![A](a.png) and words\n</div>',
    ].join('\n\n');
    // As before: the image after a blank line, alone in its paragraph, is a figure of its own, unnumbered.
    expect(await figuresIn('not-figures', `${written}\n`)).toEqual({ figures: [' - [] B'], messages: [] });
  });
});

const corpus = fromRoot('../shared/corpus');
const present = existsSync(corpus);
if (!present) console.info(`corpus raw-div subfigure tests skipped: ${corpus} is not there`);

// Its `[@unprocessedCitation]` (an error the demo makes on purpose) still stops the render stage
// whatever its severity (citeproc is asked for the missing entry), so the figures are read from the
// resolved paper, as a reader would see them numbered.
describe.runIf(present)("pandoc-crossref's demo, its subfigure divs", () => {
  test('figures 5 and 6 with their subfigures (a), (b), (c), two side by side, the image id inside "5b", and no error about them', async () => {
    const folder = join(corpus, 'crossref-demo');
    const checked = await check({ path: folder, cwd: folder, bibliographies: [] });
    const messages = checked.files.flatMap((file) => file.messages.map(String));
    expect(messages.filter((message) => /fig:subfigure|image-|figure-/.test(message))).toEqual([]);
    expect(['fig:subfigures', 'fig:subfigureB', 'fig:subfigures-side-by-side'].map((id) => checked.paper!.targets.get(id)?.label)).toEqual(['5', '5b', '6']);
    const shown: Array<{ id: string | undefined; label: string | undefined; caption: string; columns: number | undefined; subfigures: string[] }> = [];
    visit(checked.paper!.tree, 'figure', (figure) => {
      const captionOf = (node: Figure) => toString(node.children.find((child) => child.type === 'figureCaption'));
      const inside = figure.children.flatMap((child) => (child.type === 'figure' ? [`(${child.label}) ${captionOf(child)}${child.identifier ? ` #${child.identifier}` : ''}`] : []));
      shown.push({ id: figure.identifier, label: figure.label, caption: captionOf(figure), columns: figure.columns, subfigures: inside });
      return SKIP;
    });
    expect(shown.slice(5)).toEqual([
      { id: 'fig:subfigures', label: '5', caption: 'Subfigures caption', columns: undefined, subfigures: ['(a) Subfigure a', '(b) Subfigure b #fig:subfigureB'] },
      { id: 'fig:subfigures-side-by-side', label: '6', caption: 'Subfigures side by side', columns: 2, subfigures: ['(a) Subfigure a', '(b) Subfigure b', '(c) Subfigure c'] },
    ]);
  }, 60_000);
});
