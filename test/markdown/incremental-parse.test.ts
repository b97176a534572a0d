import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { findDeepNesting } from '../../scripts/markdown/markdown-nesting.js';
import { changedRange, IncrementalParser } from '../../scripts/markdown/incremental-parse.js';
import { createMarkdownParser } from '../../scripts/pipeline/parse.js';

const parser = createMarkdownParser();
const full = (text: string) => parser.parse(new VFile({ value: text }));
const paper = readFileSync(new URL('../../manuscript/paper.md', import.meta.url), 'utf8');

/** Parse `texts` one after another with one incremental parser; each result must equal a full parse. */
function parseInTurn(texts: string[]): IncrementalParser {
  const incremental = new IncrementalParser(parser);
  for (const text of texts) expect(incremental.parse(new VFile({ value: text }))).toEqual(full(text));
  return incremental;
}

describe('changedRange', () => {
  it('finds the differing middle of two texts', () => {
    expect(changedRange('abcdef', 'abXYef')).toEqual({ start: 2, oldEnd: 4, newEnd: 4 });
    expect(changedRange('abc', 'abc')).toEqual({ start: 3, oldEnd: 3, newEnd: 3 });
    expect(changedRange('aaa', 'aaaa')).toEqual({ start: 3, oldEnd: 3, newEnd: 4 });
    expect(changedRange('ab', '')).toEqual({ start: 0, oldEnd: 2, newEnd: 0 });
  });
});

