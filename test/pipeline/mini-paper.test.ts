import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from '../../scripts/pipeline/build.js';
import { check } from '../../scripts/pipeline/check.js';
import { fromRoot } from '../helpers/paths.js';

/**
 * A small paper through every stage, in process: the front matter, a narrative citation with a
 * locator, a group, cross-references to a table and a section, footnotes (one called from a table
 * cell, one from the text and a table cell), a period table with every kind of row, nocite, the
 * placed notes and references, and the HTML edition's contents, heading links and previews.
 * The article's HTML is compared with test/fixtures/papers/mini/expected.html (`UPDATE=1` rewrites it).
 */

const paper = fromRoot('test/fixtures/papers/mini');
const out = mkdtempSync(join(tmpdir(), 'paper-mini-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('the mini paper', () => {
  it('checks clean', async () => {
    const result = await check({ path: paper, cwd: paper, bibliographies: [] });
    expect(result.files.flatMap((file) => file.messages.map(String))).toEqual([]);
    expect(result.paper?.listed).toEqual(['smith2000', 'jones1999', 'listed2001']);
  });

  it('builds the expected HTML', async () => {
    const result = await build({ path: paper, cwd: paper, bibliographies: [], out, pdf: false });
    expect(result.outputs).toEqual([join(out, 'paper.html'), join(out, 'manifest.json')]);
    const html = readFileSync(join(out, 'paper.html'), 'utf8');
    const article = /<article class="paper">[\s\S]*<\/article>/.exec(html)?.[0] ?? '';
    const expectedPath = join(paper, 'expected.html');
    if (process.env.UPDATE) writeFileSync(expectedPath, `${article}\n`);
    expect(`${article}\n`).toBe(readFileSync(expectedPath, 'utf8'));
  });

  it('puts the metadata and the running head in the document head', async () => {
    await build({ path: paper, cwd: paper, bibliographies: [], out, pdf: false });
    const html = readFileSync(join(out, 'paper.html'), 'utf8');
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<title>A Small Paper</title>');
    expect(html).toContain('<meta name="author" content="Ann Author">');
    expect(html).toContain('<meta name="description" content="This abstract cites nobody.">');
    expect(html).toContain('@page { size: A4; @top-center { content: "A Small Paper — Ann Author"; } }');
  });

  it('uses another CSL style when asked, and refuses an unknown one with the choices', async () => {
    const apa = await build({ path: paper, cwd: paper, bibliographies: [], out, pdf: false, style: 'apa' });
    expect(apa.outputs.map((path) => path.slice(path.lastIndexOf('/') + 1))).toEqual(['paper.html', 'manifest.json']);
    expect(readFileSync(join(out, 'paper.html'), 'utf8')).toContain(
      '(see <a href="#ref-jones1999" role="doc-biblioref" aria-describedby="ref-jones1999">Jones, 1999, p. 12<span class="citation-preview" aria-hidden="true">Jones, M. (1999). An Article. <i>Journal</i>, <i>3</i>, 1–10.</span></a>;',
    );
    const unknown = await build({ path: paper, cwd: paper, bibliographies: [], out, pdf: false, style: 'chicago' });
    expect(unknown.outputs).toEqual([]);
    expect(unknown.files.flatMap((file) => file.messages.map((message) => message.reason))).toEqual([
      'Unknown CSL style `chicago`; choose one of `paper`, `apa`, `vancouver`, `harvard1`, or give a path to a `.csl` file',
    ]);
  });
});

describe('nocite', () => {
  it('with `@*` lists every entry, cited or not', async () => {
    const { cpSync, mkdtempSync } = await import('node:fs');
    const folder = mkdtempSync(join(tmpdir(), 'paper-nocite-'));
    try {
      cpSync(paper, folder, { recursive: true });
      const manuscript = join(folder, 'manuscript/paper.md');
      const bib = join(folder, 'bibliography/refs.bib');
      writeFileSync(manuscript, readFileSync(manuscript, 'utf8').replace('nocite: "@listed2001"', 'nocite: "@*"'));
      writeFileSync(bib, `${readFileSync(bib, 'utf8')}\n@book{extra1999, author = {Extra, Eve}, title = {Never Cited}, publisher = {P}, date = {1999}}\n`);
      const result = await build({ path: folder, cwd: folder, bibliographies: [], out: join(folder, 'out'), pdf: false });
      expect(result.files.flatMap((file) => file.messages.map(String))).toEqual([]);
      const html = readFileSync(join(folder, 'out', 'paper.html'), 'utf8');
      expect([...html.matchAll(/<div id="ref-([^"]+)" class="csl-entry"/g)].map((match) => match[1])).toEqual(['extra1999', 'jones1999', 'listed2001', 'smith2000']);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
