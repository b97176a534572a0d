import type { Image, Paragraph, Root, RootContent } from 'mdast';
import type { LeafDirective } from 'mdast-util-directive';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { report } from '../diagnostics/report.js';
import type { InlineParser, InlineRequest } from '../markdown/fragments.js';
import { takeTrailingAttributes, type PandocAttributes } from '../markdown/pandoc-attributes.js';
import { captionSource } from './caption-source.js';
import { fencedFigureDivs, isFigureId } from './fenced-figure-divs.js';
import { htmlFigureDivs, type BlockParser } from './html-figure-divs.js';
import type { Figure, FigureCaption } from './figure-node.js';
import { figureSize, sizeProperties } from './figure-size.js';
import { localImagePath } from './image-sources.js';
import type { LoadedImages } from './loaded-image.js';

export interface FiguresOptions {
  /** The paper's local images, loaded (or not) by the load stage. */
  images: LoadedImages;
  /** Parses the captions, all in one go, as the manuscript is parsed. */
  parseInline: InlineParser;
  /** Reads the Markdown inside pandoc-crossref's `<div id="fig:x">` subfigures; without it, such divs stay raw HTML. */
  parseBlocks?: BlockParser | undefined;
  /** Directives numbered in the same series as the figures (`::trend-graph`). */
  numberedAlongside?: string | undefined;
}

export interface FiguresResult {
  /** The number each directive named by `numberedAlongside` takes in the series of figures. */
  directiveLabels: Map<LeafDirective, string>;
}


/**
 * Figures as Pandoc 2.17 (`implicit_figures`), pandoc-crossref and Quarto make them: an image with
 * a caption alone in its paragraph is a figure, its caption parsed as Markdown (citations, emphasis,
 * notes); an image inside running text stays an inline image. The attribute block written right
 * after an image (`{#fig-x .wide width=50%}`) gives the figure its id and classes and the image its
 * size. Figures whose id starts `fig-` or `fig:` are numbered 1, 2, … in document order, in one
 * series with the directives named by `numberedAlongside` (trend graphs), and are cross-reference
 * targets. Every local image is checked against what the load stage found: missing, unreadable,
 * or not an image the paper shows is reported where it is written.
 */
export function figuresTransform(tree: Root, file: VFile, options: FiguresOptions): FiguresResult {
  const text = String(file.value);
  const divs = fencedFigureDivs(tree, file);
  if (options.parseBlocks) for (const div of htmlFigureDivs(tree, file, options.parseBlocks)) divs.add(div);
  const figures: CaptionedFigure[] = [];
  /** The attributes written after images that stay inline: a figure div makes subfigures of them. */
  const inlineAttributes = new Map<Image, PandocAttributes>();
  visit(tree, 'paragraph', (paragraph: Paragraph, index, parent) => {
    for (let at = 0; at < paragraph.children.length; at++) {
      const image = paragraph.children[at];
      if (image?.type !== 'image') continue;
      checkImage(image, file, options.images);
      const attributes = takeTrailingAttributes(paragraph, at, file);
      const alone = paragraph.children.every((child) => child === image || (child.type === 'text' && child.value.trim() === ''));
      if (!alone || image.alt === '' || image.alt === null || !parent || index === undefined) {
        if (attributes) {
          inlineImageAttributes(image, attributes, file);
          inlineAttributes.set(image, attributes);
        }
        continue;
      }
      const captioned = imageFigure(image, attributes, file, text);
      captioned.figure.position = paragraph.position;
      parent.children[index] = captioned.figure as RootContent;
      figures.push(captioned);
      return SKIP;
    }
    return undefined;
  });
  for (const div of divs) figures.push(...assembleSubfigures(div, file, text, inlineAttributes));
  const requests = figures.flatMap(({ request }) => (request ? [request] : []));
  const parsed = requests.length > 0 ? options.parseInline(requests) : [];
  for (const { figure, image, request } of figures) {
    const children = request ? (parsed[requests.indexOf(request)] ?? []) : [{ type: 'text' as const, value: image.alt ?? '' }];
    figure.children.push({ type: 'figureCaption', children, position: image.position } satisfies FigureCaption);
  }
  return { directiveLabels: numberFigures(tree, options.numberedAlongside) };
}

/** A figure of one image, and the request that parses its caption (from the source between `![` and `](`). */
interface CaptionedFigure {
  figure: Figure;
  image: Image;
  request: InlineRequest | undefined;
}

function imageFigure(image: Image, attributes: PandocAttributes | undefined, file: VFile, text: string): CaptionedFigure {
  const figure = figureOf(image, attributes, file);
  const caption = captionSource(image, text);
  const written = caption ? withoutTexLabel(text.slice(caption.start, caption.end)) : undefined;
  figure.identifier ??= written?.label;
  if (written?.label !== undefined) image.alt = withoutTexLabel(image.alt ?? '').text.trim();
  const request = caption && written && { text: written.text, place: { file, offset: caption.start, position: image.position ?? { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } } } };
  return { figure, image, request };
}

/**
 * The blocks of a figure div (Quarto's `::: {#fig-x}`, pandoc-crossref's `<div id="fig:x">`) as
 * Quarto reads them: each figure, and each image of a paragraph of images, a subfigure (the images
 * of one paragraph side by side); the last paragraph that is not images the caption. A div of one image
 * without an id of its own is a plain figure with the div's id and caption. Returns the
 * subfigures whose captions are still to be parsed.
 */
