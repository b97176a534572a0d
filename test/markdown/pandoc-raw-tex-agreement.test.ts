/**
 * What we read as raw TeX against what Pandoc 2.17 reads as `RawInline`/`RawBlock (Format "tex")`,
 * case by case: commands with and without arguments, environments over blank lines, and what is
 * not raw TeX (math, code, escapes).
 *
 * Corpus: `test/fixtures/pandoc-raw-tex/cases.md`, documents separated by `%%% name` lines.
 * Golden: `test/fixtures/pandoc-raw-tex/pandoc.json`, the raw TeX `pandoc -f markdown -t json`
 * reads in each case, in order (each as written, trailing blanks left off). Regenerate it after
 * changing the corpus (needs `pandoc` on PATH):
 *
 *     UPDATE=1 npx vitest run test/markdown/pandoc-raw-tex-agreement.test.ts
 *
 * Our reading is compared with the golden file, so the test needs no Pandoc. Compared are the
 * pieces of TeX, not whether each is a block or inline: `\newpage` alone on its lines is a
 * `RawBlock` in Pandoc and a paragraph holding one `rawTex` here, and both leave the same output.
 * The differences we keep are listed in `differences` with their reason.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { visit } from 'unist-util-visit';
import { createMarkdownParser } from '../../scripts/pipeline/parse.js';

interface Golden {
  pandoc: string;
  cases: Record<string, string[]>;
}

const fixtures = new URL('../fixtures/pandoc-raw-tex/', import.meta.url);
const goldenFile = new URL('pandoc.json', fixtures);

function readCases(): Map<string, string> {
  const cases = new Map<string, string>();
  for (const part of readFileSync(new URL('cases.md', fixtures), 'utf8').split(/^%%% /m).slice(1)) {
    const newline = part.indexOf('\n');
    cases.set(part.slice(0, newline).trim(), part.slice(newline + 1));
  }
  return cases;
}

/** Where we read a document differently from Pandoc on purpose: what we read instead, and why. */
const differences: Record<string, { ours: string[]; why: string }> = {
  'setlength and setcounter': {
    ours: ['\\setlength{\\parindent}{0.5in}', '\\setcounter{page}{1}', '\\doublespacing'],
    why: 'Pandoc gathers commands on consecutive lines into one RawBlock; we read each command alone, and one warning covers the run',
  },
};

function pandocRawTex(markdown: string): string[] {
  const json = JSON.parse(execFileSync('pandoc', ['-f', 'markdown', '-t', 'json'], { input: markdown, encoding: 'utf8' })) as unknown;
  const found: string[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) for (const item of value) walk(item);
    else if (value && typeof value === 'object') {
      const { t, c } = value as { t?: string; c?: unknown };
      if ((t === 'RawInline' || t === 'RawBlock') && Array.isArray(c) && c[0] === 'tex') found.push(String(c[1]).trimEnd());
      else for (const item of Object.values(value)) walk(item);
    }
  };
  walk(json);
  return found;
}

function ourRawTex(markdown: string): string[] {
  const found: string[] = [];
  visit(createMarkdownParser().parse(markdown), (node) => {
    if (node.type === 'rawTex' || node.type === 'rawTexBlock') found.push(node.value);
  });
  return found;
}

const cases = readCases();

if (process.env.UPDATE) {
  const version = execFileSync('pandoc', ['--version'], { encoding: 'utf8' }).split('\n')[0] ?? '';
  const golden: Golden = { pandoc: version, cases: Object.fromEntries([...cases].map(([name, markdown]) => [name, pandocRawTex(markdown)])) };
  writeFileSync(goldenFile, `${JSON.stringify(golden, null, 1)}\n`);
}

const golden = existsSync(goldenFile) ? (JSON.parse(readFileSync(goldenFile, 'utf8')) as Golden) : { pandoc: '', cases: {} };

describe(`raw TeX as ${golden.pandoc} reads it`, () => {
  it('has a golden reading for every case', () => {
    expect(Object.keys(golden.cases)).toEqual([...cases.keys()]);
  });

  for (const [name, markdown] of cases) {
    const difference = differences[name];
    it(difference ? `${name} (differs: ${difference.why})` : name, () => {
      expect(ourRawTex(markdown)).toEqual(difference ? difference.ours : golden.cases[name]);
    });
  }
});
