/**
 * Where a paragraph ends, against Pandoc 2.17's `markdown` reader: a list, block quote, ATX
 * heading, thematic break or `~~~` fence needs a blank line before it; a backtick fence and a
 * sublist under an item's text do not (`scripts/markdown/pandoc-paragraphs.ts`).
 *
 * Corpus: `test/fixtures/paragraphs/cases.md`, documents separated by `%%% name` lines.
 * Golden: `test/fixtures/paragraphs/pandoc.json`, the blocks `pandoc -f markdown -t json` reads in
 * each case, summarized (a paragraph as its text). Regenerate it after changing the cases (needs
 * `pandoc` on PATH):
 *
 *     UPDATE=1 npx vitest run test/markdown/pandoc-paragraphs.test.ts
 *
 * Our parse is compared with the golden file, so the test needs no Pandoc; with Pandoc 2.17 on
 * PATH, each case is also run again to show the golden file is still what Pandoc says.
 *
 * Known differences (no case here):
 * - a comment over several lines under a paragraph line ends the paragraph (CommonMark's HTML
 *   block, dropped without a trace); Pandoc keeps it inside the paragraph, even over a blank line.
 * - a row of a simple or multiline table inside a list item that starts with a list marker
 *   (`  - 3   4`) starts a sublist for us; Pandoc reads the item's lines first and keeps the row.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import type { Nodes, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { describe, expect, it } from 'vitest';
import { pandocVersion, readOracleCases } from '../helpers/pandoc-oracle.js';
import { parse } from '../helpers/parse.js';

/** A block as a reader sees it: a paragraph's text, a list's items, a heading's level and text. */
type Block = string | [kind: string, ...parts: unknown[]];

const fixtures = new URL('../fixtures/paragraphs/', import.meta.url);
const goldenUrl = new URL('pandoc.json', fixtures);
const cases = readOracleCases(new URL('cases.md', fixtures));


interface PandocElement {
  t: string;
  c?: unknown;
}

function pandocText(inlines: PandocElement[]): string {
  return inlines
    .map((inline) => {
      if (inline.t === 'Str') return inline.c as string;
      if (inline.t === 'Space') return ' ';
      if (inline.t === 'SoftBreak') return '\n';
      if (inline.t === 'Math') return (inline.c as [unknown, string])[1];
      if (inline.t === 'Code') return (inline.c as [unknown, string])[1];
      if (inline.t === 'RawInline') return (inline.c as [unknown, string])[1];
      return inline.t;
    })
    .join('');
}

function pandocBlock(block: PandocElement): Block {
  const items = (lists: PandocElement[][]) => lists.map((item) => item.map(pandocBlock));
  switch (block.t) {
    case 'Para':
    case 'Plain':
      return ['p', pandocText(block.c as PandocElement[])];
    case 'BulletList':
      return ['ul', items(block.c as PandocElement[][])];
    case 'OrderedList': {
      const [[start], lists] = block.c as [[number], PandocElement[][]];
      return ['ol', start, items(lists)];
    }
    case 'BlockQuote':
      return ['quote', (block.c as PandocElement[]).map(pandocBlock)];
    case 'Header': {
      const [level, , inlines] = block.c as [number, unknown, PandocElement[]];
      return ['h', level, pandocText(inlines)];
    }
    case 'CodeBlock':
      return ['code', (block.c as [unknown, string])[1]];
    case 'HorizontalRule':
      return 'hr';
    case 'Table':
      return 'table';
    default:
      return block.t;
  }
}

function pandocBlocks(source: string): Block[] {
  const json = JSON.parse(execFileSync('pandoc', ['-f', 'markdown', '-t', 'json'], { input: source, encoding: 'utf8' })) as { blocks: PandocElement[] };
  return json.blocks.map(pandocBlock);
}

function ourBlock(node: RootContent): Block {
  const blocks = (children: RootContent[]) => children.map(ourBlock);
  switch (node.type) {
    case 'paragraph':
      return ['p', toString(node as Nodes)];
    case 'list': {
      const items = node.children.map((item) => blocks(item.children));
      return node.ordered ? ['ol', node.start ?? 1, items] : ['ul', items];
    }
    case 'blockquote':
      return ['quote', blocks(node.children)];
    case 'heading':
      return ['h', node.depth, toString(node)];
    case 'code':
      return ['code', node.value];
    case 'thematicBreak':
      return 'hr';
    default:
      return node.type;
  }
}

const version = pandocVersion();
if (process.env.UPDATE) {
  if (!version) throw new Error('UPDATE=1 needs pandoc on PATH');
  const golden = { pandoc: version, reader: 'markdown', cases: Object.fromEntries(cases.map(({ name, source }) => [name, pandocBlocks(source)])) };
  writeFileSync(goldenUrl, `${JSON.stringify(golden, null, 2)}\n`);
}
const golden = JSON.parse(readFileSync(goldenUrl, 'utf8')) as { pandoc: string; cases: Record<string, Block[]> };

describe('paragraphs end where Pandoc ends them', () => {
  for (const { name, source } of cases) {
    it(name, () => {
      expect(parse(source).tree.children.map(ourBlock)).toEqual(golden.cases[name]);
    });
  }
});

const samePandoc = version === golden.pandoc;
if (!samePandoc) console.log(`paragraph agreement: golden file not re-checked against Pandoc (${version ?? 'no pandoc on PATH'}, golden from ${golden.pandoc})`);
describe.skipIf(!samePandoc)(`the golden file is what ${golden.pandoc} reads`, () => {
  it('every case', () => {
    for (const { name, source } of cases) expect([name, pandocBlocks(source)]).toEqual([name, golden.cases[name]]);
  });
});