function assembleSubfigures(div: Figure, file: VFile, text: string, inlineAttributes: ReadonlyMap<Image, PandocAttributes>): CaptionedFigure[] {
  const blocks = div.children as unknown as RootContent[];
  const imagesOnly = (node: RootContent) => node.type === 'paragraph' && node.children.some((child) => child.type === 'image') && node.children.every((child) => child.type === 'image' || (child.type === 'text' && child.value.trim() === ''));
  const last = blocks.at(-1);
  const caption = last?.type === 'paragraph' && !imagesOnly(last) ? last : undefined;
  const pending: CaptionedFigure[] = [];
  const subfigures: Figure[] = [];
  let row = 1;
  for (const block of caption ? blocks.slice(0, -1) : blocks) {
    if (block.type === 'figure') {
      subfigures.push(block);
    } else if (block.type === 'paragraph' && imagesOnly(block)) {
      row = Math.max(row, block.children.filter((child) => child.type === 'image').length);
      for (const image of block.children) {
        if (image.type !== 'image') continue;
        const captioned = imageFigure(image, inlineAttributes.get(image), file, text);
        if (image.data?.hProperties) delete image.data.hProperties;
        captioned.figure.position = image.position;
        subfigures.push(captioned.figure);
        pending.push(captioned);
      }
    }
  }
  const captionNode: FigureCaption = { type: 'figureCaption', children: caption?.children ?? [], position: caption?.position };
  const only = subfigures.length === 1 ? subfigures[0] : undefined;
  const onlyImage = only?.children[0];
  if (only && onlyImage?.type === 'image' && (only.identifier === undefined || !isFigureId(only.identifier))) {
    // One image: the div is the figure, its image shown at the size written after it.
    div.size = only.size;
    div.classes = [...div.classes, ...only.classes];
    div.children = [onlyImage, captionNode];
    return pending.filter((captioned) => captioned.figure !== only);
  }
  // Without `layout-ncol`, the images of one paragraph stand side by side (Quarto, pandoc-crossref).
  if (div.columns === undefined && row > 1) div.columns = row;
  div.children = [...subfigures, captionNode];
  return pending;
}

/**
 * A caption written for LaTeX (JOSS papers): `A plot.\label{fig:plot}`. Pandoc drops the raw TeX
 * from HTML; here it is blanked (spaces keep the caption's offsets in the file) and its label
 * becomes the figure's id when the attributes give none.
 */
function withoutTexLabel(caption: string): { text: string; label: string | undefined } {
  let label: string | undefined;
  const text = caption.replace(/\\label\{([^{}\s]+)\}/g, (whole, id: string) => {
    label ??= id;
    return ' '.repeat(whole.length);
  });
  return { text, label };
}

/** A figure of one image, with the attributes written after it. */
function figureOf(image: Image, attributes: PandocAttributes | undefined, file: VFile): Figure {
  const { size, invalid } = figureSize(attributes?.attributes ?? {});
  for (const { key, value } of invalid) reportSize(file, key, value, image);
  return { type: 'figure', identifier: attributes?.id, classes: attributes?.classes ?? [], size, children: [image], position: image.position };
}

/** Pandoc keeps the attributes of an inline image on the image: its id, classes and size. */
function inlineImageAttributes(image: Image, attributes: PandocAttributes, file: VFile): void {
  const { size, invalid } = figureSize(attributes.attributes);
  for (const { key, value } of invalid) reportSize(file, key, value, image);
  const properties: Record<string, string | string[]> = sizeProperties(size);
  if (attributes.id) properties.id = attributes.id;
  if (attributes.classes.length > 0) properties.className = attributes.classes;
  image.data = { ...image.data, hProperties: { ...image.data?.hProperties, ...properties } };
}

function reportSize(file: VFile, key: string, value: string, image: Image): void {
  report(file, 'figure-attribute', `Expected a length for \`${key}\` (\`50%\`, \`300px\`, \`8cm\`, \`3in\`); found \`${value}\`, which is left out`, image);
}

/**
 * Number the figures with a `fig-`/`fig:` id, and the directives of the same series, in document
 * order; subfigures are lettered `a`, `b`, … within their figure (targets `1a`, `1b`).
 */
function numberFigures(tree: Root, alongside: string | undefined): Map<LeafDirective, string> {
  const directiveLabels = new Map<LeafDirective, string>();
  let counter = 0;
  visit(tree, (node) => {
    if (node.type === 'leafDirective' && alongside !== undefined && node.name === alongside) {
      directiveLabels.set(node, String(++counter));
      return undefined;
    }
    if (node.type !== 'figure') return undefined;
    const numbered = node.identifier !== undefined && isFigureId(node.identifier);
    if (numbered) {
      node.label = String(++counter);
      node.data = { ...node.data, crossrefTarget: { id: node.identifier!, kind: 'figure', label: node.label } };
    }
    let letter = 0;
    for (const child of node.children) {
      if (child.type !== 'figure') continue;
      child.label = String.fromCharCode(97 + (letter++ % 26));
      if (numbered && child.identifier !== undefined) child.data = { ...child.data, crossrefTarget: { id: child.identifier, kind: 'figure', label: `${node.label}${child.label}` } };
    }
    return SKIP;
  });
  return directiveLabels;
}

/** A local image that the load stage could not read, or whose bytes the paper cannot show, reported where it is written. */
function checkImage(image: Image, file: VFile, images: LoadedImages): void {
  const path = localImagePath(image.url);
  const loaded = path === undefined ? undefined : images.get(path);
  if (!loaded) return;
  if ('error' in loaded) {
    report(file, 'image-missing', `Cannot read image \`${path}\`: ${loaded.error}`, image);
  } else if (loaded.type === undefined) {
    report(file, 'image-format', `The image \`${path}\` is not PNG, JPEG, GIF, WebP, SVG or PDF, whatever its name says; save it as one of them`, image);
  }
}
