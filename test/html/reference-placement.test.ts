import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseHtml, selectAll, textOf } from '../helpers/html-text.js';
import { runMain } from '../helpers/run-cli.js';

/**
 * Where a reader finds the reference list: where the author put it (`::: {#refs}`, or under a last
 * heading called References, Bibliography or a translation), never under a second heading of ours;
 * `reference-section-title` and `suppress-bibliography` as in Pandoc.
 */
const scratch = mkdtempSync(join(tmpdir(), 'paper-refs-place-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const bib = '@book{smith2000,\n  author = {Smith, John},\n  title = {A Book},\n  publisher = {Press},\n  date = {2000},\n}\n';

async function build(name: string, frontMatter: string, body: string) {
  const folder = join(scratch, name);
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'refs.bib'), bib);
  writeFileSync(join(folder, 'paper.md'), `---\ntitle: Placing\nbibliography: refs.bib\n${frontMatter}---\n\n# Intro\n\nAs shown [@smith2000].\n\n${body}`);
  const run = await runMain(['build', 'paper.md', '--no-pdf', '--quiet'], folder, {});
  expect(run.stderr).toBe('');
  return parseHtml(readFileSync(join(folder, 'build', 'paper.html'), 'utf8'));
}

/** The headings of the article and of its contents, in order. */
function headings(page: ReturnType<typeof parseHtml>) {
  return {
    article: selectAll('h1, h2', page).filter((heading) => heading.properties.id !== 'toc-title').map(textOf),
    contents: selectAll('#TOC a', page).map(textOf),
  };
}

describe('the reference list, placed', () => {
  it('goes under a last heading called Literatur, which is not repeated, in the text or the contents', async () => {
    const page = await build('heading', '', '# Literatur\n');
    expect(headings(page)).toEqual({ article: ['Placing', 'Intro', 'Literatur'], contents: ['Intro', 'Literatur'] });
    expect(selectAll('#refs .csl-entry', page).map(textOf)).toEqual(['John Smith, A Book (Press, 2000).']);
  });

  it('goes where `::: {#refs}` stands, before the appendix', async () => {
    expect(headings(await build('div', '', '# Works cited here\n\n::: {#refs}\n:::\n\n# Appendix\n\nMore.\n')).article).toEqual(['Placing', 'Intro', 'Works cited here', 'Appendix']);
    const page = readFileSync(join(scratch, 'div', 'build', 'paper.html'), 'utf8');
    const html = page.slice(page.indexOf('</nav>'));
    const at = ['>Works cited here<', 'id="refs"', 'id="ref-smith2000"', '>Appendix<', '>More.<'].map((mark) => html.indexOf(mark));
    expect(at.every((offset) => offset > 0)).toBe(true);
    expect(at).toEqual([...at].sort((a, b) => a - b));
  });

  it('keeps a `#refs` div\'s own text and classes around the list', async () => {
    const page = await build('div-content', '', '# Sources\n\n::: {#refs .small}\nListed as cited.\n:::\n');
    const wrapper = selectAll('div.small', page)[0]!;
    expect(selectAll('p', wrapper).map(textOf)).toEqual(['Listed as cited.']);
    expect(selectAll('#refs .csl-entry', wrapper)).toHaveLength(1);
    expect(selectAll('[id="refs"]', page)).toHaveLength(1);
  });

  it('gets our heading, named by `reference-section-title`, when the author gave none', async () => {
    const page = await build('title', 'reference-section-title: Works Cited\n', '# Discussion\n\nDone.\n');
    expect(headings(page).article).toEqual(['Placing', 'Intro', 'Discussion', 'Works Cited']);
  });

  it('is left out with `suppress-bibliography`, the citation kept as text without a link', async () => {
    const page = await build('suppressed', 'suppress-bibliography: true\n', '# References\n');
    expect(selectAll('#refs, .csl-entry', page)).toHaveLength(0);
    expect(selectAll('a[href^="#ref-"]', page)).toHaveLength(0);
    expect(selectAll('p', page).map(textOf)).toContain('As shown (Smith 2000).');
    expect(headings(page).article).toEqual(['Placing', 'Intro', 'References']);
  });
});

describe('a heading that announces the reference list', () => {
  it('is called References, Bibliography or a translation, numbered or not', async () => {
    const { isReferenceHeading } = await import('../../scripts/markdown/placed-lists.js');
    const names = ['References', '7. Bibliography:', 'Литература', 'Références', 'Referencias', 'Bibliografia', 'Bibliographie', 'Literaturverzeichnis', '参考文献'];
    expect(names.filter((name) => !isReferenceHeading(name))).toEqual([]);
    expect(['Conclusion', 'Notes', 'Appendix: references to the data'].filter((name) => isReferenceHeading(name))).toEqual([]);
    expect(isReferenceHeading('Quellenangaben', 'Quellenangaben')).toBe(true);
  });
});
