import { execFileSync } from 'node:child_process';
import type { Nodes, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type {} from '../../scripts/markdown/fenced-div-node.js';
import type { DefListDescription } from '../../scripts/markdown/definition-list-node.js';

/**
 * Blocks as a reader sees them, summarised the same way from Pandoc's JSON and from our mdast, so
 * the oracle tests (paragraphs, fenced divs, definition lists) compare structure: a paragraph as its
 * text, a list's items, a heading's level and text, a div's attributes and blocks, a definition
 * list's terms and definitions (in a definition, Pandoc's Plain, a paragraph shown without `<p>`,
 * is told from its Para).
 */
export type Block = string | [kind: string, ...parts: unknown[]];

interface PandocElement {
  t: string;
  c?: unknown;
}

/** Inline content as plain text, as mdast-util-to-string reads ours: emphasis flattened, math and code as written. */
function pandocText(inlines: PandocElement[]): string {
  return inlines
    .map((inline) => {
      if (inline.t === 'Str') return inline.c as string;
      if (inline.t === 'Space') return ' ';
      if (inline.t === 'SoftBreak') return '\n';
      if (inline.t === 'Math' || inline.t === 'Code' || inline.t === 'RawInline') return (inline.c as [unknown, string])[1];
      if (inline.t === 'Emph' || inline.t === 'Strong') return pandocText(inline.c as PandocElement[]);
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
    case 'Div': {
      const [[id, classes, pairs], blocks] = block.c as [[string, string[], Array<[string, string]>], PandocElement[]];
      return ['div', id, classes, Object.fromEntries(pairs), blocks.map(pandocBlock)];
    }
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
    case 'DefinitionList': {
      const definition = (blocks: PandocElement[]) => blocks.map((inner) => (inner.t === 'Plain' ? ['plain', pandocText(inner.c as PandocElement[])] : pandocBlock(inner)));
      return ['dl', (block.c as Array<[PandocElement[], PandocElement[][]]>).map(([term, definitions]) => [pandocText(term), definitions.map(definition)])];
    }
    case 'Table':
      return 'table';
    default:
      return block.t;
  }
}

/** What `pandoc -f markdown` reads in `source`, summarised (needs pandoc on PATH). */
export function pandocBlocks(source: string): Block[] {
  const json = JSON.parse(execFileSync('pandoc', ['-f', 'markdown', '-t', 'json'], { input: source, encoding: 'utf8' })) as { blocks: PandocElement[] };
  return json.blocks.map(pandocBlock);
}

/** Our mdast block, summarised as `pandocBlocks` summarises Pandoc's. */
export function ourBlock(node: RootContent | Nodes): Block {
  const blocks = (children: RootContent[]) => children.map(ourBlock);
  switch (node.type) {
    case 'paragraph':
      return ['p', toString(node)];
    case 'fencedDiv':
      return ['div', node.identifier ?? '', node.classes, node.attributes, blocks(node.children)];
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
    case 'defList': {
      const items: Array<[string, Block[][]]> = [];
      for (const child of node.children) {
        if (child.type === 'defListTerm') items.push([toString(child), []]);
        else items.at(-1)?.[1].push(ourDefinition(child));
      }
      return ['dl', items];
    }
    default:
      return node.type;
  }
}

/** A definition's blocks; in a tight one, the last paragraph is Pandoc's Plain. */
function ourDefinition(node: DefListDescription): Block[] {
  return node.children.map((child, index) => (!node.spread && child.type === 'paragraph' && index === node.children.length - 1 ? ['plain', toString(child)] : ourBlock(child)));
}
