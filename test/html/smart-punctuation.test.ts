import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Element } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toString } from 'hast-util-to-string';
import { describe, expect, it } from 'vitest';
import { smartPunctuationTransform } from '../../scripts/html/smart-punctuation.js';
import { textOf, parseHtml } from '../helpers/html-text.js';
import { readInfo } from '../helpers/pdf-reader.js';
import { fromRoot } from '../helpers/paths.js';
import { runMain } from '../helpers/run-cli.js';

/**
 * Pandoc's `smart` extension, on by default in its Markdown: curly quotes, dashes and ellipses.
 * The expected texts are Pandoc 2.17's (`pandoc -f markdown -t plain`). On the seed paper, every
 * quote, dash and ellipsis is compared with Pandoc's rendering of the same manuscript, committed as
 * `test/fixtures/smart/pandoc-seed.txt`; regenerate it where pandoc is installed with
 * `UPDATE=1 npx vitest run test/html/smart-punctuation.test.ts`.
 */
const seedFixture = fromRoot('test/fixtures/smart/pandoc-seed.txt');
if (process.env.UPDATE) {
  writeFileSync(seedFixture, execFileSync('pandoc', [fromRoot('manuscript/paper.md'), '-f', 'markdown', '-t', 'plain', '--wrap=none'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
}

function smart(html: string): string {
  const tree = fromHtml(html, { fragment: true });
  smartPunctuationTransform(tree.children[0] as Element);
  return toString(tree);
}

const cases: Array<[written: string, pandoc: string]> = [
  ['He said "hello', 'He said “hello'],
  ['5" tall', '5” tall'],
  ['"a', '“a'],
  ["it's 'quoted' and 'open", 'it’s ‘quoted’ and ’open'],
  ["'90s rock", '’90s rock'],
  ["the Kazakhs' land", 'the Kazakhs’ land'],
  ["rock 'n' roll", 'rock ‘n’ roll'],
  [`"nested 'one' here"`, '“nested ‘one’ here”'],
  ['say "a <em>b</em>" now', 'say “a b” now'],
  ['x -- y --- z ... w', 'x – y — z … w'],
  ['a--b', 'a–b'],
];

describe('smart punctuation', () => {
  for (const [written, pandoc] of cases) {
    it(`${written} → ${pandoc}`, () => {
      expect(smart(`<p>${written}</p>`)).toBe(pandoc);
    });
  }

  it('leaves an autolink\'s address as written, as Pandoc does', () => {
    expect(smart(`<p>"see" <a href="https://example.org/it's">https://example.org/it's</a> and <span class="uri">javascript:alert('x')</span></p>`)).toBe("“see” https://example.org/it's and javascript:alert('x')");
  });

  it('leaves code, math, citations and the reference list as they are', () => {
    const tree = fromHtml('<p>"a" <code>"b" -- c</code> <span class="citation">it\'s</span> <span class="math">x\'</span></p><div id="refs"><p>"d" -- e</p></div>', { fragment: true });
    for (const node of tree.children) smartPunctuationTransform(node as Element);
    expect(toString(tree)).toBe('“a” "b" -- c it\'s x\'"d" -- e');
  });

  it('sets the title and the authors in the tab, the running head and the PDF\'s metadata as in the title block', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'paper-smart-title-'));
    try {
      cpSync(fromRoot('test/fixtures/papers/mini'), folder, { recursive: true });
      const manuscript = join(folder, 'manuscript/paper.md');
      const text = readFileSync(manuscript, 'utf8');
      writeFileSync(manuscript, text.replace('title: "A *Small* Paper"', `title: '"Small" papers -- it''s a start...'`).replace('name: Ann Author', "name: Ann O'Brien"));
      const run = await runMain(['build', folder, '--force', '--quiet'], fromRoot('.'), { SOURCE_DATE_EPOCH: '1296000000' });
      expect(run.status, run.stderr).toBe(0);
      const html = readFileSync(join(folder, 'build/paper.html'), 'utf8');
      const title = '“Small” papers – it’s a start…';
      expect(textOf(parseHtml(html)).includes(title)).toBe(true);
      expect(html).toContain(`<title>${title}</title>`);
      expect(html).toContain('<meta name="author" content="Ann O’Brien">');
      expect(html).toContain(`@top-center { content: "${title} — Ann O’Brien"; }`);
      const info = await readInfo(readFileSync(join(folder, 'build/paper.pdf')));
      expect([info.title, info.author]).toEqual([title, 'Ann O’Brien']);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('sets the seed paper\'s quotes, dashes and ellipses as Pandoc does', async () => {
    const out = mkdtempSync(join(tmpdir(), 'paper-smart-'));
    try {
      const run = await runMain(['build', '--out', out, '--no-pdf']);
      expect(run.status, run.stderr).toBe(0);
      const ours = textOf(parseHtml(readFileSync(join(out, 'paper.html'), 'utf8'))).replace(/\s+/g, ' ');
      const pandoc = readFileSync(seedFixture, 'utf8').replace(/\s+/g, ' ');
      const marks = /[“”‘’–—…"']/g;
      const blind = (text: string) => text.replace(marks, 'Q');
      // Each mark with a few words around it: where Pandoc has the same words, it has the same marks.
      const windows = [...ours.matchAll(marks)].map((match) => ours.slice(Math.max(0, match.index - 12), match.index + 13));
      const compared = windows.filter((window) => blind(pandoc).includes(blind(window)));
      expect(compared.length).toBeGreaterThan(100);
      expect(compared.filter((window) => !pandoc.includes(window))).toEqual([]);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
