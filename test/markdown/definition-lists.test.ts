/**
 * Pandoc's definition lists (`scripts/markdown/micromark-definition-list.ts`), against Pandoc
 * 2.17's `markdown` reader and as a reader sees them in the built HTML.
 *
 * Corpus: `test/fixtures/definition-lists/cases.md`, documents separated by `%%% name` lines.
 * Golden: `test/fixtures/definition-lists/pandoc.json`, the blocks `pandoc -f markdown -t json`
 * reads in each case, summarized (a definition list as its terms and their definitions' blocks, a
 * tight definition's last paragraph as `plain`). Regenerate it after changing the cases (needs
 * `pandoc` on PATH):
 *
 *     UPDATE=1 npx vitest run test/markdown/definition-lists.test.ts
 *
 * Our parse is compared with the golden file, so the test needs no Pandoc; with Pandoc 2.17 on
 * PATH, each case is also run again to show the golden file is still what Pandoc says.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mayHaveDefinitionList } from '../../scripts/markdown/remark-definition-lists.js';
import { parseHtml, selectAll, textOf } from '../helpers/html-text.js';
import { ourBlock } from '../helpers/pandoc-blocks.js';
import { describePandocBlockAgreement } from '../helpers/pandoc-block-agreement.js';
import { parse } from '../helpers/parse.js';
import { builtFixturePaper } from '../helpers/built-fixture-paper.js';
import { fromRoot } from '../helpers/paths.js';
import { runMain } from '../helpers/run-cli.js';

describePandocBlockAgreement('definition lists', new URL('../fixtures/definition-lists/', import.meta.url));

describe('definition lists in the tree', () => {
  it('places the list, its terms and definitions where they are written', () => {
    const { tree } = parse('Intro.\n\nTerm *a*\n: One\n  lazy.\n\n: Two.\n\n    More.\n\nAfter.\n');
    const list = tree.children[1]!;
    const at = (node: { position?: { start: { line: number; column: number }; end: { line: number; column: number } } | undefined }) =>
      `${node.position?.start.line}:${node.position?.start.column}-${node.position?.end.line}:${node.position?.end.column}`;
    expect(list.type).toBe('defList');
    if (list.type !== 'defList') return;
    expect([list, ...list.children].map((node) => `${node.type} ${at(node)}`)).toEqual([
      'defList 3:1-9:10',
      'defListTerm 3:1-3:9',
      'defListDescription 4:1-5:8',
      'defListDescription 7:1-9:10',
    ]);
    expect(list.children.map((node) => (node.type === 'defListDescription' ? node.spread : 'term'))).toEqual(['term', false, true]);
    expect(at(tree.children[2]!)).toBe('11:1-11:7');
  });

  it('reads citations in terms and definitions', () => {
    const { tree } = parse('Smith [@smith2020]\n: As @doe99 says.\n');
    const types: string[] = [];
    const walk = (node: { type: string; children?: unknown[] }) => {
      types.push(node.type);
      for (const child of (node.children ?? []) as Array<{ type: string; children?: unknown[] }>) walk(child);
    };
    walk(tree);
    expect(types.filter((type) => type === 'citation' || type.startsWith('defList'))).toEqual(['defList', 'defListTerm', 'citation', 'defListDescription', 'citation']);
  });

  it('leaves `:::name` directives and fenced divs to their constructs', () => {
    expect(parse('Term\n: Definition.\n\n:::table-group{#g}\n::period-table{#t}\n:::\n').tree.children.map((node) => node.type)).toEqual(['defList', 'containerDirective']);
    expect(parse('::: {.box}\nTerm\n: Definition.\n:::\n').tree.children.map(ourBlock)).toEqual([['div', '', ['box'], {}, [['dl', [['Term', [[['plain', 'Definition.']]]]]]]]]);
  });

  it('gives a caption before a table back to the table, as Pandoc does', () => {
    expect(parse('Some text.\n\n: The caption.\n\n| a |\n|---|\n| 1 |\n').tree.children.map(ourBlock)).toEqual([['p', 'Some text.'], ['p', ': The caption.'], 'table']);
    expect(parse('| a |\n|---|\n| 1 |\n\n: The caption.\n').tree.children.map(ourBlock)).toEqual(['table', ['p', ': The caption.']]);
  });

  it('is read only in a paper with a line that may be a marker', () => {
    expect(mayHaveDefinitionList('Term\n: Definition.\n')).toBe(true);
    expect(mayHaveDefinitionList('> - Term\n  ~\tDefinition.\n')).toBe(true);
    expect(mayHaveDefinitionList('::: {.note}\nText: more.\n:::\n\nRatio 1:2\n')).toBe(false);
  });
});

describe('the glossary paper (definition lists), built', () => {
  const paper = builtFixturePaper('glossary');

  it('builds without a message', () => {
    expect(paper.run.stderr).toBe('');
    expect(paper.run.status).toBe(0);
  });

  it('shows terms as <dt> and definitions as <dd>, tight ones without <p>', () => {
    expect(paper.html).toContain('<dt>Albedo</dt>\n<dd>\nThe fraction of light a surface reflects.\n</dd>');
    expect(paper.html).toContain('<dt>Radiative <em>forcing</em></dt>');
    const page = parseHtml(paper.html);
    expect(selectAll('dl', page)).toHaveLength(4);
    expect(selectAll('dt', page).map(textOf)).toEqual(['Albedo', 'Radiative forcing', 'Feedback', 'Quoted term', 'Listed term', 'Boxed term']);
    expect(selectAll('dd', page).map(textOf).slice(1, 3)).toEqual(['A change in the energy balance.', 'Measured in W/m².']);
  });

  it('keeps the paragraphs of a loose definition, and its list', () => {
    const page = parseHtml(paper.html);
    expect(selectAll('dd > p', page).map(textOf)).toEqual(['Measured in W/m².', 'A process that amplifies or damps a change.', 'It has two signs:', 'Quoted definition.']);
    expect(selectAll('dd li', page).map(textOf)).toEqual(['positive,', 'negative.']);
  });

  it('nests lists in quotes, list items and divs', () => {
    const page = parseHtml(paper.html);
    expect(selectAll('blockquote > dl > dd', page).map(textOf)).toEqual(['Quoted definition.']);
    expect(selectAll('li > dl > dt', page).map(textOf)).toEqual(['Listed term']);
    expect(selectAll('div.box > dl > dd', page).map(textOf)).toEqual(['Boxed definition.']);
  });

  it('sets terms in bold with the definition lists\' style, which a page without a list does not carry', async () => {
    expect(paper.html).toMatch(/dt \{\n  font-weight: bold;/);
    const seed = await runMain(['build', '--no-pdf', '--force', '--quiet', '--out', join(paper.folder, 'seed')], fromRoot('.'), {});
    expect(seed.status).toBe(0);
    expect(readFileSync(join(paper.folder, 'seed', 'paper.html'), 'utf8')).not.toContain('Definition lists (');
  });

  it('leaves a colon with no term as text, and a caption before a table to the table', () => {
    const page = parseHtml(paper.html);
    expect(selectAll('p', page).map(textOf)).toContain(': A paragraph that starts with a colon.');
    expect(selectAll('caption', page).map(textOf)).toEqual(['Sea ice extent.']);
  });
});
