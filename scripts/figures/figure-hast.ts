import type { Element, ElementContent, Root as HastRoot } from 'hast';
import { h } from 'hastscript';
import type { Image, Root } from 'mdast';
import type { VFile } from 'vfile';
import { report } from '../diagnostics/report.js';
import type { State } from 'mdast-util-to-hast';
import { visit } from 'unist-util-visit';
import type { Figure, FigureCaption } from './figure-node.js';
import { sizeProperties } from './figure-size.js';
import { localImagePath } from './image-sources.js';
import type { LoadedImages } from './loaded-image.js';

/** How a numbered caption starts: "Figure" and ":" by default (Quarto's and pandoc-crossref's), or the front matter's words. */
export interface CaptionTitle {
  title: string;
  delim: string;
}

const figureTitle: CaptionTitle = { title: 'Figure', delim: ':' };

/**
 * A figure as Pandoc writes it: `<figure id="fig:x" class="…">`, the image (its alt text the
 * caption's plain text, its size as written), then `<figcaption>` with the caption's Markdown,
 * after "Figure 1:" (in a span of its own, so the words can change) when the figure is numbered,
 * or "(a)" for a subfigure.
 */
export function figureToHast(state: State, node: Figure, words: CaptionTitle = figureTitle): Element {
  const content: ElementContent[] = [];
  const subfigures: ElementContent[] = [];
  let caption: FigureCaption | undefined;
  for (const child of node.children) {
    if (child.type === 'figureCaption') caption = child;
    else if (child.type === 'image') content.push(figureImage(child, node));
    else if (child.type === 'figure') subfigures.push(figureToHast(state, child, words));
    // An image the URL policy refused leaves its description.
    else content.push(...state.all({ type: 'paragraph', children: [child] }));
  }
  if (subfigures.length > 0) {
    const columns = node.columns === undefined ? undefined : `grid-template-columns:repeat(${node.columns}, minmax(0, 1fr))`;
    content.push(h('div', { className: ['subfigures'], style: columns }, subfigures));
  }
  const label = node.label === undefined ? undefined : /^[a-z]$/.test(node.label) ? `(${node.label})` : `${words.title} ${node.label}${words.delim}`;
  const captionContent = caption ? state.all(caption as never) : [];
  const figcaption = label || captionContent.length > 0 ? [h('figcaption', [...(label ? [h('span', { className: ['figure-label'] }, label), ' '] : []), ...captionContent])] : [];
  const figure = h('figure', { id: node.identifier, className: node.classes.length > 0 ? node.classes : undefined }, [...content, ...figcaption]);
  state.patch(node, figure);
  return figure;
}

/** The figure's image: its caption's plain text as alt text, and the size written after it. */
function figureImage(image: Image, figure: Figure): Element {
  return h('img', { src: image.url, alt: image.alt ?? '', title: image.title ?? undefined, ...sizeProperties(figure.size) });
}

/**
 * Every image of the page whose file the paper holds, embedded as a `data:` URI of the type its
 * bytes say it is (SVG too: in an `<img>` it runs no script and its ids meet no others), so the
 * standalone HTML and the PDF show it. Run after the last check of URLs (`html/safe-urls.ts`),
 * which lets no `data:` URI the author wrote through. An image the paper holds but cannot show
 * (missing, a PDF, not an image) loses its `src`: the check stage said why, where it is written.
 */
export function embedImagesTransform(tree: HastRoot, images: LoadedImages): void {
  if (images.size === 0) return;
  const uris = new Map<string, string>();
  visit(tree, 'element', (node) => {
    if (node.tagName !== 'img' || typeof node.properties.src !== 'string') return;
    const path = localImagePath(node.properties.src);
    const loaded = path === undefined ? undefined : images.get(path);
    if (!path || !loaded) return;
    if ('error' in loaded || loaded.type === undefined || loaded.type === 'application/pdf') {
      // Reported where it is written (image-missing, image-format, image-pdf): not asked of the printing browser again.
      delete node.properties.src;
      return;
    }
    let uri = uris.get(path);
    if (uri === undefined) {
      uri = `data:${loaded.type};base64,${Buffer.from(loaded.bytes).toString('base64')}`;
      uris.set(path, uri);
    }
    node.properties.src = uri;
    // A PDF figure drawn at three pixels a point is shown at its page's size, unless a size was written.
    if (loaded.cssWidth !== undefined && node.properties.width === undefined && node.properties.height === undefined && !/(^|;)\s*(width|height)\s*:/.test(String(node.properties.style ?? ''))) node.properties.width = loaded.cssWidth;
  });
}

/** Whether the paper has a PDF figure, which the render stage draws as a PNG (`pdf-figures.ts`). */
export function hasPdfFigures(images: LoadedImages): boolean {
  return [...images.values()].some((image) => 'bytes' in image && image.type === 'application/pdf');
}

/** A PDF figure that could not be drawn, reported at each image that shows it. */
export function reportUndrawnPdfs(tree: Root, file: VFile, failed: ReadonlyMap<string, string>): void {
  if (failed.size === 0) return;
  visit(tree, 'image', (image) => {
    const path = localImagePath(image.url);
    const reason = path === undefined ? undefined : failed.get(path);
    if (reason !== undefined) report(file, 'image-pdf', `Cannot draw the PDF figure \`${path}\`: ${reason}; save it as PNG or SVG`, image);
  });
}
