import { toString } from 'mdast-util-to-string';
import { describe, expect, it } from 'vitest';
import { createMarkdownParser } from '../../scripts/pipeline/parse.js';

describe('TeX math holding an @ across lines', () => {
  it('is math, no citation, split into lines as micromark needs (it made the parser throw)', () => {
    const tree = createMarkdownParser().parse('$Ann Author\n    email: ann@example.org\nthanks: Read a$t a workshop.\n\n$$x\n@b$$ and [@c].\n');
    const [first, second] = tree.children;
    expect(first?.type).toBe('paragraph');
    expect(first?.type === 'paragraph' && first.children[0]).toMatchObject({ type: 'inlineMath', value: 'Ann Author email: ann@example.org thanks: Read a' });
    expect(toString(first)).toBe('Ann Author email: ann@example.org thanks: Read at a workshop.');
    expect(JSON.stringify(first)).not.toContain('"citation"');
    // Display math holds a line ending too; the citation after it is still one.
    expect(second?.type === 'paragraph' && second.children[0]).toMatchObject({ type: 'displayMath', value: 'x\n@b' });
    expect(JSON.stringify(second).match(/"key":"(\w+)"/g)).toEqual(['"key":"c"']);
  });
});
