/**
 * Hostile input: the parser must not throw, and must stay linear (failed bracket scans are
 * remembered per position). These tests only run the input; they assert what comes out, not time.
 * The 5 MB paragraph takes tens of seconds, mostly micromark's own cost for that many tokens.
 */
import type { Root } from 'mdast';
import { describe, expect, it } from 'vitest';
import type { Citation } from '../../scripts/citations/syntax/citation-node.js';
import { parse } from './pandoc-citations.js';

function citations(tree: Root): Citation[] {
  const [paragraph] = tree.children;
  if (paragraph?.type !== 'paragraph') return [];
  return paragraph.children.filter((node): node is Citation => node.type === 'citation');
}

function repeat(count: number, make: (index: number) => string): string {
  return Array.from({ length: count }, (_, index) => make(index)).join('');
}

describe('hostile input', () => {
  it('100,000 `[`', () => {
    expect(citations(parse('['.repeat(100_000)))).toEqual([]);
  });

  it('100,000 `@`', () => {
    expect(citations(parse('@'.repeat(100_000)))).toEqual([]);
  });

  it('100,000 `[` before a citation', () => {
    const found = citations(parse('['.repeat(100_000) + '@a]'));
    expect(found.map((node) => node.value)).toEqual(['[@a]']);
  });

  // No bracket closes, so every key is a narrative citation.
  it('unclosed brackets full of keys, suffixes and tails', () => {
    const values = (source: string): string[] => [...new Set(citations(parse(source)).map((node) => node.value))];
    expect(values(repeat(20_000, () => '[@a, ['))).toEqual(['@a']);
    expect(values(repeat(20_000, () => '[@a; ['))).toEqual(['@a']);
    expect(values(repeat(20_000, () => '@a ['))).toEqual(['@a']);
    expect(values(repeat(20_000, () => '[see [x]('))).toEqual([]);
  });

  it('unclosed braced keys and code spans', () => {
    expect(citations(parse(repeat(10_000, () => '-@{')))).toEqual([]);
    const found = citations(parse('[@a, ' + repeat(300, (index) => '`'.repeat(index + 1) + ' x ')));
    expect(found.map((node) => node.value)).toEqual(['@a']);
  });

  // Pandoc's readings that look around a key: emphasis in brackets, math, example references and
  // list markers, emphasis closers, and `]` ending a prefix.
  it('Pandoc quirks, repeated', () => {
    const values = (source: string): string[] => [...new Set(citations(parse(source)).map((node) => node.value))];
    expect(values(repeat(2_000, () => '[@a, *x '))).toEqual(['@a']);
    expect(values(repeat(2_000, () => '$@a$ '))).toEqual([]);
    expect(values(repeat(2_000, () => 'x@a@b '))).toEqual(['@b']);
    expect(values(repeat(2_000, () => '_a_@b '))).toEqual([]);
    expect(values(repeat(2_000, () => '[x]@a] '))).toEqual(['[x]@a]']);
    const markers = parse(repeat(2_000, () => '@a. x\n\n') + '@a');
    expect(markers.children.flatMap((node) => (node.type === 'paragraph' ? node.children : [])).filter((node) => node.type === 'citation')).toEqual([]);
  });

  it('a 5 MB paragraph of keys', { timeout: 300_000 }, () => {
    const parts: string[] = [];
    let size = 0;
    let count = 0;
    while (size < 5_000_000) {
      const part = count % 10 === 0 ? `[see @k${count}, p. ${count}; -@j${count}]. ` : `@key${count}, `;
      parts.push(part);
      size += part.length;
      count++;
    }
    const found = citations(parse(parts.join('')));
    expect(found).toHaveLength(count);
    expect(found.at(-1)?.items.at(-1)?.key).toBe(`key${count - 1}`);
  });
});
