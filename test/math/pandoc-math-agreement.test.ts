/**
 * Our reading of `$…$` and `$$…$$` against Pandoc 2.17's (`tex_math_dollars`), case by case.
 *
 * Corpus: `test/fixtures/math-syntax/cases.md`, documents separated by `%%% name` lines.
 * Golden: `test/fixtures/math-syntax/pandoc.json`, the `Math` inlines `pandoc -f markdown -t json`
 * reads in each case, in document order, as `[kind, TeX]`. Regenerate it after changing the cases
 * (needs `pandoc` on PATH):
 *
 *     UPDATE=1 npx vitest run test/math/pandoc-math-agreement.test.ts
 *
 * Our parse is compared with the golden file, so the test needs no Pandoc; with Pandoc 2.17 on
 * PATH, each case is also run again to show the golden file is still what Pandoc says.
 *
 * Known difference: in `$\text{a$…` with braces that never close, Pandoc falls back to reading
 * `\t` as an escape and may still find math; we find none (no case here: it is never written).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import { describe, expect, it } from 'vitest';
import { pandocVersion, readOracleCases } from '../helpers/pandoc-oracle.js';
import { parse } from '../helpers/parse.js';

type MathSummary = [kind: 'InlineMath' | 'DisplayMath', tex: string];

const fixtures = new URL('../fixtures/math-syntax/', import.meta.url);
const goldenUrl = new URL('pandoc.json', fixtures);
const cases = readOracleCases(new URL('cases.md', fixtures));


function pandocMath(source: string): MathSummary[] {
  const json = JSON.parse(execFileSync('pandoc', ['-f', 'markdown', '-t', 'json'], { input: source, encoding: 'utf8' })) as unknown;
  const found: MathSummary[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) for (const item of value) walk(item);
    else if (value && typeof value === 'object') {
      const node = value as { t?: string; c?: unknown };
      if (node.t === 'Math' && Array.isArray(node.c)) {
        const [kind, tex] = node.c as [{ t: MathSummary[0] }, string];
        found.push([kind.t, tex]);
      } else for (const item of Object.values(node)) walk(item);
    }
  };
  walk(json);
  return found;
}

function ourMath(tree: Root): MathSummary[] {
  const found: MathSummary[] = [];
  visit(tree, (node) => {
    if (node.type === 'inlineMath') found.push(['InlineMath', node.value]);
    if (node.type === 'displayMath') found.push(['DisplayMath', node.value]);
  });
  return found;
}

const version = pandocVersion();
if (process.env.UPDATE) {
  if (!version) throw new Error('UPDATE=1 needs pandoc on PATH');
  const golden = { pandoc: version, reader: 'markdown', cases: Object.fromEntries(cases.map(({ name, source }) => [name, pandocMath(source)])) };
  writeFileSync(goldenUrl, `${JSON.stringify(golden, null, 2)}\n`);
}
const golden = JSON.parse(readFileSync(goldenUrl, 'utf8')) as { pandoc: string; cases: Record<string, MathSummary[]> };

describe('math as Pandoc reads it', () => {
  for (const { name, source } of cases) {
    it(name, () => {
      expect(ourMath(parse(source).tree)).toEqual(golden.cases[name]);
    });
  }
});

const samePandoc = version === golden.pandoc;
if (!samePandoc) console.log(`math agreement: golden file not re-checked against Pandoc (${version ?? 'no pandoc on PATH'}, golden from ${golden.pandoc})`);
describe.skipIf(!samePandoc)(`the golden file is what ${golden.pandoc} reads`, () => {
  it('every case', () => {
    for (const { name, source } of cases) expect([name, pandocMath(source)]).toEqual([name, golden.cases[name]]);
  });
});
