/**
 * What a reader of a built PDF sees, read with JavaScript libraries so that `npm test` needs no
 * poppler or qpdf (issue 16): pdf.js (`pdfjs-dist`, with `@napi-rs/canvas` to render) for the pages,
 * their text, sizes and pixels and the outline; pdf-lib for the objects themselves: the document
 * information, the fonts and whether they are embedded, the link annotations, every object written
 * out uncompressed. pdf.js does not say whether a font has a ToUnicode map, so fonts come from
 * pdf-lib, found the way `pdffonts` finds them (through the resources of the pages, their forms,
 * patterns, Type 3 fonts and annotation appearances).
 *
 * Each function takes the PDF's path or its bytes (copied: pdf.js takes over a buffer it is given).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import {
  decodePDFRawStream,
  PDFArray,
  PDFBool,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFRawStream,
  PDFRef,
  PDFStream,
  PDFString,
  type PDFObject,
} from 'pdf-lib';
import { getDocument, OPS, type PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';

export type PdfSource = string | Uint8Array;

const bytesOf = (pdf: PdfSource): Uint8Array => new Uint8Array(typeof pdf === 'string' ? readFileSync(pdf) : pdf);

const pdfjsFolder = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));

/** Open the PDF in pdf.js for `read`, and close it after. */
async function withPdfjs<T>(pdf: PdfSource, read: (document: PDFDocumentProxy) => Promise<T>): Promise<T> {
  const task = getDocument({
    data: bytesOf(pdf),
    // The fonts are embedded; these are only there so that pdf.js never looks for a file elsewhere.
    standardFontDataUrl: join(pdfjsFolder, 'standard_fonts/'),
    cMapUrl: join(pdfjsFolder, 'cmaps/'),
    isEvalSupported: false,
    verbosity: 0,
  });
  try {
    return await read(await task.promise);
  } finally {
    await task.destroy();
  }
}

/** Load the PDF in pdf-lib as it is (pdf-lib would otherwise set its own producer and dates). */
const loadObjects = (pdf: PdfSource) => PDFDocument.load(bytesOf(pdf), { updateMetadata: false });

const textOf = (value: PDFObject | undefined): string | undefined =>
  value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : undefined;

/** A PDF date (`D:20110203000000Z`, `D:20110203000000+01'00'`) as `pdfinfo -isodates` prints it. */
export function isoDate(value: string): string | undefined {
  const match = /^(?:D:)?(\d{4})(\d\d)?(\d\d)?(\d\d)?(\d\d)?(\d\d)?(?:(Z)|([+-])(\d\d)'?(\d\d)?'?)?/.exec(value);
  if (!match) return undefined;
  const [, year, month = '01', day = '01', hour = '00', minute = '00', second = '00', zulu, sign, zoneHour = '00', zoneMinute = '00'] = match;
  const time = `${year}-${month}-${day}T${hour}:${minute}:${second}`;
  if (zulu || (sign && zoneHour === '00' && zoneMinute === '00')) return `${time}Z`;
  return sign ? `${time}${sign}${zoneHour}${zoneMinute === '00' ? '' : `:${zoneMinute}`}` : time;
}

export interface PdfInfo {
  title?: string | undefined;
  author?: string | undefined;
  subject?: string | undefined;
  keywords?: string | undefined;
  /** ISO 8601, as `pdfinfo -isodates` prints it (`2011-02-03T00:00:00Z`). */
  creationDate?: string | undefined;
  modDate?: string | undefined;
  /** The catalog's `/MarkInfo << /Marked true >>`: a tagged PDF. */
  tagged: boolean;
  pages: number;
}

