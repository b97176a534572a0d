import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { corpusRoot } from '../helpers/corpus.js';
import { parseHtml, selectAll } from '../helpers/html-text.js';
import { runMain } from '../helpers/run-cli.js';

/**
 * biblatex's own test bibliography (`biblatex-examples.bib`: 92 entries, every entry type,
 * `crossref`, `xdata`, `@set`, LaTeX in fields) builds with every entry in the reference list, in
 * APA and in the default style, and no problem of the bibliography is blamed on the style. Read
 * from the corpus, never copied here; skipped (one line) when the corpus is not there.
 */
const bib = join(corpusRoot, 'bib-agreement/biblatex-examples.bib');
const present = existsSync(bib);
if (!present) console.log(`biblatex-examples builds: skipped, ${bib} is not there`);

const folder = mkdtempSync(join(tmpdir(), 'paper-biblatex-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe.skipIf(!present)('biblatex-examples.bib', () => {
  const entries = present ? (readFileSync(bib, 'utf8').match(/^@(?!string|comment|preamble)\w+\s*\{/gim) ?? []).length : 0;

  it.each([
    ['apa', ['--style', 'apa']],
    ['the default style', ['--no-pdf']],
  ])('builds with every entry listed in %s', async (_name, args) => {
    writeFileSync(join(folder, 'biblatex-examples.bib'), readFileSync(bib));
    writeFileSync(join(folder, 'paper.md'), "---\ntitle: Every entry\nbibliography: biblatex-examples.bib\nnocite: ['*']\n---\n\nEvery entry of biblatex's examples.\n");
    const out = join(folder, `out-${args.join('')}`);
    const run = await runMain(['build', 'paper.md', '--out', out, ...args], folder);
    expect(run.stderr + run.stdout).not.toMatch(/style-invalid|Cannot use CSL style/);
    expect(run.status).toBe(0);
    const html = parseHtml(readFileSync(join(out, 'paper.html'), 'utf8'));
    expect(entries).toBe(92);
    expect(selectAll('#refs > .csl-entry', html)).toHaveLength(entries);
  });
});
