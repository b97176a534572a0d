import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromRoot } from '../helpers/paths.js';
import { fonts, pageTexts, textRuns } from '../helpers/pdf-reader.js';
import { runMain, type CliRun } from '../helpers/run-cli.js';

/**
 * The code fixture paper (test/fixtures/papers/code: inline code, kbd, samp, a code block with
 * box drawing, a listing with a long line) built as a user builds it, and the same paper with its
 * code taken out: code is set in the shipped DejaVu Sans Mono in the HTML and the PDF, and a page
 * without code carries nothing of it.
 */
const scratch = mkdtempSync(join(tmpdir(), 'paper-code-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Built {
  run: CliRun;
  html: string;
  pdf: Uint8Array;
}

async function build(name: string, change?: (text: string) => string): Promise<Built> {
  const folder = join(scratch, name);
  cpSync(fromRoot('test/fixtures/papers/code'), folder, { recursive: true });
  if (change) writeFileSync(join(folder, 'paper.md'), change(readFileSync(join(folder, 'paper.md'), 'utf8')));
  const run = await runMain(['build', '.', '--quiet'], folder, { SOURCE_DATE_EPOCH: '1296000000' });
  return { run, html: readFileSync(join(folder, 'build', 'paper.html'), 'utf8'), pdf: new Uint8Array(readFileSync(join(folder, 'build', 'paper.pdf'))) };
}

/** The names of the PDF's fonts without their subset tags: `DejaVuSansMono`, `NotoSerif-Bold`. */
const fontNames = async (pdf: Uint8Array) => [...new Set((await fonts(pdf)).map((font) => font.name.replace(/^[A-Z]{6}\+/, '')))].sort();

let code: Built;
let plain: Built;
beforeAll(async () => {
  code = await build('code');
  // Every line from the first code on, and the backticks and tags of the rest, taken out.
  plain = await build('plain', (text) => text.replace(/Call [\s\S]*$/, 'Call it, and read the answer when it is done.\n'));
}, 60_000);

describe('a paper with code', () => {
  it('builds without a message', () => {
    expect(code.run.stderr).toBe('');
    expect(code.run.status).toBe(0);
  });

  it('embeds the code font in the HTML, subset to its code, and sets code, kbd, samp and pre in it', () => {
    const faces = [...code.html.matchAll(/@font-face\{font-family:'DejaVu Sans Mono';font-style:(\w+);font-weight:(\d+);[^}]*unicode-range:([^}]+)\}/g)];
    expect(faces.map((face) => `${face[2]} ${face[1]}`)).toEqual(['400 normal', '700 normal', '400 italic', '700 italic']);
    // The box drawing and the Cyrillic of the code block, the λ of the inline code.
    expect(faces[0]?.[3]).toContain('U+2500');
    expect(faces[0]?.[3]).toContain('U+3BB');
    expect(code.html).toContain("code,\nkbd,\nsamp,\npre,\n.math-error {\n  font-family: 'DejaVu Sans Mono', 'Noto Serif', monospace;");
  });

  it('prints its code in DejaVu Sans Mono, and only in shipped fonts', async () => {
    expect(await fontNames(code.pdf)).toEqual(['DejaVuSansMono', 'NotoSerif-Bold', 'NotoSerif-Regular']);
  });

  it('prints code monospaced: a line of i as wide as a line of M', async () => {
    const runs = await textRuns(code.pdf, 1);
    const width = (text: string) => runs.find((run) => run.text === text)?.width;
    const narrow = width('iiiiiiiiiiiiiiii|');
    expect(narrow).toBeGreaterThan(50);
    expect(width('MMMMMMMMMMMMMMMM|')).toBeCloseTo(narrow!, 1);
  });

  it('wraps a line longer than the column, every character printed', async () => {
    const text = (await pageTexts(code.pdf)).join('\n').replace(/\s+/g, '');
    expect(text).toContain(`https://example.org/${'a'.repeat(40)}/${'b'.repeat(56)}/end`);
  });
});

describe('a paper without code', () => {
  it('carries no rule and no glyph of the code font', async () => {
    expect(plain.run.stderr).toBe('');
    expect(plain.html).not.toContain('DejaVu Sans Mono');
    expect(await fontNames(plain.pdf)).toEqual(['NotoSerif-Bold', 'NotoSerif-Regular']);
  });
});
