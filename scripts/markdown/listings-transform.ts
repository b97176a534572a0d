import type { BlockContent, Code, Html, Paragraph, Parent, PhrasingContent, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { parse as parseYaml } from 'yaml';
import { report } from '../diagnostics/report.js';
import { readCodeInfo, type CodeInfo } from './code-info.js';
import type { InlineParser, InlinePlace } from './fragments.js';
import { parseAttributes, type PandocAttributes } from './pandoc-attributes.js';
import type { Listing } from './listing-node.js';
// Its augmentation of `Data` with `hName`/`hProperties`, how a node says which element it becomes.
import type {} from 'mdast-util-to-hast';

declare module 'mdast' {
  interface CodeData {
    /** The fence's attributes as Pandoc reads them, for the `<pre>`: id, classes (the language first), key-values. */
    attributes?: { id?: string | undefined; classes: string[]; attributes: Record<string, string> };
  }
}

export interface ListingsOptions {
  /** pandoc-crossref's `codeBlockCaptions`: a paragraph `Listing: …` or `: …` next to a code block is its caption. */
  codeBlockCaptions: boolean;
  parseInline: InlineParser;
  /** Reads the Markdown inside pandoc-crossref's wrapping `<div id="lst:x" class="listing">`. */
  parseBlocks: (text: string, place: InlinePlace) => BlockContent[];
  /** How a numbered caption starts: "Listing" and ":" unless the front matter says (`lst-title`, `listingTitle`, `titleDelim`). */
  title?: string;
  delim?: string;
}

/** The ids of listings: `lst:x` (pandoc-crossref), `lst-x` (Quarto). */
const listingId = /^lst[:-]/;

/** Quarto's option lines at the top of a cell: `#| lst-cap: "…"` (or `//|`, `--|` in languages that comment so). */
const optionLine = /^(?:#|\/\/|--)\|[ \t]?(.*)$/;

/** The caption paragraph of `codeBlockCaptions`: it starts with `Listing:` or `:`. */
const captionStart = /^(?:Listing)?:[ \t]+/;

/** pandoc-crossref's wrapping div, written as raw HTML: `<div id="lst:x" class="listing">`, a caption line, the code, `</div>`. */
const wrappingDiv = /^<div\s+((?:[a-z-]+\s*=\s*(?:"[^"]*"|'[^']*')\s*)+)>\n([\s\S]*?)\n?<\/div>\s*$/i;

/**
 * Code blocks as Pandoc, pandoc-crossref and Quarto read them: the info string's attributes on
 * the block (the first class its language), Quarto's option lines taken out of the code, cells
 * the author hid (`echo: false`, `include: false`) left out, and a block with a caption made a
 * `listing`, numbered "Listing 1", "Listing 2" in document order when its id is `lst:…`/`lst-…`.
 * The code itself is never changed otherwise.
 */
export function listingsTransform(tree: Root, file: VFile, options: ListingsOptions): void {
  const blocks: Array<{ node: Code | Html; parent: Parent }> = [];
  visit(tree, (node, _index, parent) => {
    if (parent && (node.type === 'code' || (node.type === 'html' && wrappingDiv.test(node.value)))) blocks.push({ node, parent });
  });
  let number = 0;
  const place = (node: Code, caption: PhrasingContent[], id: string | undefined, parent: Parent, replaced: Code | Html) => {
    const label = id !== undefined && listingId.test(id) ? String(++number) : undefined;
    parent.children[parent.children.indexOf(replaced)] = listingNode(node, caption, id, label, options);
  };
  const cells: Code[] = [];
  for (const { node, parent } of blocks) {
    if (node.type === 'html') {
      const wrapped = wrappedListing(node, file, options);
      if (wrapped) place(wrapped.code, wrapped.caption, wrapped.id, parent, node);
      continue;
    }
    const info = readCodeInfo([node.lang, node.meta].filter(Boolean).join(' '));
    const cellOptions = info.cell ? takeOptionLines(node) : {};
    if (info.cell) cells.push(node);
    if (cellOptions.echo === false || cellOptions.include === false) {
      parent.children.splice(parent.children.indexOf(node), 1);
      continue;
    }
    let id = info.id ?? optionText(cellOptions['lst-label']);
    const captionText = info.attributes.caption ?? info.attributes['lst-cap'] ?? optionText(cellOptions['lst-cap']);
    let caption: PhrasingContent[] | undefined;
    if (captionText !== undefined) {
      caption = options.parseInline([{ text: captionText, place: captionPlace(node, file, captionText) }])[0] ?? [];
    } else if (options.codeBlockCaptions) {
      const paragraph = takeCaptionParagraph(parent, node, file);
      caption = paragraph?.caption;
      id ??= paragraph?.attributes?.id;
    }
    if (caption === undefined) {
      if (id !== undefined && listingId.test(id)) report(file, 'listing-caption-missing', `The code block \`${id}\` has no caption, so it is not a numbered listing: give it \`caption="…"\`, or \`#| lst-cap: …\` in a Quarto cell`, node);
      setAttributes(node, info, id);
      continue;
    }
    setAttributes(node, info, undefined);
    place(node, caption, id, parent, node);
  }
  reportCellsNotRun(cells, file);
}

/**
 * Quarto's (and knitr's) executable cells are code here, never run: one message for the paper, at
 * its first cell's fence (not the whole cell), since every cell is the same news.
 */
function reportCellsNotRun(cells: Code[], file: VFile): void {
  const first = cells[0];
  if (!first) return;
  const engines = [...new Set(cells.map((cell) => readCodeInfo([cell.lang, cell.meta].filter(Boolean).join(' ')).language ?? cell.lang ?? ''))].filter(Boolean);
  const count = cells.length === 1 ? 'The executable cell' : `The ${cells.length} executable cells`;
  const named = engines.map((engine) => `\`{${engine}}\``).join(', ');
  report(file, 'code-cell-not-run', `${count} (${named}) ${cells.length === 1 ? 'is shown as code and not run: its output is not in the paper (render with Quarto to run it)' : 'are shown as code and not run: their output is not in the paper (render with Quarto to run them)'}`, first.position?.start);
}

/** The fence's attributes kept for the `<pre>`, and its language for the `<code>`; a caption is shown, not kept. */
function setAttributes(node: Code, info: CodeInfo, id: string | undefined): void {
  const { caption: _caption, 'lst-cap': _cap, ...shown } = info.attributes;
  node.lang = info.language ?? null;
  node.meta = null;
  node.data = { ...node.data, attributes: { id, classes: info.classes, attributes: shown } };
}

/**
 * pandoc-crossref's wrapping div: `<div id="lst:x" class="listing">`, then a paragraph (the
 * caption) and a code block, then `</div>`. CommonMark reads it all as one block of raw HTML, so
 * its inside is read as Markdown here. Anything else in a div is left to the raw HTML rules.
 */
function wrappedListing(node: Html, file: VFile, options: ListingsOptions): { code: Code; caption: PhrasingContent[]; id: string } | undefined {
  const match = wrappingDiv.exec(node.value);
  const attributes = new Map([...(match?.[1] ?? '').matchAll(/([a-z-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/gi)].map((found) => [found[1]?.toLowerCase(), found[2] ?? found[3] ?? '']));
  const id = attributes.get('id');
  const classes = (attributes.get('class') ?? '').split(/\s+/);
  if (!match?.[2] || id === undefined || !listingId.test(id) || !classes.some((name) => name.startsWith('listing'))) return undefined;
  const start = node.position?.start.offset;
  const inner = match[2];
  const offset = start === undefined ? undefined : start + node.value.indexOf(inner, match[0].indexOf('>'));
  const position = node.position ?? { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };
  const inside = options.parseBlocks(inner, { file, offset, position });
  const [paragraph, code] = inside;
  if (inside.length !== 2 || paragraph?.type !== 'paragraph' || code?.type !== 'code') return undefined;
  setAttributes(code, readCodeInfo([code.lang, code.meta].filter(Boolean).join(' ')), undefined);
  return { code, caption: paragraph.children, id };
}

function listingNode(code: Code, caption: PhrasingContent[], id: string | undefined, label: string | undefined, words: Pick<ListingsOptions, 'title' | 'delim'>): Listing {
  const prefix: PhrasingContent[] = label === undefined ? [] : [{ type: 'emphasis', data: { hName: 'span', hProperties: { className: ['listing-label'] } }, children: [{ type: 'text', value: `${words.title ?? 'Listing'} ${label}${words.delim ?? ':'}` }] }, { type: 'text', value: ' ' }];
  const listing: Listing = {
    type: 'listing',
    children: [{ type: 'listingCaption', data: { hName: 'figcaption' }, children: [...prefix, ...caption] }, code],
    data: { hName: 'figure', hProperties: { className: ['listing'], ...(id === undefined ? {} : { id }) } },
    position: code.position,
  };
  if (id !== undefined && label !== undefined) listing.data = { ...listing.data, crossrefTarget: { id, kind: 'listing', label, title: toString(caption) } };
  return listing;
}

/**
 * Quarto's option lines at the top of a cell, removed from its code: `#| lst-label: lst-x`. They
 * are YAML; lines that do not read as YAML are left out of the options (Quarto would stop).
 */
function takeOptionLines(node: Code): Record<string, unknown> {
  const lines = node.value.split('\n');
  let count = 0;
  while (count < lines.length && optionLine.test(lines[count] ?? '')) count++;
  if (count === 0) return {};
  const options: Record<string, unknown> = {};
  for (const line of lines.slice(0, count)) {
    try {
      const value: unknown = parseYaml(optionLine.exec(line)?.[1] ?? '');
      if (value && typeof value === 'object' && !Array.isArray(value)) Object.assign(options, value);
    } catch {
      // Not YAML: not an option we can read.
    }
  }
  node.value = lines.slice(count).join('\n').replace(/^\n+/, '');
  return options;
}

function optionText(value: unknown): string | undefined {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

/**
 * A `Listing: …` or `: …` paragraph right before the block (else right after it), taken out as its
 * caption, with the attribute block it may end with (`: Code caption {#lst:code}`), read from the
 * source text: remark-directive has made a directive of `:code`.
 */
function takeCaptionParagraph(parent: Parent, code: Code, file: VFile): { caption: PhrasingContent[]; attributes: PandocAttributes | undefined } | undefined {
  const index = parent.children.indexOf(code);
  for (const at of [index - 1, index + 1]) {
    const candidate = parent.children[at];
    if (candidate?.type !== 'paragraph') continue;
    const first = (candidate as Paragraph).children[0];
    if (first?.type !== 'text' || !captionStart.test(first.value)) continue;
    const attributes = takeClosingAttributes(candidate as Paragraph, file);
    const children = [...(candidate as Paragraph).children];
    const opening = children[0];
    if (opening?.type === 'text') {
      const rest = opening.value.replace(captionStart, '');
      if (rest === '') children.shift();
      else children[0] = { ...opening, value: rest };
    }
    parent.children.splice(at, 1);
    return { caption: children, attributes };
  }
  return undefined;
}

/** The attribute block a paragraph ends with, removed from it; undefined when it ends otherwise. */
function takeClosingAttributes(paragraph: Paragraph, file: VFile): PandocAttributes | undefined {
  const start = paragraph.position?.start.offset;
  const end = paragraph.position?.end.offset;
  if (start === undefined || end === undefined) return undefined;
  const text = String(file.value);
  const written = /[ \t]\{[^{}\n]*\}[ \t]*$/.exec(text.slice(start, end));
  const attributes = written && parseAttributes(written[0]);
  if (!written || !attributes) return undefined;
  const braces = start + written.index;
  while (paragraph.children.length > 0) {
    const last = paragraph.children[paragraph.children.length - 1]!;
    const from = last.position?.start.offset;
    if (from === undefined) return undefined;
    if (from >= braces) {
      paragraph.children.pop();
      continue;
    }
    if (last.type === 'text') {
      const tail = text.slice(braces, last.position?.end.offset ?? end);
      const value = last.value.endsWith(tail) ? last.value.slice(0, -tail.length) : last.value.slice(0, Math.max(0, last.value.lastIndexOf('{')));
      last.value = value.trimEnd();
    }
    break;
  }
  return attributes;
}

/** Where a caption written in the fence or an option line stands, so its citations are placed there. */
function captionPlace(node: Code, file: VFile, caption: string): InlinePlace {
  const position = node.position ?? { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start === undefined || end === undefined) return { file, offset: undefined, position };
  const found = String(file.value).slice(start, end).indexOf(caption);
  return { file, offset: found < 0 ? undefined : start + found, position };
}
