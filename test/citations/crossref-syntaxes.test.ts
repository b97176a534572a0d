import type { Root } from 'mdast';
import { toHtml } from 'hast-util-to-html';
import { visit } from 'unist-util-visit';
import { describe, expect, it } from 'vitest';
import { readCrossrefKey, type CrossrefTarget } from '../../scripts/citations/crossref-targets.js';
import { renderCitations } from '../../scripts/citations/render-citations.js';
import { resolveCitations } from '../../scripts/citations/resolve-citations.js';
import type { Citation } from '../../scripts/citations/syntax/citation-node.js';
import { crossrefNaming } from '../../scripts/front-matter/crossref-naming.js';
import type { FrontMatter } from '../../scripts/front-matter/front-matter-schema.js';
import { latexReferencesTransform } from '../../scripts/markdown/latex-references.js';
import { messages, parse } from '../helpers/parse.js';

const engine = { renderClusters: (clusters: unknown[][]) => clusters.map((cites) => `[${cites.length} works]`) };

const target = (id: string, kind: CrossrefTarget['kind'], label: string, more: Partial<CrossrefTarget> = {}): [string, CrossrefTarget] => [id, { id, kind, label, ...more }];
const targets = new Map<string, CrossrefTarget>([
  ...['1', '2', '3', '4'].map((n) => target(`fig:f${n}`, 'figure', n)),
  target('fig-plot', 'figure', '1'),
  target('eq:a', 'equation', '1'),
  target('eq-b', 'equation', '2'),
  target('tbl:t', 'table', '1'),
  target('lst:l1', 'listing', '1'),
  target('lst:l2', 'listing', '2'),
  target('sec:one', 'section', '', { title: 'One', counted: '1' }),
  target('sec:sub1', 'section', '', { title: 'Sub', counted: '4.1' }),
  target('sec:sub2', 'section', '', { title: 'Sub', counted: '4.2' }),
  target('sec:sub3', 'section', '', { title: 'Sub', counted: '4.3' }),
  target('sec-intro', 'section', '', { title: 'Introduction' }),
]);

/** The text a reader sees for each citation of `markdown`, with the links' targets. */
function rendered(markdown: string, front: Partial<FrontMatter> = {}): string[] {
  const { tree } = parse(markdown);
  const citations: Citation[] = [];
  visit(tree as Root, 'citation', (node) => {
    citations.push(node);
  });
  renderCitations(citations, targets, engine, crossrefNaming({ title: 'T', ...front } as FrontMatter));
  return citations.map((citation) => toHtml({ type: 'root', children: citation.data?.rendered ?? [] }).replaceAll('\u00a0', '~'));
}

const a = (id: string, text: string) => `<a href="#${id}" class="crossref">${text}</a>`;

describe('cross-reference keys', () => {
  it('are read in both syntaxes, lower case or capitalized, and never taken for bibliography keys', () => {
    expect(readCrossrefKey('fig-plot')).toEqual({ id: 'fig-plot', kind: 'figure', syntax: 'quarto', capitalized: false });
    expect(readCrossrefKey('Fig:plot')).toEqual({ id: 'fig:plot', kind: 'figure', syntax: 'pandoc-crossref', capitalized: true });
    expect(readCrossrefKey('eq:a')?.kind).toBe('equation');
    expect(readCrossrefKey('lst-code')?.kind).toBe('listing');
    expect(readCrossrefKey('FIG:plot')).toBeUndefined();
    expect(readCrossrefKey('figueroa2001')).toBeUndefined();
    expect(readCrossrefKey('note:x')).toBeUndefined();
  });
});

describe("Quarto's references", () => {
  it('name each target on its own, capitalized when written so, the number alone when author-suppressed', () => {
    expect(rendered('See @fig-plot, [-@fig-plot], @Eq-b and [@sec-intro; @fig-plot].\n')).toEqual([
      a('fig-plot', 'Figure 1'),
      a('fig-plot', '1'),
      a('eq-b', 'Equation 2'),
      `${a('sec-intro', 'Introduction')}; ${a('fig-plot', 'Figure 1')}`,
    ]);
  });

  it('take their words from `crossref:`, or from `lang`', () => {
    expect(rendered('@fig-plot and @eq-b\n', { crossref: { 'fig-prefix': 'Fig.', 'eq-prefix': 'Eq.' } } as Partial<FrontMatter>)).toEqual([a('fig-plot', 'Fig. 1'), a('eq-b', 'Eq. 2')]);
    expect(rendered('@fig-plot\n', { lang: 'de-DE' })).toEqual([a('fig-plot', 'Abbildung 1')]);
  });
});

