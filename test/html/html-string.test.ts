import { readFileSync } from 'node:fs';
import type { Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import { describe, expect, it } from 'vitest';
import { BlockHtmlSerializer, blockKey } from '../../scripts/html/html-string.js';
import { fromRoot } from '../helpers/paths.js';

const expected = readFileSync(fromRoot('test/fixtures/papers/mini/expected.html'), 'utf8');

describe('BlockHtmlSerializer', () => {
  it('writes what hast-util-to-html writes, for a whole paper and again after changes', () => {
    const serializer = new BlockHtmlSerializer();
    const tree = fromHtml(expected);
    expect(serializer.serialize(tree)).toBe(toHtml(tree));
    // Again, with the blocks kept from the first time, and with one block changed.
    expect(serializer.serialize(fromHtml(expected))).toBe(toHtml(tree));
    const changed = fromHtml(expected.replace('Nothing here but a note.', 'Something &amp; <em>more</em>.'));
    expect(serializer.serialize(changed)).toBe(toHtml(changed));
    expect(serializer.serialize(changed)).toContain('Something &#x26; <em>more</em>.');
  });

  it('keeps the rules that depend on where a node stands: style and script text, SVG, raw nodes', () => {
    const serializer = new BlockHtmlSerializer();
    const tree = fromHtml('<!doctype html><html><head><style>a > b { content: "<&>" }</style><title>A & B</title></head><body><main><article><p>1 &lt; 2</p><svg viewBox="0 0 1 1"><foreignObject><p>x</p></foreignObject><path d="M0 0"/></svg><script>if (a < b) x()</script><p>last</p></article></main></body></html>');
    const article = ((tree.children[1] as { children: Array<{ children: unknown[] }> }).children[1]?.children[0] as { children: Array<{ children: Root['children'] }> }).children[0];
    // A raw node is escaped as text, as hast-util-to-html does without allowDangerousHtml.
    article?.children.push({ type: 'raw', value: '<b>raw</b>' });
    expect(serializer.serialize(tree)).toBe(toHtml(tree));
    expect(serializer.serialize(tree)).toContain('&#x3C;b>raw&#x3C;/b>');
  });

  it('tells blocks apart by what they write, not by where they stand', () => {
    const block = (value: string, line: number) => ({ type: 'element' as const, tagName: 'p', properties: {}, children: [{ type: 'text' as const, value }], position: { start: { line, column: 1 }, end: { line, column: 9 } } });
    expect(blockKey(block('same', 1))).toBe(blockKey(block('same', 40)));
    expect(blockKey(block('same', 1))).not.toBe(blockKey(block('other', 1)));
    const numbered = (value: number) => ({ type: 'element' as const, tagName: 'td', properties: { colSpan: value }, children: [] });
    // JSON writes both as null; hast-util-to-html drops NaN but writes Infinity.
    expect(blockKey(numbered(Number.POSITIVE_INFINITY))).not.toBe(blockKey(numbered(Number.NaN)));
  });
});
