import { PDFArray, PDFDict, PDFHexString, PDFString, type PDFDocument, type PDFObject } from 'pdf-lib';

/** How Chromium names a structure element: after its DOM node's id, a counter of the browser process. */
const chromiumId = /^node\d{8}$/;

/**
 * In a tagged PDF Chromium gives table header cells an id (named in the /IDTree, and in the
 * /Headers of the data cells) made from the DOM node's id, and those ids come from a counter that
 * anything the browser did before (a relayout, a DevTools call) moves on: two prints of the same
 * HTML differed in these names alone, by a shift (found by `paper verify`). Renaming them by rank
 * (node00000001, node00000002, … in the order of the old names) makes them a function of the
 * page; the order is kept, so the /IDTree stays sorted.
 */
export function stabilizeStructureIds(document: PDFDocument): void {
  const names = new Set<string>();
  const places: Array<{ text: string; replace: (value: PDFString) => void }> = [];
  const seen = new Set<PDFObject>();
  const visit = (value: PDFObject, replace: ((value: PDFString) => void) | undefined): void => {
    if (value instanceof PDFString || value instanceof PDFHexString) {
      const text = value.decodeText();
      if (replace && chromiumId.test(text)) {
        names.add(text);
        places.push({ text, replace });
      }
      return;
    }
    if (seen.has(value)) return;
    seen.add(value);
    if (value instanceof PDFDict) for (const [key, inner] of value.entries()) visit(inner, (renamed) => value.set(key, renamed));
    else if (value instanceof PDFArray) value.asArray().forEach((inner, index) => visit(inner, (renamed) => value.set(index, renamed)));
  };
  for (const [, object] of document.context.enumerateIndirectObjects()) visit(object, undefined);
  const ranked = new Map([...names].sort().map((name, index) => [name, `node${String(index + 1).padStart(8, '0')}`]));
  for (const { text, replace } of places) replace(PDFString.of(ranked.get(text) ?? text));
}
