import { fromHtml } from 'hast-util-from-html';
import type { BlockContent, Html, Paragraph, Parent, Root, RootContent } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import type { InlinePlace } from '../markdown/fragments.js';
import { isFigureId } from './fenced-figure-divs.js';
import type { Figure } from './figure-node.js';

/** Reads Markdown written inside raw HTML as blocks, placed where it stands in the file. */
export type BlockParser = (text: string, place: InlinePlace) => BlockContent[];

/** The opening tag a raw HTML block starts with, when it is a `<div …>`. */
const openingDiv = /^<div(?:\s[^>]*)?>/i;
/** The closing tag a raw HTML block ends with. */
const closingDiv = /<\/div\s*>\s*$/i;

/**
 * pandoc-crossref's subfigures, written as a raw HTML div:
 *
 * ```
 * <div id="fig:x">
 * ![Subfigure a](a.png)![Subfigure b](b.png)
 *
 * Caption
 * </div>
 * ```
 *
 * CommonMark reads the opening tag, and the lines up to the next blank one, as raw HTML, the
 * blocks between as Markdown, and `</div>` as raw HTML again; Pandoc reads the inside as Markdown
 * (`markdown_in_html_blocks`). A div whose id is a figure id (`fig:x`, `fig-x`) and whose inside is
 * paragraphs of images, the last one maybe the caption, becomes the same figure as Quarto's
 * `::: {#fig-x}` (its Markdown read where it is written, so its images and attributes are placed
 * in the file), for `assembleSubfigures` to make subfigures of. Any other div stays raw HTML, as
 * written.
 */
export function htmlFigureDivs(tree: Root, file: VFile, parseBlocks: BlockParser): Set<Figure> {
  const made = new Set<Figure>();
  visit(tree, (node) => {
    if (!('children' in node) || node.type === 'paragraph') return;
    const parent = node as Parent;
    for (let index = 0; index < parent.children.length; index++) {
      const opener = parent.children[index];
      if (opener?.type !== 'html') continue;
      const figure = figureDiv(parent.children as RootContent[], index, file, parseBlocks);
      if (!figure) continue;
      parent.children.splice(index, figure.end - index + 1, figure.figure as never);
      made.add(figure.figure);
    }
  });
  return made;
}

/** The figure a `<div id="fig:…">` opening at `index` makes, and the index of the block that closes it. */
function figureDiv(siblings: RootContent[], index: number, file: VFile, parseBlocks: BlockParser): { figure: Figure; end: number } | undefined {
  const opener = siblings[index] as Html;
  const tag = openingDiv.exec(opener.value)?.[0];
  const attributes = tag === undefined ? undefined : divAttributes(tag);
  if (tag === undefined || !attributes?.id || !isFigureId(attributes.id)) return undefined;
  const end = closingIndex(siblings, index);
  if (end === undefined) return undefined;
  const blocks: RootContent[] = [];
  for (let at = index; at <= end; at++) {
    const block = siblings[at]!;
    if (block.type !== 'html') {
      blocks.push(block);
      continue;
    }
    // Only the div's own tags are HTML here: the Markdown around them is read as Markdown.
    const from = at === index ? tag.length : 0;
    const to = at === end ? (closingDiv.exec(block.value)?.index ?? block.value.length) : block.value.length;
    const markdown = block.value.slice(from, to);
    if (/<\/?[a-z]/i.test(markdown)) return undefined;
    const parsed = markdownInside(block, from, markdown, file, parseBlocks);
    if (!parsed) return undefined;
    blocks.push(...parsed);
  }
  if (!holdsImages(blocks, String(file.value))) return undefined;
  const figure: Figure = {
    type: 'figure',
    identifier: attributes.id,
    classes: attributes.classes,
    size: { attributes: {}, style: [] },
    children: blocks as never,
    position: { start: opener.position!.start, end: siblings[end]!.position!.end },
  };
  return { figure, end };
}

/** The id and classes of `<div id="fig:x" class="a b">`, as an HTML parser reads them. */
function divAttributes(tag: string): { id: string | undefined; classes: string[] } | undefined {
  const element = fromHtml(`${tag}</div>`, { fragment: true }).children[0];
  if (element?.type !== 'element') return undefined;
  const id = element.properties.id;
  const classes = element.properties.className;
  return { id: typeof id === 'string' ? id : undefined, classes: Array.isArray(classes) ? classes.map(String) : [] };
}

/** The index of the raw HTML block whose `</div>` closes the div opened at `from`, nested divs counted. */
function closingIndex(siblings: RootContent[], from: number): number | undefined {
  let depth = 0;
  for (let index = from; index < siblings.length; index++) {
    const node = siblings[index];
    if (node?.type !== 'html') continue;
    depth += (node.value.match(/<div[\s>]/gi) ?? []).length - (node.value.match(/<\/div\s*>/gi) ?? []).length;
    if (depth <= 0) return depth === 0 && closingDiv.test(node.value) ? index : undefined;
  }
  return undefined;
}

/**
 * The Markdown of a raw HTML block around the div's tags, read as blocks where it is written.
 * Undefined when the block is not verbatim in the file (inside a block quote or a list, where its
 * markers were taken out): its places would be wrong, so the div is left as written.
 */
function markdownInside(block: Html, from: number, markdown: string, file: VFile, parseBlocks: BlockParser): RootContent[] | undefined {
  if (markdown.trim() === '') return [];
  const start = block.position?.start.offset;
  if (start === undefined || !block.position || String(file.value).slice(start, start + block.value.length) !== block.value) return undefined;
  return parseBlocks(markdown, { file, offset: start + from, position: block.position });
}

/**
 * Paragraphs of images (each image maybe followed by its `{…}`), then maybe the caption, a
 * paragraph without images. A paragraph mixing images and words is not read as subfigures.
 */
function holdsImages(blocks: RootContent[], text: string): boolean {
  const images = blocks.filter((block) => block.type === 'paragraph' && block.children.some((child) => child.type === 'image'));
  if (images.length === 0 || blocks.some((block) => block.type !== 'paragraph')) return false;
  const last = blocks.at(-1);
  const paragraphsOfImages = images.includes(last!) ? blocks : blocks.slice(0, -1);
  return paragraphsOfImages.every((block) => images.includes(block) && imagesOnly(block as Paragraph, text));
}

/** Whether a paragraph holds nothing but images and the attribute blocks written after them, read from the source. */
function imagesOnly(paragraph: Paragraph, text: string): boolean {
  const start = paragraph.position?.start.offset;
  const end = paragraph.position?.end.offset;
  if (start === undefined || end === undefined) return false;
  let rest = '';
  let at = start;
  for (const child of paragraph.children) {
    if (child.type !== 'image') continue;
    const from = child.position?.start.offset;
    const to = child.position?.end.offset;
    if (from === undefined || to === undefined) return false;
    rest += text.slice(at, from);
    at = to;
  }
  rest += text.slice(at, end);
  return rest.replace(/\{[^{}\n]*\}/g, '').trim() === '';
}
