import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMain } from '../helpers/run-cli.js';

/**
 * Attributes on inline content, as Pandoc 2.17 reads them: bracketed spans and link attributes.
 * The expected HTML is Pandoc's (`pandoc -f markdown -t html`, one paragraph a case, its line
 * breaks taken out), except where we differ on purpose: `style` and event handlers become `data-*`.
 */
const cases: Array<[markdown: string, html: string]> = [
  ['[Small caps]{.smallcaps}', '<span class="smallcaps">Small caps</span>'],
  ['[текст]{lang=ru}', '<span lang="ru">текст</span>'],
  ['[*em* and **strong**]{#s1 .a .b}', '<span id="s1" class="a b"><em>em</em> and <strong>strong</strong></span>'],
  ['[outer [inner]{.i}]{.o}', '<span class="o">outer <span class="i">inner</span></span>'],
  ['[a link](https://example.org){.external target=_blank}', '<a href="https://example.org" class="external" target="_blank">a link</a>'],
  ['[just brackets] {.x}', '[just brackets] {.x}'],
  ['[x]{foo=bar}', '<span data-foo="bar">x</span>'],
  // Pandoc writes `style` and `onclick` as they are; a page of ours holds no script and loads nothing.
  ['[x]{style="color:red" onclick=go()}', '<span data-style="color:red" data-onclick="go()">x</span>'],
];

const folder = mkdtempSync(join(tmpdir(), 'paper-inline-attributes-'));
let paragraphs: string[] = [];
beforeAll(async () => {
  writeFileSync(join(folder, 'paper.md'), `---\ntitle: Inline attributes\n---\n\n${cases.map(([markdown]) => markdown).join('\n\n')}\n`);
  const run = await runMain(['build', join(folder, 'paper.md'), '--out', join(folder, 'out'), '--no-pdf']);
  expect(run.status, run.stderr).toBe(0);
  const html = readFileSync(join(folder, 'out/paper.html'), 'utf8');
  paragraphs = [...html.matchAll(/<p>([^]*?)<\/p>/g)].map((match) => match[1]!.replace(/\s*\n\s*/g, ' '));
}, 60_000);
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('attributes on inline content', () => {
  cases.forEach(([markdown, html], index) => {
    it(markdown, () => {
      expect(paragraphs[index]).toBe(html);
    });
  });
});
