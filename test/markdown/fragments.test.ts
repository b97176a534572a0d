import { toString } from 'mdast-util-to-string';
import { stringifyPosition } from 'unist-util-stringify-position';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { createFragmentParser } from '../../scripts/markdown/fragments.js';
import { createMarkdownParser } from '../../scripts/pipeline/parse.js';

const fallback = { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };

describe('fragments of Markdown outside the manuscript', () => {
  const file = new VFile({ path: 'table.yaml', value: 'a: - first item\nb: 1. numbered [@key]\nc: calls a note[^8] and *stays*\n' });
  const text = String(file.value);
  const request = (value: string) => ({ text: value, place: { file, offset: text.indexOf(value), position: fallback } });
  const fragments = createFragmentParser(createMarkdownParser(), ['8']);

  it('parses many pieces in one run, each as words even when it looks like a block', () => {
    const parsed = fragments.inlineMany([request('- first item'), request('1. numbered [@key]'), request('calls a note[^8] and *stays*')]);
    expect(parsed.map((nodes) => nodes.map((node) => node.type).join(','))).toEqual(['text', 'text,citation', 'text,footnoteReference,text,emphasis']);
    expect(parsed.map((nodes) => toString(nodes))).toEqual(['- first item', '1. numbered [@key]', 'calls a note and stays']);
  });

  it('places every node where its text stands in its own file', () => {
    const [, numbered, note] = fragments.inlineMany([request('- first item'), request('1. numbered [@key]'), request('calls a note[^8] and *stays*')]);
    expect(numbered?.map((node) => stringifyPosition(node.position))).toEqual(['2:4-2:16', '2:16-2:22']);
    expect(note?.map((node) => stringifyPosition(node.position))).toEqual(['3:4-3:16', '3:16-3:20', '3:20-3:25', '3:25-3:32']);
  });

  it('gives text that does not stand verbatim in its file the place of its field', () => {
    const place = { file, offset: undefined, position: { start: { line: 9, column: 2 }, end: { line: 9, column: 7 } } };
    const [nodes] = fragments.inlineMany([{ text: 'folded *text*', place }]);
    expect(nodes?.map((node) => stringifyPosition(node.position))).toEqual(['9:2-9:7', '9:2-9:7']);
  });
});
