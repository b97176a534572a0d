import { createReadStream, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createBrotliDecompress } from 'node:zlib';
import { PDFDict, PDFDocument, PDFName } from 'pdf-lib';
import { extract } from 'tar-fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { miniPaperCopy } from '../helpers/mini-paper.js';
import { fromRoot } from '../helpers/paths.js';
import { runMain } from '../helpers/run-cli.js';

/**
 * The PDF uses the shipped fonts alone (Noto Serif, DejaVu Sans, DejaVu Sans Mono), whatever fonts the machine or the
 * user has: read from the PDF itself, every font it embeds is one of them, even when the user's
 * FONTCONFIG_FILE names a configuration with another font that has a character the shipped ones
 * lack. That character is a `font-glyph-missing` warning at its place, not a glyph of another font.
 * The other font is Open Sans, which @sparticuz/chromium ships for its own use (and which has
 * U+AB53 ꭓ, LATIN SMALL LETTER CHI, that neither shipped font has).
 */

const scratch = mkdtempSync(join(tmpdir(), 'paper-fonts-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The PostScript names of the shipped fonts' faces. */
const shipped = [
  ...['NotoSerif-Regular', 'NotoSerif-Bold', 'NotoSerif-Italic', 'NotoSerif-BoldItalic', 'DejaVuSans', 'DejaVuSans-Bold', 'DejaVuSans-Oblique', 'DejaVuSans-BoldOblique'],
  ...['DejaVuSansMono', 'DejaVuSansMono-Bold', 'DejaVuSansMono-Oblique', 'DejaVuSansMono-BoldOblique'],
];

/** The name of every font the PDF embeds (its font dictionaries' /BaseFont), without the subset tag (`ABCDEF+`). */
async function embeddedFonts(path: string): Promise<string[]> {
  const document = await PDFDocument.load(readFileSync(path), { updateMetadata: false });
  const names = new Set<string>();
  for (const [, object] of document.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || object.get(PDFName.of('Type')) !== PDFName.of('Font')) continue;
    const name = object.get(PDFName.of('BaseFont'));
    if (name instanceof PDFName) names.add(name.decodeText().replace(/^[A-Z]{6}\+/, ''));
  }
  return [...names].sort();
}

/** A fontconfig configuration of the user's, with Open Sans in it. */
const userFonts = join(scratch, 'user-fonts');
beforeAll(async () => {
  const chromium = fromRoot('node_modules/@sparticuz/chromium');
  mkdirSync(userFonts);
  await pipeline(createReadStream(join(chromium, 'bin', 'fonts.tar.br')), createBrotliDecompress(), extract(userFonts, { chown: false }));
  writeFileSync(join(userFonts, 'user.conf'), `<?xml version="1.0"?>\n<fontconfig>\n  <dir>${join(userFonts, 'fonts')}</dir>\n  <alias><family>serif</family><prefer><family>Open Sans</family></prefer></alias>\n</fontconfig>\n`);
});

describe('the fonts of the PDF', () => {
  it('are the shipped ones alone, with a character they lack and a FONTCONFIG_FILE that has it', async () => {
    const folder = miniPaperCopy(scratch, 'chi');
    const manuscript = join(folder, 'manuscript', 'paper.md');
    writeFileSync(manuscript, readFileSync(manuscript, 'utf8').replace('Nothing here but a note.', 'Nothing here but the letter ꭓ and a note.'));
    const run = await runMain(['build', '.'], folder, { SOURCE_DATE_EPOCH: '1296691200', FONTCONFIG_FILE: join(userFonts, 'user.conf'), FONTCONFIG_PATH: userFonts });
    expect(run.status).toBe(0);
    const fonts = await embeddedFonts(join(folder, 'build', 'paper.pdf'));
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) expect(shipped, `${font} is embedded in the PDF`).toContain(font);
    expect(run.stderr).toContain(
      'manuscript/paper.md:23:29-23:30  warning  No shipped font (Noto Serif, DejaVu Sans, DejaVu Sans Mono) has a glyph for `ꭓ` (U+AB53), first used here: the PDF leaves a blank in its place  font-glyph-missing\n',
    );
  });

  it('are the shipped ones alone when the character is in code, set in the monospaced font', async () => {
    const folder = miniPaperCopy(scratch, 'chi-code');
    const manuscript = join(folder, 'manuscript', 'paper.md');
    writeFileSync(manuscript, readFileSync(manuscript, 'utf8').replace('Nothing here but a note.', 'Nothing here but `x = ꭓ` and a note.'));
    const run = await runMain(['build', '.'], folder, { SOURCE_DATE_EPOCH: '1296691200', FONTCONFIG_FILE: join(userFonts, 'user.conf'), FONTCONFIG_PATH: userFonts });
    expect(run.status).toBe(0);
    const fonts = await embeddedFonts(join(folder, 'build', 'paper.pdf'));
    expect(fonts).toContain('DejaVuSansMono');
    for (const font of fonts) expect(shipped, `${font} is embedded in the PDF`).toContain(font);
    expect(run.stderr).toContain(
      'manuscript/paper.md:23:23-23:24  warning  No shipped font (Noto Serif, DejaVu Sans, DejaVu Sans Mono) has a glyph for `ꭓ` (U+AB53), first used here: the PDF leaves a blank in its place  font-glyph-missing\n',
    );
  });

  it('are the shipped ones alone for the mini paper, with the user fonts configured', async () => {
    const folder = miniPaperCopy(scratch, 'mini');
    const run = await runMain(['build', '.', '--quiet'], folder, { SOURCE_DATE_EPOCH: '1296691200', FONTCONFIG_FILE: join(userFonts, 'user.conf') });
    expect(run).toMatchObject({ status: 0, stderr: '' });
    expect(await embeddedFonts(join(folder, 'build', 'paper.pdf'))).toEqual(['DejaVuSans', 'NotoSerif-Bold', 'NotoSerif-BoldItalic', 'NotoSerif-Italic', 'NotoSerif-Regular']);
  });
});

describe('a character no shipped font has', () => {
  it('is a warning at its first place in a table data file, and in the bibliography', async () => {
    const folder = miniPaperCopy(scratch, 'chi-elsewhere');
    const table = join(folder, 'manuscript', 'tables', 'period.yaml');
    writeFileSync(table, readFileSync(table, 'utf8').replace('A crisis', 'A ꭓ crisis'));
    const bibliography = join(folder, 'bibliography', 'refs.bib');
    writeFileSync(bibliography, readFileSync(bibliography, 'utf8').replace(/title\s*=\s*\{/, (found) => `${found}漢 `));
    const run = await runMain(['build', '.', '--no-pdf'], folder);
    expect(run.status).toBe(0);
    const glyphs = run.stderr.split('\n').filter((line) => line.endsWith('font-glyph-missing'));
    expect(glyphs).toEqual([
      expect.stringMatching(/^bibliography\/refs\.bib:\d+:\d+-\d+:\d+  warning  No shipped font \(Noto Serif, DejaVu Sans, DejaVu Sans Mono\) has a glyph for `漢` \(U\+6F22\), first used here: the PDF leaves a blank in its place  font-glyph-missing$/),
      expect.stringMatching(/^manuscript\/tables\/period\.yaml:\d+:\d+-\d+:\d+  warning  No shipped font \(Noto Serif, DejaVu Sans, DejaVu Sans Mono\) has a glyph for `ꭓ` \(U\+AB53\), first used here: the PDF leaves a blank in its place  font-glyph-missing$/),
    ]);
  });
});
