import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, rgb } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { packageLoaded } from '../helpers/loaded-packages.js';
import { fromRoot } from '../helpers/paths.js';

/**
 * A paper pays only for the features it uses: the bundled command, in a process of its own, on
 * papers with and without math, code and PDF figures, records every module it loads (ES modules
 * through a loader hook, CommonJS ones from `require.cache`, and the packages bundled into each
 * chunk of dist/ that it loads). MathJax is loaded by `paper check` only for a
 * paper with math (a TeX error is found by drawing the equation); pdf.js and its canvas by
 * `paper build` only for a paper with a PDF figure, which they draw; the code highlighter by
 * `paper build` only for a paper with code in a named language. citation-js is loaded by every
 * `paper build` (it renders the citations) and never by `paper check`; its RIS plugin only by the
 * build of a paper with a RIS bibliography. The language server's code (vscode-languageserver,
 * `scripts/lsp/`) is loaded by `paper lsp` alone, never by check or build; pdf-lib, which finishes a
 * printed PDF, only by a build that prints one (every build here is `--no-pdf`).
 */
const scratch = mkdtempSync(join(tmpdir(), 'paper-feature-code-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const heavy = { citationJs: '@citation-js/core', ris: '@citation-js/plugin-ris', mathjax: 'mathjax-full', pdfjs: 'pdfjs-dist', canvas: '@napi-rs/canvas', highlighter: 'lowlight', languageServer: 'vscode-languageserver', pdfLib: 'pdf-lib' } as const;
type Heavy = keyof typeof heavy;

/** Which of the heavy packages `paper <args>` loads. */
function heavyLoaded(args: string[]): Heavy[] {
  const record = join(scratch, `loaded-${Math.random().toString(36).slice(2)}.txt`);
  writeFileSync(record, '');
  const hooks = `data:text/javascript,${encodeURIComponent(`import { appendFileSync } from 'node:fs';
    export async function load(url, context, next) { appendFileSync(${JSON.stringify(record)}, url + '\\n'); return next(url, context); }`)}`;
  const script = `
    const { createRequire, register } = await import('node:module');
    register(${JSON.stringify(hooks)});
    const require = createRequire(import.meta.url);
    const { main } = await import(${JSON.stringify(fromRoot('dist/main.js'))});
    const io = { cwd: ${JSON.stringify(fromRoot('.'))}, stdout() {}, stderr() {} };
    const code = await main(${JSON.stringify(args)}, io);
    const { appendFileSync } = await import('node:fs');
    appendFileSync(${JSON.stringify(record)}, Object.keys(require.cache).join('\\n') + '\\n');
    console.log(code);`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 120_000 });
  expect(run.stderr).toBe('');
  expect(run.stdout.trim()).toBe('0');
  const loaded = readFileSync(record, 'utf8');
  return (Object.keys(heavy) as Heavy[]).filter((name) => packageLoaded(loaded, heavy[name]));
}

async function pdfFigurePaper(): Promise<string> {
  const folder = join(scratch, 'pdf-figure');
  cpSync(fromRoot('test/fixtures/papers/mini'), folder, { recursive: true });
  const document = await PDFDocument.create();
  document.addPage([144, 72]).drawRectangle({ x: 10, y: 10, width: 50, height: 50, color: rgb(0.8, 0.1, 0.1) });
  writeFileSync(join(folder, 'manuscript/plot.pdf'), await document.save());
  const manuscript = join(folder, 'manuscript/paper.md');
  writeFileSync(manuscript, `${readFileSync(manuscript, 'utf8')}\n![A plot from LaTeX](plot.pdf){#fig:plot}\n`);
  return folder;
}

describe('the code of a feature', () => {
  it('is not loaded for this repository\'s paper, which has no math, no PDF figure and no code', () => {
    expect(heavyLoaded(['check'])).toEqual([]);
    expect(heavyLoaded(['build', '--no-pdf', '--force', '--quiet', '--out', join(scratch, 'seed-out')])).toEqual(['citationJs']);
  });

  it('is loaded for math: MathJax by paper check', () => {
    expect(heavyLoaded(['check', fromRoot('test/fixtures/papers/math/paper.md')])).toEqual(['mathjax']);
  });

  it('is loaded for code in a named language: the highlighter by paper build, not by paper check', () => {
    const listings = fromRoot('test/fixtures/papers/listings');
    expect(heavyLoaded(['check', listings])).toEqual([]);
    expect(heavyLoaded(['build', listings, '--no-pdf', '--quiet', '--out', join(scratch, 'listings-out')])).toEqual(['citationJs', 'highlighter']);
  });

  it('is loaded for a PDF figure: pdf.js and its canvas by paper build, not by paper check', async () => {
    const folder = await pdfFigurePaper();
    expect(heavyLoaded(['check', folder])).toEqual([]);
    expect(heavyLoaded(['build', folder, '--no-pdf', '--quiet', '--out', join(folder, 'out')])).toEqual(['citationJs', 'pdfjs', 'canvas']);
  });

  it('is loaded for a RIS bibliography: citation-js’s RIS plugin by paper build, and no citation-js by paper check', () => {
    const folder = join(scratch, 'ris');
    cpSync(fromRoot('test/fixtures/papers/mini'), folder, { recursive: true });
    writeFileSync(join(folder, 'bibliography/refs.ris'), 'TY  - BOOK\nAU  - Smith, John\nTI  - A Book\nPY  - 2000\nPB  - Press\nID  - smith2000ris\nER  - \n');
    const manuscript = join(folder, 'manuscript/paper.md');
    const text = readFileSync(manuscript, 'utf8').replace(/^bibliography: (.*)$/m, 'bibliography:\n  - $1\n  - ../bibliography/refs.ris');
    writeFileSync(manuscript, `${text}\nAs @smith2000ris says.\n`);
    expect(heavyLoaded(['check', folder])).toEqual([]);
    expect(heavyLoaded(['build', folder, '--no-pdf', '--quiet', '--out', join(folder, 'out')])).toEqual(['citationJs', 'ris']);
  });
});
