import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromHtml } from 'hast-util-from-html';
import { select, selectAll } from 'hast-util-select';
import { toText } from 'hast-util-to-text';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fonts, pageTexts } from '../helpers/pdf-reader.js';
import { fromRoot } from '../helpers/paths.js';
import { runMain, type CliRun } from '../helpers/run-cli.js';

/** The math fixture paper (test/fixtures/papers/math) built to HTML and PDF: what a reader sees of its equations. */
const scratch = mkdtempSync(join(tmpdir(), 'paper-math-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('a paper with equations', () => {
  let run: CliRun;
  let html: string;
  beforeAll(async () => {
    cpSync(fromRoot('test/fixtures/papers/math'), scratch, { recursive: true });
    run = await runMain(['build', 'paper.md', '--out', 'out'], scratch);
    html = readFileSync(join(scratch, 'out', 'paper.html'), 'utf8');
  }, 120_000);

  it('builds, the broken equation a warning (its severity lowered in paper.config.yaml)', () => {
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('paper.md:20:15-20:24  warning  TeX error: Missing close brace  math-syntax');
  });

  it('numbers the labelled equations (1) and (2) at their place, with their ids, and draws every equation as SVG', () => {
    const page = fromHtml(html);
    expect(selectAll('.math.display.numbered', page).map((element) => [element.properties.id, toText(select('.equation-number', element)!)])).toEqual([
      ['eq-first', '(1)'],
      ['eq:second', '(2)'],
    ]);
    expect(selectAll('.math.display', page)).toHaveLength(3);
    expect(selectAll('.math svg[role="img"]', page).map((svg) => svg.properties.ariaLabel)).toEqual([
      'x_i + y_i',
      String.raw`\left\{ \frac{a}{b} \right\} = \sum_{i=1}^{n} \mathcal{L}_i`,
      expect.stringContaining(String.raw`\boldsymbol{\theta}`),
      expect.stringContaining(String.raw`\begin{array}{cc}`),
    ]);
    expect(toText(select('.math-error', page)!)).toBe(String.raw`$\frac{a$`);
    expect(html).not.toContain('<script');
  });

  it('prints the equations into the PDF: numbers and error text as text, the math as drawn shapes in no font of the machine', async () => {
    const pdf = readFileSync(join(scratch, 'out', 'paper.pdf'));
    const [text] = await pageTexts(pdf);
    expect(text).toContain('(1)');
    expect(text).toContain('(2)');
    expect(text).toContain(String.raw`$\frac{a$`);
    expect(text).toContain('prices like $5 and $10 stay text');
    // The TeX of drawn equations is no text of the PDF: it was drawn.
    expect(text).not.toContain('mathcal');
    expect(text).not.toContain('x_i');
    const families = [...new Set((await fonts(pdf)).map((font) => font.name.replace(/^[A-Z]{6}\+/, '').split('-')[0]))].sort();
    // The text in Noto Serif; the broken equation's TeX, code, in the shipped DejaVu Sans Mono.
    expect(families).toEqual(['DejaVuSansMono', 'NotoSerif']);
  });
});

describe('paper check on a paper with a TeX error', () => {
  const folder = join(scratch, 'check');
  beforeAll(() => cpSync(fromRoot('test/fixtures/papers/math'), folder, { recursive: true }));
  const line = 'paper.md:20:15-20:24  {severity}  TeX error: Missing close brace  math-syntax';

  for (const severity of ['error', 'warning', 'off'] as const) {
    it(`reports math-syntax as ${severity === 'off' ? 'nothing' : `an ${severity}`} when paper.config.yaml sets it to ${severity}`, async () => {
      writeFileSync(join(folder, 'paper.config.yaml'), `rules:\n  math-syntax: ${severity}\n`);
      const run = await runMain(['check', 'paper.md'], folder);
      expect(run.status).toBe(severity === 'error' ? 1 : 0);
      if (severity === 'off') expect(run.stderr).not.toContain('math-syntax');
      else expect(run.stderr).toContain(line.replace('{severity}', severity));
    });
  }
});

