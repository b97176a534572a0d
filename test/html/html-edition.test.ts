import type { Element, Root } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { h } from 'hastscript';
import { describe, expect, it } from 'vitest';
import { citationPreviewsTransform } from '../../scripts/html/citation-previews.js';
import { footnoteBacklinksTransform } from '../../scripts/html/footnote-backlinks.js';
import { headingLinksTransform } from '../../scripts/html/heading-links.js';
import { htmlEditionTransform } from '../../scripts/html/html-edition.js';
import { tableOfContents } from '../../scripts/html/table-of-contents.js';
import { readFrontMatter } from '../../scripts/front-matter/read-front-matter.js';
import { createFragmentParser } from '../../scripts/markdown/fragments.js';
import { createMarkdownParser } from '../../scripts/pipeline/parse.js';
import { messages, parse } from '../helpers/parse.js';

/** What the HTML edition adds for a reader on screen; each transform on a small hast tree. */

const root = (...children: Element[]): Root => ({ type: 'root', children });
const number = (value: string) => h('span.header-section-number', value);
const call = (id: string, note: string) => h('sup', [h('a', { href: `#fn-${note}`, id, dataFootnoteRef: true }, '1')]);

function paper(): Root {
  return root(
    h('header#title-block-header', [h('h1.title', 'The Title')]),
    h('h2#intro', 'Introduction'),
    h('h2#sec-a', { dataNumber: '1' }, [number('1'), ' ', h('em', 'First'), ' part', call('fnref-x', 'x')]),
    h('h3#sec-a-1', [number('1.1'), ' With ', h('a', { href: 'https://example.org' }, 'a link')]),
    h('h4#deep', [number('1.1.1'), ' Deep']),
    h('h2#sec-b', [number('2'), ' Second']),
    h('h2', 'No id'),
  );
}

