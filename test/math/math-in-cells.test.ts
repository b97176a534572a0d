import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runMain } from '../helpers/run-cli.js';

/**
 * Math that only a table's cells hold (a Pandoc simple table, read after the manuscript) is drawn
 * and checked like any: MathJax is loaded once the tree is whole, not only when the manuscript's
 * own paragraphs have math.
 */
const scratch = mkdtempSync(join(tmpdir(), 'paper-math-cells-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const table = (cell: string) => `---\ntitle: Symbols\n---\n\n  Symbol       Meaning\n  -----------  ---------\n  ${cell.padEnd(11)}  a value\n  plain        a word\n\n: The symbols {#tbl-symbols}\n`;

describe('math in table cells only', () => {
  it('is drawn in the HTML', async () => {
    writeFileSync(join(scratch, 'paper.md'), table('$x_i$'));
    const run = await runMain(['build', 'paper.md', '--no-pdf', '--quiet'], scratch);
    expect(run.stderr).toBe('');
    const html = readFileSync(join(scratch, 'build/paper.html'), 'utf8');
    const cell = /<td[^>]*>([\s\S]*?)<\/td>/.exec(html)?.[1] ?? '';
    expect(cell).toContain('<svg');
    expect(cell).not.toContain('math-error');
  });

  it('has its TeX errors reported where they are written', async () => {
    writeFileSync(join(scratch, 'paper.md'), table('$\\frac{1}{$'));
    const run = await runMain(['check', 'paper.md'], scratch);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('paper.md:7:3-7:14  error  TeX error: Missing close brace  math-syntax\n\n✖ 1 error\n');
  });
});
