import { h } from 'hastscript';
import { beforeAll, describe, expect, it } from 'vitest';
import { fontFaces, pageGlyphs, type FontFile } from '../../scripts/html/font-faces.js';
import { loadFontFiles } from '../../scripts/pipeline/load.js';

/**
 * Code's characters are drawn from the shipped monospaced font, DejaVu Sans Mono; one it lacks
 * falls back to the text's shipped fonts, and only one that no shipped font has is missing.
 */
let fonts: FontFile[];
beforeAll(async () => {
  fonts = await loadFontFiles();
}, 60_000);

/** The `unicode-range` of each `@font-face` rule of a family and face. */
const ranges = (css: string, family: string, face = 'font-style:normal;font-weight:400') =>
  [...css.matchAll(/@font-face\{font-family:'([^']+)';([^;]+;[^;]+);[^}]*unicode-range:([^}]+)\}/g)].filter((rule) => rule[1] === family && rule[2] === face).map((rule) => rule[3]);

describe('the code font', () => {
  it('keeps the characters of code apart from the text’s, those of a TeX error’s source, kbd and samp included', () => {
    const tree = h(null, [h('p', ['ab ', h('code', 'xy'), h('kbd', 'K'), h('samp', 'S'), h('code.math-error', '$q$')]), h('pre', h('code', 'z'))]);
    expect(pageGlyphs(tree, '')).toEqual({ text: ' -./0123456789ab\u00AD\u2010\u2013\u2014', code: '$KSqxyz' });
  });

  it('gives a page without code no rule of the code font', async () => {
    const { css } = await fontFaces(fonts, h(null, [h('p', 'Plain text, Россия.')]), '');
    expect(css).not.toContain('DejaVu Sans Mono');
  });

  it('draws code from DejaVu Sans Mono in four faces, and what it lacks from the text’s fonts', async () => {
    // ⊌ (U+228C) is in DejaVu Sans but not in DejaVu Sans Mono; ─ and λ are in both.
    const tree = h(null, [h('p', 'Text'), h('pre', h('code', 'λ ─ ⊌'))]);
    const { css, missing } = await fontFaces(fonts, tree, '');
    expect(ranges(css, 'DejaVu Sans Mono')).toEqual(['U+20,U+3BB,U+2500']);
    expect(css.match(/font-family:'DejaVu Sans Mono'/g)).toHaveLength(4);
    // The fallback: the text's family carries ⊌ (from DejaVu Sans), not the code's λ or ─.
    expect(ranges(css, 'Noto Serif').join(',')).toContain('U+228C');
    expect(ranges(css, 'Noto Serif').join(',')).not.toContain('U+3BB');
    expect(missing).toEqual([]);
  });

  it('says a character of code that no shipped font has is missing', async () => {
    const { missing } = await fontFaces(fonts, h(null, [h('p', h('code', 'a漢'))]), '');
    expect(missing).toEqual([0x6f22]);
  });
});