describe('the table of contents', () => {
  it('lists the headings with an id, nested, in Pandoc’s nav#TOC, without links or note calls', () => {
    const nav = tableOfContents(paper(), { title: 'Contents', depth: 2 });
    expect(nav && toHtml(nav)).toBe(
      '<nav id="TOC" role="doc-toc" aria-labelledby="toc-title"><h2 id="toc-title">Contents</h2><ul>' +
        '<li><a href="#intro" id="toc-intro">Introduction</a></li>' +
        '<li><a href="#sec-a" id="toc-sec-a"><span class="toc-section-number">1</span> <em>First</em> part</a>' +
        '<ul><li><a href="#sec-a-1" id="toc-sec-a-1"><span class="toc-section-number">1.1</span> With a link</a></li></ul></li>' +
        '<li><a href="#sec-b" id="toc-sec-b"><span class="toc-section-number">2</span> Second</a></li></ul></nav>',
    );
  });

  it('goes as deep as asked, and is left out when there is no heading', () => {
    const shallow = tableOfContents(paper(), { title: 'On this page', depth: 1 });
    expect(shallow?.children.map((child) => toHtml(child)).join('').match(/href="#[^"]+"/g)).toEqual(['href="#intro"', 'href="#sec-a"', 'href="#sec-b"']);
    expect(toHtml(shallow!)).toContain('<h2 id="toc-title">On this page</h2>');
    const deep = tableOfContents(paper(), { title: 'Contents', depth: 3 });
    expect(toHtml(deep!)).toContain('<a href="#deep" id="toc-deep"><span class="toc-section-number">1.1.1</span> Deep</a>');
    expect(tableOfContents(root(h('p', 'Text only.')), { title: 'Contents', depth: 3 })).toBeUndefined();
  });

  it('stands after the title block, unless the front matter turns it off', () => {
    const on = paper();
    htmlEditionTransform(on, { references: undefined, toc: { title: 'Contents', depth: 3 } });
    expect(on.children.map((child) => (child.type === 'element' ? `${child.tagName}${child.properties.id ? `#${String(child.properties.id)}` : ''}` : child.type)).slice(0, 3)).toEqual([
      'header#title-block-header',
      'nav#TOC',
      'h2#intro',
    ]);
    const off = paper();
    htmlEditionTransform(off, { references: undefined, toc: undefined });
    expect(toHtml(off)).not.toContain('TOC');
  });
});

describe('section anchors', () => {
  it('link each section heading with an id to itself, and leave the title alone', () => {
    const tree = paper();
    headingLinksTransform(tree);
    const html = toHtml(tree);
    expect(html).toContain('<h1 class="title">The Title</h1>');
    expect(html).toContain('<h2 id="intro"><a class="heading-link" href="#intro">Introduction</a></h2>');
    expect(html).toContain('<h2 id="sec-b"><a class="heading-link" href="#sec-b"><span class="header-section-number">2</span> Second</a></h2>');
    expect(html).toContain('<h2>No id</h2>');
  });
});

describe('front matter for the contents', () => {
  const read = (yaml: string) => {
    const { tree, file } = parse(`---\ntitle: T\n${yaml}---\n`);
    const meta = readFrontMatter(tree, file, createFragmentParser(createMarkdownParser(), []));
    return { toc: meta?.toc, messages: messages(file) };
  };

  it('has contents by default, as deep as Pandoc’s, and reads toc, toc-title and toc-depth', () => {
    expect(read('')).toEqual({ toc: { title: 'Contents', depth: 3 }, messages: [] });
    expect(read('toc: false\n')).toEqual({ toc: undefined, messages: [] });
    expect(read('toc-title: Inhalt\ntoc-depth: 1\n')).toEqual({ toc: { title: 'Inhalt', depth: 1 }, messages: [] });
  });

  it('reports a toc that is not true or false, and a depth out of range, at their places', () => {
    expect(read('toc: yes please\n').messages).toEqual(['3:6-3:16 error Expected `true` or `false`; found `yes please` frontmatter-schema']);
    expect(read('toc-depth: 9\n').messages).toEqual(['3:12-3:13 error Too big: expected number to be <=5; found `9` frontmatter-schema']);
  });
});

describe('citation previews', () => {
  const references = () =>
    h('div#refs', { role: 'list' }, [
      h('div#ref-smith2000.csl-entry', { role: 'listitem' }, ['John Smith, ', h('i', 'A Book'), ' (2000), ', h('a', { href: 'https://example.org/book' }, 'https://example.org/book'), '.']),
      h('div#ref-num.csl-entry', { role: 'listitem' }, [h('div.csl-left-margin', '1. '), h('div.csl-right-inline', 'Numbered.')]),
    ]);

  it('give each citation link a hidden copy of its entry, and describe the link by the entry itself', () => {
    const refs = references();
    const tree = root(h('p', [h('span.citation', { dataCites: 'smith2000' }, ['(', h('a', { href: '#ref-smith2000', role: 'doc-biblioref' }, 'Smith 2000'), ')'])]), refs);
    citationPreviewsTransform(tree, { references: refs });
    expect(toHtml(tree.children[0]!)).toBe(
      '<p><span class="citation" data-cites="smith2000">(<a href="#ref-smith2000" role="doc-biblioref" aria-describedby="ref-smith2000">Smith 2000' +
        '<span class="citation-preview" aria-hidden="true">John Smith, <i>A Book</i> (2000), <span>https://example.org/book</span>.</span></a>)</span></p>',
    );
    // The list itself is unchanged: its entries keep their ids and links.
    expect(toHtml(refs)).toContain('<div id="ref-smith2000" class="csl-entry" role="listitem">John Smith, <i>A Book</i> (2000), <a href="https://example.org/book">');
  });

  it('hold no block, no id and no focusable element, and leave links to nothing alone', () => {
    const refs = references();
    const tree = root(h('p', [h('a', { href: '#ref-num', role: 'doc-biblioref' }, '1'), ' ', h('a', { href: '#ref-gone', role: 'doc-biblioref' }, '2'), ' ', h('a.crossref', { href: '#tbl-x' }, 'Table 1')]));
    citationPreviewsTransform(tree, { references: refs });
    expect(toHtml(tree)).toBe(
      '<p><a href="#ref-num" role="doc-biblioref" aria-describedby="ref-num">1<span class="citation-preview" aria-hidden="true"><span class="csl-left-margin">1. </span><span class="csl-right-inline">Numbered.</span></span></a>' +
        ' <a href="#ref-gone" role="doc-biblioref">2</a> <a class="crossref" href="#tbl-x">Table 1</a></p>',
    );
  });
});

describe('footnote back-links', () => {
  const backref = (href: string, label: string) => h('a', { href, dataFootnoteBackref: '', ariaLabel: label }, '↩');
  const table = (calls: Element[]) => h('table', [h('caption', [h('span.table-label', 'Table 1.2.'), ' Events']), h('tbody', [h('tr', [h('td', calls)])])]);

  it('name each call of a note called twice, and say when the call is in a table', () => {
    const tree = root(
      h('p', [call('fnref-a', 'a'), call('fnref-b', 'b')]),
      table([call('fnref-a-2', 'a'), call('fnref-c', 'c')]),
      h('section.footnotes', [
        h('ol', [
          h('li#fn-a', [h('p', ['A.', backref('#fnref-a', 'Back to the text of note 1'), backref('#fnref-a-2', 'Back to the text of note 1')])]),
          h('li#fn-b', [h('p', ['B.', backref('#fnref-b', 'Back to the text of note 2')])]),
          h('li#fn-c', [h('p', ['C.', backref('#fnref-c', 'Back to the text of note 3')])]),
        ]),
      ]),
    );
    footnoteBacklinksTransform(tree);
    expect(toHtml(tree.children[2]!).match(/aria-label="[^"]*"/g)).toEqual([
      'aria-label="Back to call 1 of note 1 in the text"',
      'aria-label="Back to call 2 of note 1 in Table 1.2"',
      'aria-label="Back to the text of note 2"',
      'aria-label="Back to note 3 in Table 1.2"',
    ]);
  });
});