/** The document information dictionary, whether the PDF is tagged, and its page count. */
export async function readInfo(pdf: PdfSource): Promise<PdfInfo> {
  const document = await loadObjects(pdf);
  const info = document.context.lookupMaybe(document.context.trailerInfo.Info, PDFDict);
  const field = (key: string) => textOf(info?.lookup(PDFName.of(key)));
  const date = (key: string) => {
    const raw = field(key);
    return raw === undefined ? undefined : isoDate(raw);
  };
  const marked = document.catalog.lookupMaybe(PDFName.of('MarkInfo'), PDFDict)?.lookup(PDFName.of('Marked'));
  return {
    title: field('Title'),
    author: field('Author'),
    subject: field('Subject'),
    keywords: field('Keywords'),
    creationDate: date('CreationDate'),
    modDate: date('ModDate'),
    tagged: marked instanceof PDFBool && marked.asBoolean(),
    pages: document.getPageCount(),
  };
}

export interface PageSize {
  /** In points, as the page is shown: its crop box, turned by its /Rotate. */
  width: number;
  height: number;
}

/** Every page's size, in order. */
export function pageSizes(pdf: PdfSource): Promise<PageSize[]> {
  return withPdfjs(pdf, async (document) => {
    const sizes: PageSize[] = [];
    for (let number = 1; number <= document.numPages; number++) {
      const { width, height } = (await document.getPage(number)).getViewport({ scale: 1 });
      sizes.push({ width, height });
    }
    return sizes;
  });
}

/** A page size as `pdfinfo` prints it: `594.96 x 841.92 pts (A4)`, `612 x 792 pts (letter)`. */
export function describeSize({ width, height }: PageSize): string {
  const points = (value: number) => String(Number(value.toPrecision(6))); // printf's %g
  const either = (w: number, h: number, tolerance: number) =>
    (Math.abs(width - w) < tolerance && Math.abs(height - h) < tolerance) || (Math.abs(width - h) < tolerance && Math.abs(height - w) < tolerance);
  let name = either(612, 792, 0.1) ? ' (letter)' : '';
  // ISO A0 is 1 m² with sides in the ratio √2; each next size halves it. Within a point, A0 to A6.
  let long = Math.sqrt(Math.SQRT2) * (7200 / 2.54);
  for (let size = 0; size <= 6 && !name; size++, long /= Math.SQRT2) if (either(long / Math.SQRT2, long, 1)) name = ` (A${size})`;
  return `${points(width)} x ${points(height)} pts${name}`;
}

/**
 * The text of every page, in the order the page draws it (as `pdftotext -raw` reads it): pdf.js's
 * text items, a space where it sees a gap between them and a line end where a line ends.
 */
export function pageTexts(pdf: PdfSource): Promise<string[]> {
  return withPdfjs(pdf, async (document) => {
    const pages: string[] = [];
    for (let number = 1; number <= document.numPages; number++) {
      const { items } = await (await document.getPage(number)).getTextContent();
      pages.push(items.map((item) => ('str' in item ? `${item.str}${item.hasEOL ? '\n' : ''}` : '')).join(''));
    }
    return pages;
  });
}

/** The text items of a page as pdf.js reads them: each run of text and its width in points. */
export function textRuns(pdf: PdfSource, pageNumber: number): Promise<Array<{ text: string; width: number }>> {
  return withPdfjs(pdf, async (document) => {
    const { items } = await (await document.getPage(pageNumber)).getTextContent();
    return items.flatMap((item) => ('str' in item ? [{ text: item.str, width: item.width }] : []));
  });
}

export interface OutlineEntry {
  title: string;
  items: OutlineEntry[];
}

/** The bookmarks, as a tree of titles (empty when there are none). */
export function outline(pdf: PdfSource): Promise<OutlineEntry[]> {
  type Node = { title: string; items: Node[] };
  const tree = (nodes: Node[]): OutlineEntry[] => nodes.map((node) => ({ title: node.title, items: tree(node.items) }));
  return withPdfjs(pdf, async (document) => tree((await document.getOutline()) ?? []));
}

export interface PdfFont {
  /** `/BaseFont`, with its subset tag: `AAAAAA+NotoSerif-Regular`. */
  name: string;
  /** `/Subtype`, and the descendant's for a composite font: `Type0/CIDFontType2`. */
  type: string;
  /** Its font program is in the file (`/FontFile`, `/FontFile2` or `/FontFile3`). */
  embedded: boolean;
  /** Its name carries a subset tag: six capital letters and `+`. */
  subset: boolean;
  /** It has a `/ToUnicode` map, so its text can be copied and searched. */
  unicode: boolean;
}

