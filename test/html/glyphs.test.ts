import type { Root } from 'hast';
import { describe, expect, it } from 'vitest';
import { glyphsOf } from '../../scripts/html/font-faces.js';

describe('glyphsOf', () => {
  it('lists each character of the text once, in code point order, with what page numbers and hyphenation add', () => {
    const tree: Root = {
      type: 'root',
      children: [
        { type: 'element', tagName: 'p', properties: {}, children: [{ type: 'text', value: 'ba\tЖ😀b\u0007 \uD800' }] },
        { type: 'element', tagName: 'style', properties: {}, children: [{ type: 'text', value: 'QQQ' }] },
        { type: 'element', tagName: 'script', properties: {}, children: [{ type: 'text', value: 'ZZZ' }] },
      ],
    };
    // Tabs and control characters are left out; script and style text is not shown; a lone
    // surrogate is kept as it stands.
    expect(glyphsOf(tree, '*')).toBe(' *-./0123456789ab\u00AD\u0416\u2010\u2013\u2014\uD800😀');
  });
});
