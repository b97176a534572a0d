import type { Paragraph } from 'mdast';
import { describe, expect, it } from 'vitest';
import { parseAttributes, takeTrailingAttributes } from '../../scripts/markdown/pandoc-attributes.js';
import { parse } from '../helpers/parse.js';

describe('Pandoc attributes', () => {
  it('reads ids, classes and key-value pairs, quoted or not', () => {
    expect(parseAttributes('{#fig:plot .wide width=50% caption="A \\"quoted\\" caption" alt=\'x y\'}')).toEqual({
      id: 'fig:plot',
      classes: ['wide'],
      attributes: { width: '50%', caption: 'A "quoted" caption', alt: 'x y' },
    });
    expect(parseAttributes('{-}')).toEqual({ classes: ['unnumbered'], attributes: {} });
    expect(parseAttributes('{#sec:custlabs label=CustLab}')).toEqual({ id: 'sec:custlabs', classes: [], attributes: { label: 'CustLab' } });
  });

  it('refuses what is not one attribute block', () => {
    expect(parseAttributes('{a b}')).toBeUndefined();
    expect(parseAttributes('{#}')).toBeUndefined();
    expect(parseAttributes('{key="open}')).toBeUndefined();
    expect(parseAttributes('no braces')).toBeUndefined();
  });
});

describe('attributes after a node', () => {
  function after(markdown: string, spaced = false) {
    const { tree, file } = parse(markdown);
    const paragraph = tree.children[0] as Paragraph;
    const attributes = takeTrailingAttributes(paragraph, 0, file, spaced);
    return { attributes, rest: paragraph.children.map((node) => ('value' in node ? node.value : node.type)) };
  }

  it('are read from the source, whatever the parser made of a `:name` in them', () => {
    const { attributes, rest } = after('![A plot](plot.png){#fig:plot width=50%} and more');
    expect(attributes).toMatchObject({ id: 'fig:plot', attributes: { width: '50%' } });
    expect(rest).toEqual(['image', ' and more']);
  });

  it('take spaces before the block only when asked', () => {
    expect(after('![A](a.png) {#fig-a}').attributes).toBeUndefined();
    const { attributes, rest } = after('![A](a.png) {#fig-a}', true);
    expect(attributes?.id).toBe('fig-a');
    expect(rest).toEqual(['image']);
  });

  it('leave a brace that opens no attribute block alone', () => {
    expect(after('![A](a.png){not attributes} x')).toEqual({ attributes: undefined, rest: ['image', '{not attributes} x'] });
  });
});
