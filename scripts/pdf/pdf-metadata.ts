import { createHash } from 'node:crypto';
import { PDFDocument, PDFHexString } from 'pdf-lib';
import { restoreRelativeLinks, type RelativeLink } from './relative-links.js';
import { stabilizeStructureIds } from './stable-structure-ids.js';

export interface PdfMetadata {
  title: string;
  author: string[];
  subject?: string | undefined;
  keywords: string[];
  /** The document's date: creation and modification dates are both set to it. */
  date: Date;
  /** What the PDF was made from (the HTML): the document ID is its hash with the metadata's. */
  content: string | Uint8Array;
  language?: string | undefined;
}

/**
 * Post-process Chromium's PDF with pdf-lib: the document information from the front matter, the
 * dates from the sources (not from the clock), and a document ID computed from the content, so two
 * builds of the same sources give the same bytes. pdf-lib is told not to stamp its own producer
 * and dates on load (`updateMetadata: false`, pdf-lib#537); it copies every object, so the tag
 * structure (StructTreeRoot) and the outline Chromium wrote are kept (tested with pdfinfo). The
 * page's relative links, which Chromium resolved against the folder it printed from, are made
 * relative again, so the PDF does not depend on where it was printed.
 */
export async function finishPdf(pdf: Uint8Array, metadata: PdfMetadata, relativeLinks: readonly RelativeLink[] = []): Promise<Uint8Array> {
  const document = await PDFDocument.load(pdf, { updateMetadata: false });
  document.setTitle(metadata.title, { showInWindowTitleBar: true });
  document.setAuthor(metadata.author.join(', '));
  if (metadata.subject) document.setSubject(metadata.subject);
  // pdf-lib's setKeywords joins with spaces, which merges multi-word keywords; `; ` keeps them apart.
  if (metadata.keywords.length > 0) document.setKeywords([metadata.keywords.join('; ')]);
  document.setCreator('paper (unified, citation-js, Chromium)');
  document.setCreationDate(metadata.date);
  document.setModificationDate(metadata.date);
  if (metadata.language) document.setLanguage(metadata.language);
  stabilizeStructureIds(document);
  restoreRelativeLinks(document, relativeLinks);
  // The ID comes from the content: the HTML the PDF was printed from, and the metadata set here.
  const { content, ...described } = metadata;
  const digest = createHash('sha256').update(content).update(JSON.stringify(described)).digest('hex').slice(0, 32);
  document.context.trailerInfo.ID = document.context.obj([PDFHexString.of(digest), PDFHexString.of(digest)]);
  return document.save({ useObjectStreams: false });
}
