import type { Nodes, Root } from 'mdast';
import { stringifyPosition } from 'unist-util-stringify-position';
import { describe, expect, it } from 'vitest';
import type { Citation } from '../../scripts/citations/syntax/citation-node.js';
import { parse } from './pandoc-citations.js';

/** Every citation, its keys and the nodes of its prefixes and suffixes, one line each with its place. */
function places(tree: Root): string {
  const lines: string[] = [];
  const node = (value: Nodes, depth: number): void => {
    const text = 'value' in value ? ` ${JSON.stringify(value.value)}` : '';
    lines.push(`${'  '.repeat(depth)}${value.type} ${stringifyPosition(value.position)}${text}`);
    if (value.type === 'citation') citation(value, depth + 1);
    if ('children' in value) for (const child of value.children) node(child, depth + 1);
  };
  const citation = (value: Citation, depth: number): void => {
    for (const item of value.items) {
      lines.push(`${'  '.repeat(depth)}${item.mode} @${item.key} ${stringifyPosition(item.position)}`);
      for (const child of item.prefix) node(child, depth + 1);
      for (const child of item.suffix) node(child, depth + 1);
    }
  };
  for (const child of tree.children) node(child, 0);
  return lines.join('\n');
}

describe('citation positions', () => {
  it('places a bracketed citation, its keys, prefix and suffix', () => {
    const tree = parse('Text [see @a, p. 3; @b].');
    const [paragraph] = tree.children;
    const citation = paragraph?.type === 'paragraph' ? paragraph.children[1] : undefined;
    expect(citation?.type).toBe('citation');
    if (citation?.type !== 'citation') return;
    expect(stringifyPosition(citation.position)).toBe('1:6-1:24');
    expect(citation.items.map((item) => stringifyPosition(item.position))).toEqual(['1:11-1:13', '1:21-1:23']);
    expect(places(tree)).toBe(
      [
        'paragraph 1:1-1:25',
        '  text 1:1-1:6 "Text "',
        '  citation 1:6-1:24 "[see @a, p. 3; @b]"',
        '    normal @a 1:11-1:13',
        '      text 1:7-1:10 "see"',
        '      text 1:13-1:19 ", p. 3"',
        '    normal @b 1:21-1:23',
        '  text 1:24-1:25 "."',
      ].join('\n'),
    );
  });

  it('places a narrative citation whose bracket is on the next line of a block quote', () => {
    expect(places(parse('> As -@{doe 99}, @doe99\n> [p. 33; see *also* @b] says.'))).toBe(
      [
        'blockquote 1:1-2:31',
        '  paragraph 1:3-2:31',
        '    text 1:3-1:18 "As -@{doe 99}, "',
        '    citation 1:18-2:25 "@doe99\\n[p. 33; see *also* @b]"',
        '      author-in-text @doe99 1:18-1:24',
        '        text 2:4-2:9 "p. 33"',
        '      normal @b 2:22-2:24',
        '        text 2:11-2:15 "see "',
        '        emphasis 2:15-2:21',
        '          text 2:16-2:20 "also"',
        '    text 2:25-2:31 " says."',
      ].join('\n'),
    );
  });

  it('keeps the space before a suffix, placed on the whitespace', () => {
    expect(places(parse('[-@a\n  p. 3 ]'))).toBe(
      [
        'paragraph 1:1-2:9',
        '  citation 1:1-2:9 "[-@a\\n  p. 3 ]"',
        '    suppress-author @a 1:2-1:5',
        '      text 1:5-2:7 " p. 3"',
      ].join('\n'),
    );
  });
});
