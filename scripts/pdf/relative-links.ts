import { PDFArray, PDFDict, PDFHexString, PDFName, PDFString, type PDFDocument, type PDFObject } from 'pdf-lib';

/**
 * Chromium writes every link of a printed page as an absolute URL: a relative `href`
 * (`data/file.csv`, `../other.html`) becomes `file:///home/…/build/.staging-Xy12Ab/data/file.csv`,
 * resolved against where the HTML was when it was printed. That put the build's random staging
 * folder into the PDF (two builds of the same sources differed, `paper verify` failed) and the
 * user's folders too, and pointed at a folder removed a second later. Each such link is put back
 * as the paper wrote it, a reference relative to the PDF, as it is in the HTML beside it.
 */

/** A link of the page: the URL Chromium resolved it to, and the relative reference it was written as. */
export interface RelativeLink {
  resolved: string;
  written: string;
}

/** Whether an `href` is a relative reference (`data/x.csv`, `../x.html`, `#x`, `/x`): one without a scheme. */
export function isRelativeReference(href: string): boolean {
  return !/^[a-z][a-z\d+.-]*:/i.test(href.trim());
}

/** Rewrite the URI actions of `document` that are a resolved relative link back to the link as written. */
export function restoreRelativeLinks(document: PDFDocument, links: readonly RelativeLink[]): void {
  const written = new Map(links.map((link) => [link.resolved, link.written]));
  if (written.size === 0) return;
  const seen = new Set<PDFObject>();
  const visit = (value: PDFObject | undefined): void => {
    if (value === undefined || seen.has(value)) return;
    seen.add(value);
    if (value instanceof PDFArray) {
      for (const inner of value.asArray()) visit(inner);
      return;
    }
    if (!(value instanceof PDFDict)) return;
    const uri = value.get(PDFName.of('URI'));
    if (value.get(PDFName.of('S')) === PDFName.of('URI') && (uri instanceof PDFString || uri instanceof PDFHexString)) {
      const reference = written.get(uri.decodeText());
      if (reference !== undefined) value.set(PDFName.of('URI'), PDFString.of(asUriText(reference)));
    }
    for (const [, inner] of value.entries()) visit(inner);
  };
  for (const [, object] of document.context.enumerateIndirectObjects()) visit(object);
}

/**
 * The reference as the text of a PDF literal string: a URI in a PDF is ASCII, so characters outside
 * it (a space, `é` in a raw HTML link) are percent-encoded, as a browser would; and pdf-lib writes a
 * literal string as it is given, so backslashes and parentheses are escaped here.
 */
function asUriText(reference: string): string {
  return reference.replace(/[^\x21-\x7e]+/g, (characters) => encodeURIComponent(characters)).replace(/[\\()]/g, (character) => `\\${character}`);
}
