/**
 * Pandoc's fenced divs (`scripts/markdown/micromark-fenced-div.ts`), against Pandoc 2.17's
 * `markdown` reader and as a reader sees them in the built HTML.
 *
 * Corpus: `test/fixtures/fenced-divs/cases.md`, documents separated by `%%% name` lines.
 * Golden: `test/fixtures/fenced-divs/pandoc.json`, the blocks `pandoc -f markdown -t json` reads
 * in each case, summarized (a div as its id, classes, attributes and blocks; a paragraph as its
 * text). Regenerate it after changing the cases (needs `pandoc` on PATH):
 *
 *     UPDATE=1 npx vitest run test/markdown/fenced-divs.test.ts
 *
 * Our parse is compared with the golden file, so the test needs no Pandoc; with Pandoc 2.17 on
 * PATH, each case is also run again to show the golden file is still what Pandoc says.
 */
import { describe, expect, it } from 'vitest';
import { parseHtml, selectAll, textOf } from '../helpers/html-text.js';
import { ourBlock } from '../helpers/pandoc-blocks.js';
import { describePandocBlockAgreement } from '../helpers/pandoc-block-agreement.js';
import { parse } from '../helpers/parse.js';
import { builtFixturePaper } from '../helpers/built-fixture-paper.js';

describePandocBlockAgreement('fenced divs', new URL('../fixtures/fenced-divs/', import.meta.url), () => {
  it('leaves `:::name` to remark-directive, as the paper\'s table groups need', () => {
    expect(parse(':::table-group{#g}\n::period-table{#t}\n:::\n').tree.children.map((node) => node.type)).toEqual(['containerDirective']);
    expect(parse('::: {.box}\n:::table-group\nx\n:::\n:::\n').tree.children.map(ourBlock)).toEqual([['div', '', ['box'], {}, ['containerDirective']]]);
  });
});

describe('the blocks paper (fenced divs, sub- and superscripts), built', () => {
  const paper = builtFixturePaper('blocks');

  it('builds without a message', () => {
    expect(paper.run.stderr).toBe('');
    expect(paper.run.status).toBe(0);
  });

  it('shows a fenced div as a <div> with its id, classes and data attributes, its Markdown read', () => {
    expect(paper.html).toContain('<div id="caution" class="note warning" data-level="2" data-kind="hard hat"><p>Mind the <em>step</em>.</p>');
    const page = parseHtml(paper.html);
    expect(selectAll('#caution li', page).map(textOf)).toEqual(['one', 'two']);
    expect(selectAll('div.aside > div.inner > p', page).map(textOf)).toEqual(['Nested, closed by counting.']);
    expect(selectAll('p', page).map(textOf)).toContain('::: not a fence');
    // Pandoc: Div ("", ["tip"], []) [Para …]; remark-directive read it first, as a directive nobody handles.
    expect(selectAll('div.tip > p', page).map(textOf)).toEqual(['Written without a blank, as Pandoc also reads it: a div.']);
  });

  it('shows subscripts, superscripts and strikeout as Pandoc writes them', () => {
    expect(paper.html).toContain('<p>H<sub>2</sub>O boils at 10<sup>2</sup> degrees; <del>never</del> always.</p>');
  });
});
