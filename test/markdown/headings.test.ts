import type { Heading } from 'mdast';
import { describe, expect, it } from 'vitest';
import { toString } from 'mdast-util-to-string';
import { autoIdentifier, headingAttributesTransform } from '../../scripts/markdown/heading-attributes.js';
import { sectionNumbersTransform } from '../../scripts/markdown/section-numbers.js';
import { parse } from '../helpers/parse.js';

function headings(markdown: string, numbered = true) {
  const { tree, file } = parse(markdown);
  headingAttributesTransform(tree, file);
  if (numbered) sectionNumbersTransform(tree, { show: true });
  return tree.children.filter((node): node is Heading => node.type === 'heading').map((heading) => ({
    text: toString(heading),
    ...heading.data,
  }));
}

describe('heading attributes', () => {
  it('reads Pandoc attributes and removes them from the text', () => {
    expect(headings('# Intro {-}\n\n# Stages {#sec-stages .wide}\n\n## Sub {.unnumbered}\n', false)).toEqual([
      { text: 'Intro', id: 'intro', unnumbered: true },
      { text: 'Stages', id: 'sec-stages', classes: ['wide'] },
      { text: 'Sub', id: 'sub', unnumbered: true },
    ]);
  });

  it('gives other headings unique automatic identifiers, as Pandoc does', () => {
    expect(headings("# 2.1 YELTSIN'S PERIOD: TIES?\n\n# Notes\n\n# Notes\n", false).map((heading) => heading.id)).toEqual([
      'yeltsins-period-ties',
      'notes',
      'notes-1',
    ]);
    expect(autoIdentifier('Über *die* Brücke')).toBe('über-die-brücke');
  });

  it('reads an id holding a colon (pandoc-crossref), which is no directive, and custom labels', () => {
    expect(headings('# Chapter 1. Figures {#sec:sec1}\n\n## Custom {#sec:custlabs label=CustLab}\n\n# Appendix {label="AppA" .x}\n', false)).toEqual([
      { text: 'Chapter 1. Figures', id: 'sec:sec1' },
      { text: 'Custom', id: 'sec:custlabs', label: 'CustLab' },
      { text: 'Appendix', id: 'appendix', classes: ['x'], label: 'AppA' },
    ]);
  });

  it("prefixes automatic identifiers with `sec:` under pandoc-crossref's autoSectionLabels, and keeps written ones", () => {
    const { tree, file } = parse('# Chapter 3. Tables\n\n# Mine {#sec:mine}\n');
    headingAttributesTransform(tree, file, { autoPrefix: 'sec:' });
    expect(tree.children.map((node) => (node.type === 'heading' ? node.data?.id : undefined))).toEqual(['sec:chapter-3.-tables', 'sec:mine']);
  });

  it('leaves braces that are not a trailing attribute block alone', () => {
    expect(headings('# Sets {a} and b\n', false)[0]?.text).toBe('Sets {a} and b');
  });
});

describe('section numbers', () => {
  it('numbers sections as --number-sections does, skipping unnumbered ones', () => {
    const numbered = headings('# Intro {-}\n\n# A\n\n## A.1\n\n## A.2\n\n# B\n\n### deep\n\n# End {-}\n');
    expect(numbered.map((heading) => `${heading.sectionNumber ?? '-'} ${heading.text}`)).toEqual([
      '- Intro',
      '1 A',
      '1.1 A.1',
      '1.2 A.2',
      '2 B',
      '2.0.1 deep',
      '- End',
    ]);
  });
});
