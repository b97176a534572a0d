import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { h } from 'hastscript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fontFaceCss, type FontFile } from '../../scripts/html/font-faces.js';
import { loadFontFiles } from '../../scripts/pipeline/load.js';
import { diskCache } from '../../scripts/source/disk-cache.js';

/**
 * The font subset cache (`node_modules/.cache/paper/fonts-v2/`), damaged (issue 15, F9): an emptied
 * or overwritten `.cmap` made every build an internal error, and an emptied `.woff2` silently put
 * another font into the outputs. A damaged entry is now a miss: the same fonts come out, and the
 * entry is made again.
 */

const folder = mkdtempSync(join(tmpdir(), 'paper-font-cache-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const tree = h(null, [h('p', 'Relations improved ↑ and worsened ↘, in Kazakhstan and Россия.')]);
let fonts: FontFile[];
let clean = '';

beforeAll(async () => {
  fonts = await loadFontFiles();
  clean = await fontFaceCss(fonts, tree, '', diskCache('fonts', folder));
}, 60_000);

const damages: Array<[string, (name: string) => Uint8Array]> = [
  ['emptied', () => new Uint8Array(0)],
  ['overwritten with garbage', (name) => Buffer.from(`garbage ${name} `.repeat(20))],
  ['cut short', () => Buffer.from('0123456789abcdef0123456789abcdef{"not":"json"')],
];

describe('a damaged font cache', () => {
  it('holds an entry for each font read and each subset made', () => {
    const names = readdirSync(folder);
    expect(names.some((name) => name.endsWith('.cmap'))).toBe(true);
    expect(names.some((name) => name.endsWith('.woff2'))).toBe(true);
  });

  for (const [damage, bytes] of damages) {
    it(`gives the same fonts when its entries were ${damage}, and mends them`, async () => {
      for (const name of readdirSync(folder)) writeFileSync(join(folder, name), bytes(name));
      expect(await fontFaceCss(fonts, tree, '', diskCache('fonts', folder))).toBe(clean);
      // Made again and written anew: the next run reads them back.
      const cache = diskCache('fonts', folder);
      for (const name of readdirSync(folder)) expect(await cache.get(name), name).toBeDefined();
    });
  }
});

describe('diskCache', () => {
  it('gives back what was stored, and nothing for an entry that does not match its checksum', async () => {
    const cache = diskCache('test', join(folder, 'plain'));
    await cache.set('a', Buffer.from('some bytes'));
    expect(Buffer.from((await cache.get('a')) ?? []).toString()).toBe('some bytes');
    expect(await cache.get('missing')).toBeUndefined();
    writeFileSync(join(folder, 'plain', 'a'), 'some bytes, written by something else');
    expect(await cache.get('a')).toBeUndefined();
  });
});