describe('IncrementalParser', () => {
  it('parses a one-paragraph edit of the paper in part, and the result equals a full parse', () => {
    const paragraph = /^The role of Russia - Kazakhstan relations .*$/m.exec(paper)?.[0] ?? '';
    expect(paragraph).not.toBe('');
    const edited = paper.replace(paragraph, `${paragraph} One more sentence, citing [@olcott1992, 12].`);
    const incremental = parseInTurn([paper, edited, paper]);
    expect(incremental.counts).toEqual({ partial: 2, full: 1, unchanged: 0 });
  });

  it('gives the caller its own copy: changing it does not change the next parse', () => {
    const incremental = new IncrementalParser(parser);
    const first = incremental.parse(new VFile({ value: 'a\n\nb\n' }));
    first.children.length = 0;
    expect(incremental.parse(new VFile({ value: 'a\n\nb\n' }))).toEqual(full('a\n\nb\n'));
    expect(incremental.counts.unchanged).toBe(1);
  });

  // Each edit changes how the blocks around it, or references far away, are read.
  const reachingEdits: Array<[string, string, string]> = [
    ['an unclosed fence swallows the rest', 'a\n\nb\n\nc\n\nd\n', 'a\n\n```\nb\n\nc\n\nd\n'],
    ['a setext underline makes the paragraph before a heading', 'a\n\nb\n\nc\n', 'a\n===\n\nc\n'],
    ['removing a blank line joins two paragraphs', 'a\n\nb\n\nc\n\nd\n', 'a\n\nb\nc\n\nd\n'],
    ['indenting a paragraph puts it in the list before', '- a\n\nb\n\nc\n', '- a\n\n  b\n\nc\n'],
    ['a new note definition turns a call far away into a reference', 'x [^n] y\n\na\n\nb\n\nc\n', 'x [^n] y\n\na\n\nb\n\n[^n]: note\n\nc\n'],
    ['a removed link definition turns a reference far away into text', '[t]\n\na\n\n[t]: /u\n\nb\n', '[t]\n\na\n\nb\n'],
    ['a lazy line continues the quote before', '> a\n\nb\n\nc\n', '> a\nb\n\nc\n'],
    ['an unclosed container directive swallows the rest', 'a\n\nb\n\nc\n', 'a\n\n:::note\nb\n\nc\n'],
    ['a table row under a paragraph', 'a\n\nb\n\nc\n', 'a\n\n| b |\n| - |\n\nc\n'],
    ['CRLF line endings', 'a\r\n\r\nb\r\n\r\nc\r\n\r\nd\r\n', 'a\r\n\r\nb\r\nmore\r\n\r\nc\r\n\r\nd\r\n'],
    ['the front matter loses its closing fence (lists below it then read as paragraphs)', '---\ntitle: A\n---\n\na\n\n- b\n', '---\ntitle: A\n--\n\na\n\n- b\n'],
    ['an example list marker far below makes a narrative citation text', 'As -@b says.\n\na\n\nc\n', 'As -@b says.\n\na\n\n@b. An example.\n\nc\n'],
    ['a byte order mark (micromark counts offsets without it)', '\uFEFFa\n\nb\n\nc\n', '\uFEFFa\n\nbb\n\nc\n'],
    ['an edit of the front matter', '---\ntitle: A\n---\n\na\n\nb\n', '---\ntitle: B\n---\n\na\n\nb\n'],
    ['removing a blank line makes a term of the paragraph above a marker', 'a\n\nb\n\n\n: c\n\nd\n', 'a\n\nb\n\n: c\n\nd\n'],
    ['a second line above a marker makes the definition text', 'a\n\nb\n: c\n\nd\n', 'a\n\nb\nb2\n: c\n\nd\n'],
    ['a blank line less joins a definition to the term above', 'T\n: a\n\n\n: b\n\nc\n', 'T\n: a\n\n: b\n\nc\n'],
    ['a new term joins the list above', 'T\n: a\n\nb\n\nc\n', 'T\n: a\n\nb\n: d\n\nc\n'],
  ];
  it.each(reachingEdits)('equals a full parse when %s', (_name, before, after) => {
    parseInTurn([before, after, before]);
  });

  it('uses the definitions outside the edit: a call to a note defined far away stays a call', () => {
    const before = 'a\n\nb [^n] c\n\nd\n\ne\n\n[^n]: the note\n';
    const incremental = parseInTurn([before, before.replace('b [^n] c', 'b [^n] c, and [^n] again')]);
    expect(incremental.counts.partial).toBe(1);
  });

  // Pieces that open, close or continue Markdown constructs, to be typed anywhere.
  const piece = fc.constantFrom(
    '\n', '\n\n', '\r\n', ' ', '    ', 'word', '```', '~~~', '- ', '1. ', '> ', '# ', '===', '---', '***', '|', '| a | b |\n| - | - |',
    '[^1]', '[^1]: note', '[^n]', '[a]', '[a]: /u', ':::note\n', ':::', '::period-table{src="t.yaml"}', '@olcott1992', '[@olcott1992, 12]',
    '<div>', '</div>', '<!--', '-->', '*', '_', '`', '\\', '$', ': ', '~ ', '\n:   ', 'Term\n: def',
  );
  const edit = fc.record({ at: fc.nat(), cut: fc.nat({ max: 12 }), text: fc.array(piece, { maxLength: 4 }).map((pieces) => pieces.join('')) });
  const apply = (text: string, { at, cut, text: inserted }: { at: number; cut: number; text: string }) => {
    const start = at % (text.length + 1);
    return text.slice(0, start) + inserted + text.slice(start + cut);
  };
  const small = '---\ntitle: T\n---\n\n# One\n\nA [@a] b[^1] and [link].\n\n- item\n- item\n\n> quote\n\n```\ncode\n```\n\n[^1]: Note.\n\n[link]: /u\n\nLast.\n';

  it('equals a full parse after any run of edits (property)', () => {
    let partial = 0;
    fc.assert(
      fc.property(fc.constantFrom(small, paper.slice(0, 6000)), fc.array(edit, { minLength: 1, maxLength: 6 }), (start, edits) => {
        const texts = [start];
        for (const change of edits) texts.push(apply(texts.at(-1) ?? '', change));
        partial += parseInTurn(texts).counts.partial;
      }),
      { numRuns: Number(process.env.RUNS ?? 150) },
    );
    // The property is about partial parses: most edits must have been parsed in part.
    expect(partial).toBeGreaterThan(300);
  });

  // Every manuscript of the fixtures (the citation syntax cases, hostile input, the papers), edited
  // with the pieces and more punctuation; text nested too deep is refused before any parse.
  const fixtures = new URL('../fixtures/', import.meta.url);
  const manuscripts = readdirSync(fixtures, { recursive: true })
    .map(String)
    .filter((name) => name.endsWith('.md'))
    .map((name) => readFileSync(new URL(name, fixtures), 'utf8'))
    .filter((text) => text.length < 20_000 && !findDeepNesting(text));
  const punctuation = fc.constantFrom('\t', '[', ']', '(', ')', '{', '}', ':', '^', '@', '<', '>', '\uFEFF');
  const anyEdit = fc.record({ at: fc.nat(), cut: fc.nat({ max: 30 }), text: fc.array(fc.oneof(piece, punctuation), { maxLength: 5 }).map((pieces) => pieces.join('')) });

  it('equals a full parse after any run of edits of any fixture manuscript (property)', () => {
    expect(manuscripts.length).toBeGreaterThan(20);
    fc.assert(
      fc.property(fc.constantFrom(...manuscripts), fc.array(anyEdit, { minLength: 1, maxLength: 6 }), (start, edits) => {
        const texts = [start];
        for (const change of edits) {
          const next = apply(texts.at(-1) ?? '', change);
          if (findDeepNesting(next)) break;
          texts.push(next);
        }
        parseInTurn(texts);
      }),
      { numRuns: Number(process.env.RUNS ?? 100) },
    );
  });
});
