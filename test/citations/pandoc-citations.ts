/**
 * Test helpers: parse with the manuscript's Markdown dialect, summarize citations as plain data,
 * and ask the installed `pandoc` for its own reading of the same source.
 */
import { spawn } from 'node:child_process';
import type { PhrasingContent, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import remarkDirective from 'remark-directive';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { Citation, CitationMode } from '../../scripts/citations/syntax/citation-node.js';
import remarkCitations from '../../scripts/citations/syntax/remark-citations.js';

export const fixtures = new URL('../fixtures/citation-syntax/', import.meta.url);

/** Smart punctuation is a rendering matter: with it, `--` and quotes would not compare as source text. */
export const pandocReader = 'markdown-smart';

export interface ItemSummary {
  key: string;
  mode: CitationMode;
  prefix: string;
  suffix: string;
}

/** One citation: `source` (whitespace collapsed) only for the bracketed form, whose text Pandoc keeps verbatim. */
export interface CitationSummary {
  source?: string;
  items: ItemSummary[];
}

export interface Case {
  name: string;
  source: string;
}

const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).use(remarkDirective).use(remarkCitations);

export function parse(source: string): Root {
  return processor.parse(source);
}

/** `%%% name` lines split `cases.md` into independent documents. */
export function readCases(name: string): Case[] {
  return readOracleCases(new URL(name, fixtures));
}

const squash = (value: string): string => value.replace(/\s+/g, ' ');

/** Plain text as Pandoc's `stringify` gives it: a hard break is a space, raw HTML is dropped. */
function text(nodes: PhrasingContent[]): string {
  return nodes
    .map((node): string => {
      if (node.type === 'break') return ' ';
      if ('children' in node) return text(node.children);
      return toString(node, { includeHtml: false });
    })
    .join('');
}

/**
 * Our citations in Pandoc's document order: citations nested in a prefix or suffix follow their
 * parent, and a footnote's citations stand at each call of it, as Pandoc's `Note` is an inline
 * there (a definition nobody calls is dropped, and a note's own calls are not followed).
 */
export function summarize(tree: Root): CitationSummary[] {
  const result: CitationSummary[] = [];
  const notes = new Map<string, unknown[]>();
  const plain = (nodes: PhrasingContent[]): string => squash(text(nodes));
  const collect = (node: unknown): void => {
    if (typeof node !== 'object' || node === null || !('children' in node) || !Array.isArray(node.children)) return;
    const { children } = node;
    if ('type' in node && node.type === 'footnoteDefinition' && 'identifier' in node) notes.set(String(node.identifier), children);
    children.forEach(collect);
  };
  const walk = (node: unknown, inNote: boolean): void => {
    if (Array.isArray(node)) return node.forEach((child) => walk(child, inNote));
    if (typeof node !== 'object' || node === null || !('type' in node)) return;
    if (node.type === 'footnoteDefinition') return;
    if (node.type === 'footnoteReference' && 'identifier' in node) {
      if (!inNote) walk(notes.get(String(node.identifier)) ?? [], true);
      return;
    }
    if (node.type === 'citation' && 'items' in node) {
      const citation = node as Citation;
      result.push({
        ...(citation.bracketed ? { source: squash(citation.value) } : {}),
        items: citation.items.map((item) => ({ key: item.key, mode: item.mode, prefix: plain(item.prefix), suffix: plain(item.suffix) })),
      });
      for (const item of citation.items) walk([...item.prefix, ...item.suffix], inNote);
      return;
    }
    if ('children' in node) walk(node.children, inNote);
  };
  collect(tree);
  walk(tree.children, false);
  return result;
}

import { readOracleCases } from '../helpers/pandoc-oracle.js';

export { pandocVersion } from '../helpers/pandoc-oracle.js';

export function runPandoc(args: string[], input: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('pandoc', args);
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`pandoc exited with ${code}: ${stderr}`))));
    child.stdin.end(input);
  });
}

interface PandocInline {
  t: string;
  c?: unknown;
}

interface PandocCitation {
  citationId: string;
  citationMode: { t: 'NormalCitation' | 'SuppressAuthor' | 'AuthorInText' };
  citationPrefix: PandocInline[];
  citationSuffix: PandocInline[];
}

const modes = { NormalCitation: 'normal', SuppressAuthor: 'suppress-author', AuthorInText: 'author-in-text' } as const;

/** Pandoc's citations for a source, summarized like ours (`pandoc -f markdown-smart -t json`). */
export async function pandocCitations(source: string): Promise<CitationSummary[]> {
  const document = JSON.parse(await runPandoc(['-f', pandocReader, '-t', 'json'], source)) as { blocks: unknown };
  const result: CitationSummary[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(walk);
    if (typeof value !== 'object' || value === null) return;
    const inline = value as PandocInline;
    if (inline.t === 'Cite') {
      const [citations, content] = inline.c as [PandocCitation[], PandocInline[]];
      const text = squash(stringify(content));
      result.push({
        ...(text.startsWith('[') ? { source: text } : {}),
        items: citations.map((citation) => ({
          key: citation.citationId,
          mode: modes[citation.citationMode.t],
          prefix: squash(stringify(citation.citationPrefix)),
          suffix: squash(stringify(citation.citationSuffix)),
        })),
      });
      for (const citation of citations) walk([...citation.citationPrefix, ...citation.citationSuffix]);
      return;
    }
    for (const child of Object.values(value)) walk(child);
  };
  walk(document.blocks);
  return result;
}

/** Pandoc's `stringify`, as mdast-util-to-string reads our nodes: notes and raw markup are dropped. */
function stringify(inlines: PandocInline[]): string {
  return inlines
    .map((inline) => {
      const content = inline.c;
      switch (inline.t) {
        case 'Str':
          return content as string;
        case 'Space':
        case 'SoftBreak':
        case 'LineBreak':
          return ' ';
        case 'Code':
          return (content as [unknown, string])[1];
        case 'Math': {
          // Our dialect has no math: the source text, delimiters included, is what we keep.
          const [kind, tex] = content as [{ t: string }, string];
          const dollars = kind.t === 'DisplayMath' ? '$$' : '$';
          return dollars + tex + dollars;
        }
        case 'Quoted': {
          const [kind, inner] = content as [{ t: string }, PandocInline[]];
          const quote = kind.t === 'DoubleQuote' ? '"' : "'";
          return quote + stringify(inner) + quote;
        }
        case 'Cite':
        case 'Link':
        case 'Image':
        case 'Span':
          return stringify((content as [unknown, PandocInline[]])[1]);
        case 'Note':
        case 'RawInline':
          return '';
        default:
          return stringify(content as PandocInline[]);
      }
    })
    .join('');
}

/** Run `task` over `items` with at most `limit` at a time (pandoc processes are heavy). */
export async function mapLimit<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
