import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latexReferencesTransform } from '../../scripts/markdown/latex-references.js';
import { rawHtmlTransform } from '../../scripts/markdown/raw-html-transform.js';
import { rawTexTransform } from '../../scripts/markdown/raw-tex-transform.js';
import { messages, parse } from '../helpers/parse.js';
import { fromRoot } from '../helpers/paths.js';
import { pageTexts } from '../helpers/pdf-reader.js';
import { runMain } from '../helpers/run-cli.js';
import { readerText } from '../corpus/reader-view.js';

/** The manuscript's Markdown with its raw TeX placed, as the resolve stage places it. */
function placed(markdown: string) {
  const { tree, file } = parse(markdown);
  rawTexTransform(tree, file);
  latexReferencesTransform(tree);
  return { tree, file, messages: messages(file) };
}

describe('raw TeX in the manuscript', () => {
  it('drops a command from running text with one warning at its place', () => {
    const { tree, messages: said } = placed('Some \\footnotesize small text.\n');
    expect(tree.children).toMatchObject([{ type: 'paragraph', children: [{ type: 'text', value: 'Some ' }, { type: 'text', value: 'small text.' }] }]);
    expect(said).toEqual(['1:6-1:19 warning Raw TeX `\\footnotesize` is left out of the HTML and the PDF: only LaTeX reads it raw-tex-dropped']);
  });

  it('drops an environment over blank lines, and a paragraph of TeX alone, with the paragraph', () => {
    const { tree, messages: said } = placed('Before.\n\n\\begin{figure}\n\\centering\n\n\\caption{A}\n\\end{figure}\n\nAfter.\n');
    expect(tree.children.map((node) => node.type)).toEqual(['paragraph', 'paragraph']);
    expect(said).toEqual(['3:1-7:13 warning Raw TeX `\\begin{figure}…\\end{figure}` is left out of the HTML and the PDF: only LaTeX reads it raw-tex-dropped']);
  });

  it('says once for a run of TeX written one after the other, page breaks and blank lines between', () => {
    const titlePage = '\\vspace*{\\fill}\n\\noindent\n\\textit{\nA dedication.\n}\n\\vspace*{\\fill}\n\\pagenumbering{gobble}\n\\newpage\n\n\\pagenumbering{roman}\n\nText.\n';
    const { tree, messages: said } = placed(titlePage);
    expect(tree.children.map((node) => node.type)).toEqual(['pageBreak', 'paragraph']);
    expect(said).toEqual(['1:1-10:22 warning Raw TeX `\\vspace*{\\fill}` and 5 more pieces after it are left out of the HTML and the PDF: only LaTeX reads them raw-tex-dropped']);
  });

  it('makes \\newpage, \\pagebreak and \\clearpage page breaks, ending a paragraph where they stand', () => {
    const { tree, messages: said } = placed('One.\n\\pagebreak\nTwo.\n\n\\newpage\n\n\\clearpage\n\nThree.\n');
    expect(tree.children).toMatchObject([
      { type: 'paragraph', children: [{ value: 'One.' }] },
      { type: 'pageBreak', data: { hName: 'div', hProperties: { className: ['page-break'], style: 'break-after: page' } } },
      { type: 'paragraph', children: [{ value: 'Two.' }] },
      { type: 'pageBreak' },
      { type: 'paragraph', children: [{ value: 'Three.' }] },
    ]);
    expect(said).toEqual([]);
  });

  it('prints no empty page where TeX and comments were between two page breaks', () => {
    const markdown = 'One.\n\n\\newpage\n\n<!-- a note -->\n\n\\tableofcontents\n\n\\newpage\n\nTwo.\n';
    expect(placed(markdown).tree.children.map((node) => node.type)).toEqual(['paragraph', 'pageBreak', 'html', 'paragraph']);
    // As the resolve stage has it: the comment through the allow-list first.
    const { tree, file } = parse(markdown);
    rawHtmlTransform(tree, file);
    rawTexTransform(tree, file);
    expect(tree.children.map((node) => node.type)).toEqual(['paragraph', 'pageBreak', 'sanitizedHtml', 'paragraph']);
  });

  it('keeps references for the cross-references, math and code', () => {
    const { tree, messages: said } = placed('See \\autoref{fig:a} and $\\alpha$ and `\\newpage`.\n\n```\n\\begin{figure}\n\\end{figure}\n```\n');
    expect(tree.children).toMatchObject([
      { type: 'paragraph', children: [{ value: 'See ' }, { type: 'link', url: '#fig:a', data: { latexReference: 'autoref' } }, { value: ' and ' }, { type: 'inlineMath', value: '\\alpha' }, { value: ' and ' }, { type: 'inlineCode', value: '\\newpage' }, { value: '.' }] },
      { type: 'code', value: '\\begin{figure}\n\\end{figure}' },
    ]);
    expect(said).toEqual([]);
  });

  it('shows an equation environment as display math, as Pandoc does with MathJax', () => {
    const { tree, messages: said } = placed('\\begin{align*}\na &= b\n\\end{align*}\n');
    expect(tree.children).toMatchObject([{ type: 'paragraph', children: [{ type: 'displayMath', value: '\\begin{align*}\na &= b\n\\end{align*}' }] }]);
    expect(said).toEqual([]);
  });

  it('takes a \\label out of the equation it names, and numbers that equation', async () => {
    const { equationsTransform } = await import('../../scripts/math/equations-transform.js');
    const { tree, file, messages: said } = placed('\\begin{equation}\nE = mc^2 \\label{energy}\n\\end{equation}\n\n$$a = b$$\n');
    equationsTransform(tree, file);
    expect(tree.children).toMatchObject([
      { type: 'paragraph', children: [{ type: 'displayMath', value: '\\begin{equation}\nE = mc^2 \n\\end{equation}', data: { math: { id: 'energy', number: '1' }, crossrefTarget: { id: 'energy', kind: 'equation', label: '1' } } }] },
      { type: 'paragraph', children: [{ type: 'displayMath', value: 'a = b', data: { math: {} } }] },
    ]);
    expect(said).toEqual([]);
  });

  it('reports TeX in a period table\'s cell at its data file, in a paper whose manuscript has none', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'paper-raw-tex-cell-'));
    try {
      writeFileSync(join(folder, 'paper.md'), '---\ntitle: Cells\n---\n\n::period-table{#tbl-p src="period.yaml"}\n');
      writeFileSync(join(folder, 'period.yaml'), 'caption: Relations\ncolumns: ["1999"]\nrows:\n  - category: Events\n    kind: events\n    cells:\n      "1999": A \\textbf{bold} move\n');
      const run = await runMain(['check', folder], fromRoot('.'), {});
      expect(run.stderr).toContain('period.yaml:7:17-7:30  warning  Raw TeX `\\textbf{bold}` is left out of the HTML and the PDF: only LaTeX reads it  raw-tex-dropped');
      expect(run.status).toBe(0);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('reads a long unclosed environment in bounded time', () => {
    const started = performance.now();
    placed(`${'\\begin{x}\n\n'.repeat(6000)}text\n`);
    expect(performance.now() - started).toBeLessThan(20_000);
  });
});

