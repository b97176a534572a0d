import type { Element } from 'hast';
import { select, selectAll } from 'hast-util-select';
import { toText } from 'hast-util-to-text';
import type { Root } from 'mdast';
import { toHast } from 'mdast-util-to-hast';
import { describe, expect, it } from 'vitest';
import { equationsTransform } from '../../scripts/math/equations-transform.js';
import { loadTexRenderer } from '../../scripts/math/load-tex-engine.js';
import { displayMathToHast, inlineMathToHast } from '../../scripts/math/math-hast.js';
import { messages, parse } from '../helpers/parse.js';
import { StageCache } from '../../scripts/source/stage-cache.js';

/** A paper's Markdown with its equations drawn and numbered, as hast. */
async function draw(markdown: string) {
  const { tree, file } = parse(markdown);
  equationsTransform(tree, file, { renderer: await loadTexRenderer(tree) });
  const hast = toHast(tree as Root, { handlers: { inlineMath: inlineMathToHast, displayMath: displayMathToHast } }) as unknown as Element;
  return { tree, file, hast };
}

describe('equations', () => {
  it('draws $x_i$ as SVG with its subscript, the TeX untouched by emphasis', async () => {
    const { hast, file } = await draw('Sum $x_i + y_i$ of *words*.\n');
    const svg = select('span.math.inline > svg', hast);
    expect(svg?.properties).toMatchObject({ role: 'img', ariaLabel: 'x_i + y_i' });
    // x, then i set smaller and lower: a subscript; no `_` or emphasis left in the text.
    const glyphs = selectAll('use', svg ?? hast).map((use) => String(use.properties.xLinkHref));
    expect(glyphs.slice(0, 2)).toEqual(['#MJX-TEX-I-1D465', '#MJX-TEX-I-1D456']);
    expect(selectAll('g[transform*="scale(0.707)"]', svg ?? hast)).toHaveLength(2);
    expect(toText(hast)).toBe('Sum  of words.');
    expect(select('em', hast) && toText(select('em', hast)!)).toBe('words');
    expect(messages(file)).toEqual([]);
  });

  it('numbers labelled display equations (1), (2) in order, with their ids and cross-reference targets', async () => {
    const { tree, hast } = await draw('$$a$$ {#eq-a}\n\nText $$b$$ and more.\n\n$$c$${#eq:c}\n\n$$d$$ {#other}\n');
    const numbered = selectAll('span.math.display', hast).map((element) => [element.properties.id, toText(element)]);
    expect(numbered).toEqual([
      ['eq-a', '(1)'],
      [undefined, ''],
      ['eq:c', '(2)'],
      [undefined, ''],
    ]);
    expect(selectAll('.equation-number', hast).map((element) => toText(element))).toEqual(['(1)', '(2)']);
    const targets: unknown[] = [];
    const walk = (node: { data?: { crossrefTarget?: unknown }; children?: unknown[] }) => {
      if (node.data?.crossrefTarget) targets.push(node.data.crossrefTarget);
      for (const child of node.children ?? []) walk(child as typeof node);
    };
    walk(tree as never);
    expect(targets).toEqual([
      { id: 'eq-a', kind: 'equation', label: '1' },
      { id: 'eq:c', kind: 'equation', label: '2' },
    ]);
    // The attribute blocks are gone from the text.
    expect(toText(hast)).not.toContain('{');
  });

  it('takes an equation\'s attributes off a list item\'s text that goes on under it (Quarto manuscripts write so)', async () => {
    const { hast } = await draw('1. The *matrix*\n   $$\n   A = B\n   $$ {#eq-a}\n   where the value.\n');
    expect(selectAll('span.math.display', hast).map((element) => [element.properties.id, toText(element)])).toEqual([['eq-a', '(1)']]);
    expect(toText(hast).replace(/\s+/g, ' ')).toBe('The matrix (1) where the value.');
  });

  it('reports a TeX error at its equation as math-syntax, shows its source in red, and draws the others', async () => {
    const { hast, file } = await draw('Good $a^2$, bad $\\frac{a$ and $\\foo$, good $$b$$ again.\n');
    expect(messages(file)).toEqual([
      '1:17-1:26 error TeX error: Missing close brace math-syntax',
      '1:31-1:37 error TeX error: Undefined control sequence \\foo math-syntax',
    ]);
    expect(selectAll('code.math-error', hast).map((element) => toText(element))).toEqual(['$\\frac{a$', '$\\foo$']);
    expect(selectAll('span.math svg[role="img"]', hast)).toHaveLength(2);
  });

  it('refuses the commands that would put the author\'s links or styles into the page', async () => {
    const { file } = await draw('$\\href{javascript:alert(1)}{x}$ $\\style{color:red}{y}$\n');
    expect(messages(file).map((message) => message.replace(/^\S+ /, ''))).toEqual([
      'error TeX error: Undefined control sequence \\href math-syntax',
      'error TeX error: Undefined control sequence \\style math-syntax',
    ]);
  });

  it('loads no TeX engine for a paper without math', async () => {
    const { tree } = parse('Prices: $5 and $10.\n');
    expect(await loadTexRenderer(tree)).toBeUndefined();
  });

  it('keeps one renderer for a long-lived process, which draws each TeX once and gives copies', async () => {
    const cache = new StageCache(8);
    const { tree } = parse('$a^2$\n');
    const renderer = await loadTexRenderer(tree, cache);
    expect(await loadTexRenderer(tree, cache)).toBe(renderer);
    const first = renderer!.render('a^2', false);
    const again = renderer!.render('a^2', false);
    expect(again).toEqual(first);
    expect(again.svg).not.toBe(first.svg);
    expect(renderer!.render('\\foo', false)).toEqual({ error: 'Undefined control sequence \\foo' });
  });
});