describe("pandoc-crossref's references", () => {
  it('group neighbours of one kind under a plural, with ranges of three or more, as its demo shows', () => {
    expect(rendered('[@fig:f2;@fig:f3;@fig:f4] and [@fig:f1; @tbl:t; @lst:l1; @lst:l2; @fig:f2; @fig:f3]\n')).toEqual([
      `figs.~${a('fig:f2', '2')}-${a('fig:f4', '4')}`,
      `fig.~${a('fig:f1', '1')}, tbl.~${a('tbl:t', '1')}, lsts.~${a('lst:l1', '1')}, ${a('lst:l2', '2')}, figs.~${a('fig:f2', '2')}, ${a('fig:f3', '3')}`,
    ]);
  });

  it('count sections whether they are shown numbered or not, and sort the numbers', () => {
    expect(rendered('(see [@sec:sub3; @sec:one; @sec:sub1; @sec:sub2])\n')).toEqual([`secs.~${a('sec:one', '1')}, ${a('sec:sub1', '4.1')}-${a('sec:sub3', '4.3')}`]);
  });

  it('capitalize as the first reference of a group is written, and drop the prefix when author-suppressed', () => {
    expect(rendered('[@Fig:f2; @fig:f3], [@fig:f3; @Fig:f2], @eq:a and [-@eq:a]\n')).toEqual([
      `Figs.~${a('fig:f2', '2')}, ${a('fig:f3', '3')}`,
      `figs.~${a('fig:f2', '2')}, ${a('fig:f3', '3')}`,
      `eq.~${a('eq:a', '1')}`,
      a('eq:a', '1'),
    ]);
  });

  it('take their prefixes from figPrefix and the like, a word or a singular and a plural', () => {
    expect(rendered('[@fig:f1] [@fig:f1; @fig:f2] [@eq:a]\n', { figPrefix: ['Figure', 'Figures'], eqnPrefix: 'Eq.' } as Partial<FrontMatter>)).toEqual([
      `Figure~${a('fig:f1', '1')}`,
      `Figures~${a('fig:f1', '1')}, ${a('fig:f2', '2')}`,
      `Eq.~${a('eq:a', '1')}`,
    ]);
  });

  it('stand beside works cited in the same brackets', () => {
    expect(rendered('[@fig:f1; @tbl:t; @smith]\n')).toEqual([`fig.~${a('fig:f1', '1')}, tbl.~${a('tbl:t', '1')} [1 works]`]);
  });
});

describe('unknown targets', () => {
  it('are errors that suggest targets of the same kind first, never unknown citation keys', () => {
    const { tree, file } = parse('See @fig:f5, @fig-plto, @eq:b and @tbl:x.\n');
    resolveCitations(tree, file, { entryKeys: new Set(['smith']), targets });
    expect(messages(file)).toEqual([
      '1:5-1:12 error Cannot find cross-reference target `fig:f5`; did you mean `fig:f1`, `fig:f2` or `fig:f3` crossref-unknown-target',
      '1:14-1:23 error Cannot find cross-reference target `fig-plto`; did you mean `fig-plot` crossref-unknown-target',
      '1:25-1:30 error Cannot find cross-reference target `eq:b`; did you mean `eq-b` or `eq:a` crossref-unknown-target',
      '1:35-1:41 error Cannot find cross-reference target `tbl:x`; did you mean `tbl:t` crossref-unknown-target',
    ]);
  });
});

describe("LaTeX's references in running text", () => {
  it('are cross-references: \\autoref named, \\ref the number alone, \\eqref in parentheses; unknown ones reported in place', () => {
    const { tree, file } = parse('See \\autoref{fig:f2}, figure \\ref{fig:f3}, equation \\eqref{eq:a} and \\ref{fig:nope}; `\\ref{x}` is code.\n');
    latexReferencesTransform(tree);
    resolveCitations(tree, file, { entryKeys: new Set(), targets });
    const links: string[] = [];
    visit(tree as Root, 'link', (link) => {
      links.push(`${link.url} ${link.children.map((child) => ('value' in child ? child.value : '')).join('')}`);
    });
    expect(links).toEqual(['#fig:f2 Figure 2', '#fig:f3 3', '#eq:a (1)', '#fig:nope ']);
    expect(messages(file)).toEqual(['1:70-1:84 error Cannot find link target `#fig:nope` crossref-unknown-target']);
  });
});
