import type { Nodes } from 'mdast';
import remarkDirective from 'remark-directive';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import remarkCitations from '../../scripts/citations/syntax/remark-citations.js';
import { parse } from './pandoc-citations.js';

/** `type` or `type:value-or-url` for each phrasing node of the first paragraph. */
function outline(source: string, tree = parse(source)): string[] {
  const [paragraph] = tree.children;
  const label = (node: Nodes): string => {
    if (node.type === 'citation') return `citation:${node.value}`;
    if (node.type === 'link') return `link:${node.url}`;
    if (node.type === 'textDirective') return `textDirective:${node.name}`;
    if (node.type === 'footnoteReference') return `footnoteReference:${node.identifier}`;
    return 'value' in node ? `${node.type}:${node.value}` : node.type;
  };
  return paragraph?.type === 'paragraph' ? paragraph.children.map(label) : [];
}

describe('remarkCitations', () => {
  it('turns Pandoc citations into citation nodes', () => {
    expect(outline('As @doe99 [p. 33] says [see -@a, ch. 1; @b].')).toEqual([
      'text:As ',
      'citation:@doe99 [p. 33]',
      'text: says ',
      'citation:[see -@a, ch. 1; @b]',
      'text:.',
    ]);
  });

  it('keeps an e-mail address a GFM autolink', () => {
    expect(outline('Write to yn.zabortseva@sydney.edu.au.')).toEqual([
      'text:Write to ',
      'link:mailto:yn.zabortseva@sydney.edu.au',
      'text:.',
    ]);
  });

  it('keeps a URL with `@` a GFM autolink', () => {
    expect(outline('See https://example.org/@user now.')).toEqual(['text:See ', 'link:https://example.org/@user', 'text: now.']);
  });

  it('does not let a directive cut a key apart, and leaves directives alone', () => {
    expect(outline('See @doe:intro and :abbr[NATO].')).toEqual([
      'text:See ',
      'citation:@doe:intro',
      'text: and ',
      'textDirective:abbr',
      'text:.',
    ]);
  });

  it('keeps footnote calls and links working right after a citation', () => {
    expect(outline('Text [@a][^1], [@b] [link](https://example.org).\n\n[^1]: Note.')).toEqual([
      'text:Text ',
      'citation:[@a]',
      'footnoteReference:1',
      'text:, ',
      'citation:[@b]',
      'text: ',
      'link:https://example.org',
      'text:.',
    ]);
  });

  it('leaves a link whose text is a citation a link, as Pandoc does', () => {
    const [paragraph] = parse('[@a](https://example.org)').children;
    const link = paragraph?.type === 'paragraph' ? paragraph.children[0] : undefined;
    expect(link?.type === 'link' && link.children.map((node) => node.type)).toEqual(['citation']);
  });

  it('reads nothing in code, escapes, or brackets without a key', () => {
    expect(outline('`[@a]` \\@b [just text] x@c')).toEqual(['inlineCode:[@a]', 'text: @b [just text] x@c']);
  });

  it('parses markup inside prefixes and suffixes', () => {
    const [paragraph] = parse('[*see* @a, p. `33`]').children;
    const citation = paragraph?.type === 'paragraph' ? paragraph.children[0] : undefined;
    expect(citation?.type === 'citation' && citation.items.map((item) => [item.prefix.map((node) => node.type), item.suffix.map((node) => node.type)])).toEqual([
      [['emphasis'], ['text', 'inlineCode']],
    ]);
  });

  it('works whatever the order of plugins', () => {
    const processor = unified().use(remarkCitations).use(remarkParse).use(remarkDirective).use(remarkGfm);
    expect(outline('', processor.parse('See @doe:intro [p. 3], yn@sydney.edu.au.'))).toEqual([
      'text:See ',
      'citation:@doe:intro [p. 3]',
      'text:, ',
      'link:mailto:yn@sydney.edu.au',
      'text:.',
    ]);
  });
});
