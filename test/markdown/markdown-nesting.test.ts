import { describe, expect, it } from 'vitest';
import { findDeepNesting } from '../../scripts/markdown/markdown-nesting.js';

/** The nesting guard on its own: where it stops, and what it does not count. */
describe('findDeepNesting', () => {
  it('points at the marker that opens the level past the limit', () => {
    expect(findDeepNesting('> > > x', 2)).toEqual({ offset: 4, kind: 'quote' });
    expect(findDeepNesting('- a\n  - b\n    1. c\n', 2)).toEqual({ offset: 14, kind: 'list' });
    expect(findDeepNesting('- a\r\n  - b\r\n    - c\r\n', 2)).toEqual({ offset: 16, kind: 'list' });
    expect(findDeepNesting('> > x', 2)).toBeUndefined();
  });

  it('counts definitions, which nest four columns a level (Pandoc\'s `definition_lists`)', () => {
    expect(findDeepNesting('T\n: a\n    : b\n        ~ c\n', 2)).toEqual({ offset: 22, kind: 'definition' });
    expect(findDeepNesting('T\n: a\n: b\n  : c\n', 1)).toBeUndefined();
    const glossary = Array.from({ length: 200 }, (_, item) => `Term ${item}\n: Definition ${item}.\n`).join('');
    expect(findDeepNesting(glossary)).toBeUndefined();
    // Nesting 400 definitions deep took the parser 8 s.
    const deep = `T\n${Array.from({ length: 400 }, (_, level) => `${' '.repeat(4 * level)}: T\n`).join('')}`;
    expect(findDeepNesting(deep)?.kind).toBe('definition');
  });

  it('keeps items open across blank and lazy lines, and closes them on a line at the margin after a blank', () => {
    expect(findDeepNesting('- a\n\n  - b\nlazy\n    - c\n', 2)).toEqual({ offset: 20, kind: 'list' });
    expect(findDeepNesting('- a\n  - b\n\nafter\n- c\n  - d\n', 2)).toBeUndefined();
  });

  it('counts as deep as either reading of a list or quote right under a paragraph line (the property test found both)', () => {
    // Pandoc keeps the item open under its paragraph line (`> ` is text there), so `    - > ` nests in it: 2 levels.
    expect(findDeepNesting('1. -> \n> \n    - > ', 1)).toBeDefined();
    // An empty quote has no paragraph: `2) ` closes it, and `    > > ` nests in the new item: 3 levels.
    expect(findDeepNesting('> \n2) \n    > > ', 2)).toBeDefined();
    // A quote kept open by Pandoc's reading does not stop the next lines going on in the item under it: 3 levels.
    expect(findDeepNesting('> \n2) -> \n> \n\t1. 2) > ', 2)).toBeDefined();
  });

  it('counts a long list, and lists after paragraphs, one level however many items and lists there are', () => {
    // Each next item was kept open under Pandoc's reading as if under a paragraph: 101 items were refused.
    const long = `Intro.\n\n${Array.from({ length: 300 }, (_, item) => `- item ${item}\n`).join('')}`;
    expect(findDeepNesting(long, 1)).toBeUndefined();
    // The x100 scale paper: the same paragraph and list 100 times over.
    expect(findDeepNesting(Array.from({ length: 300 }, (_, copy) => `Para ${copy}.\n\n- a\n- b\n\n`).join(''), 1)).toBeUndefined();
    expect(findDeepNesting(Array.from({ length: 300 }, (_, copy) => `> q ${copy}\n- x\n\nPara.\n\n`).join(''), 2)).toBeUndefined();
  });

  it('does not read the front matter as Markdown, nor thematic breaks and indented code as containers', () => {
    const yaml = `---\ntitle: T\nkeywords:\n${Array.from({ length: 5 }, (_, level) => `${'  '.repeat(level)}- k`).join('\n')}\n---\n\nText.\n`;
    expect(findDeepNesting(yaml, 2)).toBeUndefined();
    expect(findDeepNesting('- - -\n* * *\n', 0)).toBeUndefined();
    expect(findDeepNesting('    > > > code\n', 0)).toBeUndefined();
  });
});