/** Every font the pages use, once each, as `pdffonts` lists them. */
export async function fonts(pdf: PdfSource): Promise<PdfFont[]> {
  const document = await loadObjects(pdf);
  const { context } = document;
  const seen = new Set<PDFObject>();
  const found: PdfFont[] = [];
  const dictOf = (value: PDFObject | undefined): PDFDict | undefined => {
    const object = value instanceof PDFRef ? context.lookup(value) : value;
    return object instanceof PDFDict ? object : object instanceof PDFStream ? object.dict : undefined;
  };
  const visit = (value: PDFObject | undefined): boolean => {
    if (value === undefined || seen.has(value)) return false;
    seen.add(value);
    return true;
  };
  const font = (value: PDFObject | undefined) => {
    const dict = dictOf(value);
    if (!dict || !visit(value instanceof PDFRef ? value : dict)) return;
    const name = dict.lookup(PDFName.of('BaseFont'))?.toString().replace(/^\//, '') ?? '[none]';
    const subtype = dict.lookup(PDFName.of('Subtype'))?.toString().replace(/^\//, '') ?? '';
    const descendant = dictOf(dict.lookupMaybe(PDFName.of('DescendantFonts'), PDFArray)?.get(0));
    const descriptor = dictOf((descendant ?? dict).get(PDFName.of('FontDescriptor')));
    const descendantType = descendant?.lookup(PDFName.of('Subtype'))?.toString().replace(/^\//, '');
    found.push({
      name,
      type: descendantType ? `${subtype}/${descendantType}` : subtype,
      embedded: ['FontFile', 'FontFile2', 'FontFile3'].some((key) => descriptor?.has(PDFName.of(key)) ?? false),
      subset: /^[A-Z]{6}\+/.test(name),
      unicode: dict.has(PDFName.of('ToUnicode')),
    });
    if (subtype === 'Type3') resources(dict.get(PDFName.of('Resources')));
  };
  const resources = (value: PDFObject | undefined) => {
    const dict = dictOf(value);
    if (!dict || !visit(value instanceof PDFRef ? value : dict)) return;
    const each = (key: string, use: (entry: PDFObject | undefined) => void) => {
      const group = dictOf(dict.get(PDFName.of(key)));
      for (const [, entry] of group?.entries() ?? []) use(entry);
    };
    each('Font', font);
    // Forms, tiling patterns and their kin carry resources of their own.
    const nested = (entry: PDFObject | undefined) => resources(dictOf(entry)?.get(PDFName.of('Resources')));
    each('XObject', nested);
    each('Pattern', nested);
  };
  for (const page of document.getPages()) {
    resources(page.node.Resources());
    for (const annotation of page.node.Annots()?.asArray() ?? []) {
      for (const [, appearance] of dictOf(dictOf(annotation)?.get(PDFName.of('AP')))?.entries() ?? []) {
        // An appearance is a form, or a dictionary of forms by state.
        const form = context.lookup(appearance);
        if (form instanceof PDFStream) resources(form.dict.get(PDFName.of('Resources')));
        else if (form instanceof PDFDict) for (const [, state] of form.entries()) resources(dictOf(state)?.get(PDFName.of('Resources')));
      }
    }
  }
  return found;
}

/** The URI of every link annotation, page by page. */
export async function linkUris(pdf: PdfSource): Promise<string[]> {
  const document = await loadObjects(pdf);
  const uris: string[] = [];
  for (const page of document.getPages()) {
    const annotations = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
    for (const annotation of annotations?.asArray() ?? []) {
      const action = document.context.lookupMaybe(annotation, PDFDict)?.lookupMaybe(PDFName.of('A'), PDFDict);
      const uri = action?.lookupMaybe(PDFName.of('URI'), PDFString, PDFHexString);
      if (uri) uris.push(uri.decodeText());
    }
  }
  return uris;
}

/**
 * Every object of the PDF written out uncompressed, as Latin-1 text (what `qpdf --qdf
 * --object-streams=disable` shows): the trailer, each object as PDF syntax, each stream's data
 * decoded (or as stored, when its filter is an image codec), and every string also decoded (a
 * UTF-16 string shows its text, not only its hex digits).
 */
export async function uncompressedText(pdf: PdfSource): Promise<string> {
  const document = await loadObjects(pdf);
  const { context } = document;
  const parts: string[] = [];
  const strings = (value: PDFObject | undefined): void => {
    const text = textOf(value);
    if (text !== undefined) parts.push(text);
    else if (value instanceof PDFArray) value.asArray().forEach(strings);
    else if (value instanceof PDFDict) for (const [, entry] of value.entries()) strings(entry);
    else if (value instanceof PDFStream) strings(value.dict);
  };
  const { Root, Info, ID } = context.trailerInfo;
  parts.push(`trailer << /Root ${String(Root)} /Info ${String(Info)} /ID ${String(ID)} >>`);
  strings(ID);
  for (const [ref, object] of context.enumerateIndirectObjects()) {
    parts.push(`${ref.toString().replace(/ R$/, '')} obj`);
    if (object instanceof PDFRawStream) {
      parts.push(object.dict.toString(), 'stream');
      let data: Uint8Array;
      try {
        data = decodePDFRawStream(object).decode();
      } catch {
        data = object.contents; // DCTDecode, JPXDecode and the like: qpdf leaves those as they are too
      }
      parts.push(Buffer.from(data).toString('latin1'), 'endstream');
    } else {
      parts.push(object.toString());
    }
    strings(object);
    parts.push('endobj');
  }
  return parts.join('\n');
}

export interface GrayImage {
  width: number;
  height: number;
  /** One byte a pixel, row by row: 0 is black, 255 white. */
  pixels: Uint8Array;
}

/** A page (numbered from 1) rendered on white at `dpi`, in shades of gray (as `pdftoppm -gray -r dpi`). */
export function renderGray(pdf: PdfSource, pageNumber: number, dpi: number): Promise<GrayImage> {
  return withPdfjs(pdf, async (document) => {
    const { createCanvas } = await import('@napi-rs/canvas');
    const page = await document.getPage(pageNumber);
    const viewport = page.getViewport({ scale: dpi / 72 });
    const width = Math.ceil(viewport.width);
    const height = Math.ceil(viewport.height);
    const canvas = createCanvas(width, height);
    const context = canvas.getContext('2d');
    // pdf.js's types name the DOM's canvas; @napi-rs/canvas is the one it uses itself under Node.js.
    await page.render({ canvas: canvas as never, canvasContext: context as never, viewport, background: 'white' }).promise;
    const rgba = context.getImageData(0, 0, width, height).data;
    const pixels = new Uint8Array(width * height);
    for (let index = 0; index < pixels.length; index++) {
      pixels[index] = Math.round(0.299 * rgba[index * 4]! + 0.587 * rgba[index * 4 + 1]! + 0.114 * rgba[index * 4 + 2]!);
    }
    return { width, height, pixels };
  });
}

/**
 * How many raster images each page paints (pdf.js's paint-image operations), in page order: an
 * embedded PNG or JPEG figure is one. An SVG image prints as vector paths, not as an image.
 */
export function imageCounts(pdf: PdfSource): Promise<number[]> {
  return withPdfjs(pdf, async (document) => {
    const painting = new Set<number>([OPS.paintImageXObject, OPS.paintInlineImageXObject, OPS.paintImageMaskXObject, OPS.paintImageXObjectRepeat]);
    const counts: number[] = [];
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number);
      const operators = await page.getOperatorList();
      counts.push(operators.fnArray.filter((operation) => painting.has(operation)).length);
    }
    return counts;
  });
}