describe('a paper with raw TeX, built', () => {
  let folder: string;
  let html: string;
  let pages: string[];
  let stderr: string;
  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'paper-raw-tex-'));
    copyFileSync(fromRoot('test/fixtures/papers/figures/images/shapes.png'), join(folder, 'plot.png'));
    writeFileSync(
      join(folder, 'paper.md'),
      [
        '---\ntitle: Raw TeX\n---\n',
        'The first page, with \\footnotesize small text.\n',
        '\\newpage\n',
        'The second page.\n',
        '\\begin{figure}\n\\centering\n\\includegraphics{a.png}\n\n\\caption{A caption}\n\\end{figure}\n',
        '![A plot.\\label{fig:plot}](plot.png)\n',
        'See \\autoref{fig:plot}, \\ref{fig:plot} and @fig:plot.\n',
        'Before the break.\n\\pagebreak\nThe third page.\n',
        '# Results \\label{sec:results}\n',
        '| a | b |\n|---|---|\n| 1 | 2 |\n\nTable: Results of the run. \\label{tab:res}\n',
        '\\begin{equation}\nE = mc^2 \\label{eq:energy}\n\\end{equation}\n',
        'Section \\ref{sec:results} holds table \\ref{tab:res} and equation \\eqref{eq:energy}.\n',
      ].join('\n'),
    );
    const run = await runMain(['build', folder, '--out', join(folder, 'out')], fromRoot('.'), { SOURCE_DATE_EPOCH: '1296000000' });
    stderr = run.stderr;
    html = readFileSync(join(folder, 'out/paper.html'), 'utf8');
    pages = await pageTexts(readFileSync(join(folder, 'out/paper.pdf')));
  }, 60_000);
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('shows no TeX as text, and names what it left out', () => {
    const text = readerText(html);
    expect(text).not.toMatch(/\\[a-z]/);
    expect(text).toContain('The first page, with small text.');
    expect(stderr).toContain('paper.md:5:22-5:35  warning  Raw TeX `\\footnotesize` is left out');
    expect(stderr).toContain('paper.md:11:1-16:13  warning  Raw TeX `\\begin{figure}…\\end{figure}` is left out');
  });

  it('gives the figure the id of its caption\'s \\label, which \\autoref, \\ref and @fig resolve to', () => {
    expect(html).toContain('<figure id="fig:plot">');
    expect(readerText(html)).toContain('See Figure 1, 1 and fig. 1.');
  });

  it('gives a heading, a table and an equation the id of their \\label, numbered as LaTeX numbers them', () => {
    expect(html).toMatch(/<h2 id="sec:results">.*Results<\/a><\/h2>/);
    expect(html).toMatch(/<table id="tab:res">\n<caption><span class="table-label">Table 1:<\/span> Results of the run.<\/caption>/);
    expect(html).toContain('id="eq:energy"');
    const text = readerText(html);
    expect(text).toContain('Section 1 holds table 1 and equation (1).');
    expect(text).not.toContain('label');
    expect(stderr).not.toContain('label');
  });

  it('starts a new page in the PDF after \\newpage and \\pagebreak', () => {
    expect(pages).toHaveLength(3);
    expect(pages[0]).toContain('The first page');
    expect(pages[0]).not.toContain('The second page');
    expect(pages[1]).toContain('The second page.');
    expect(pages[1]).toContain('Before the break.');
    expect(pages[2]).toContain('The third page.');
  });
});
