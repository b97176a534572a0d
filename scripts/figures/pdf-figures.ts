import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { LoadedImage, LoadedImages } from './loaded-image.js';

/** How many image pixels a PDF point gets: 3 (216 dpi), sharp in print at the PDF's own size. */
const pixelsPerPoint = 3;

/** A CSS pixel is 3/4 of a point. */
const cssPixelsPerPoint = 4 / 3;

/**
 * Every PDF figure of the paper (common in papers that came from LaTeX) as a PNG of its first page,
 * drawn by pdf.js on @napi-rs/canvas, at the page's own size (`cssWidth`) and three pixels a point.
 * A PDF that cannot be drawn keeps its PDF bytes, with the reason: the caller reports it. Loaded
 * only by a build of a paper that has a PDF figure: pdf.js and the canvas are large.
 */
export async function rasterizePdfFigures(images: LoadedImages): Promise<{ images: Map<string, LoadedImage>; failed: Map<string, string> }> {
  const shown = new Map(images);
  const failed = new Map<string, string>();
  const pdfs = [...images].filter((entry): entry is [string, Extract<LoadedImage, { bytes: Uint8Array }>] => 'bytes' in entry[1] && entry[1].type === 'application/pdf');
  if (pdfs.length === 0) return { images: shown, failed };
  const [{ getDocument }, { createCanvas }] = await Promise.all([import('pdfjs-dist/legacy/build/pdf.mjs'), import('@napi-rs/canvas')]);
  const folder = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
  for (const [src, image] of pdfs) {
    const task = getDocument({
      // A copy: pdf.js takes over the buffer it is given.
      data: new Uint8Array(image.bytes),
      standardFontDataUrl: `${pathToFileURL(join(folder, 'standard_fonts')).href}/`,
      cMapUrl: `${pathToFileURL(join(folder, 'cmaps')).href}/`,
      isEvalSupported: false,
      verbosity: 0,
    });
    try {
      const page = await (await task.promise).getPage(1);
      const viewport = page.getViewport({ scale: pixelsPerPoint });
      const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
      // pdf.js's types name the DOM's canvas; @napi-rs/canvas is the one it draws on under Node.js.
      await page.render({ canvas: canvas as never, canvasContext: canvas.getContext('2d') as never, viewport, background: 'white' }).promise;
      const bytes = new Uint8Array(await canvas.encode('png'));
      shown.set(src, { ...image, bytes, type: 'image/png', cssWidth: Math.round((viewport.width / pixelsPerPoint) * cssPixelsPerPoint) });
    } catch (error) {
      failed.set(src, error instanceof Error ? error.message.split('\n')[0] ?? '' : String(error));
    } finally {
      await task.destroy();
    }
  }
  return { images: shown, failed };
}
