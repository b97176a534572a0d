import type { VFile } from 'vfile';
import { report } from '../diagnostics/report.js';
import type { DateSource } from '../manifest/build-manifest.js';
import { BrowserMissingError } from '../pdf/find-browser.js';
import { finishPdf, type PdfMetadata } from '../pdf/pdf-metadata.js';
import { PrintError, type Printer } from '../pdf/print-pdf.js';
import type { ResolvedPaper } from './resolve.js';
import { datedSources, sourceDate } from '../manifest/source-date.js';

/** What goes into the PDF besides Chromium's print of the HTML, and where its date came from. */
export interface PdfPlan {
  metadata: PdfMetadata;
  dateSource: DateSource;
}

/**
 * The document information, the date (from the sources, never the clock) and the content the ID is
 * made from. `inputs` are every file the build read (the manifest's inputs).
 */
export async function planPdf(html: string, paper: ResolvedPaper, root: string, inputs: string[]): Promise<PdfPlan> {
  const { meta } = paper;
  const dated = await sourceDate(meta, root, datedSources(root, inputs));
  return {
    metadata: {
      title: meta.title,
      author: meta.authors.map((author) => author.name),
      subject: meta.subject,
      keywords: meta.keywords,
      date: dated.date,
      language: meta.lang ?? 'en',
      content: html,
    },
    dateSource: dated.source,
  };
}

/**
 * The print stage: the HTML (already on disk, in the staging folder) to PDF with the system
 * Chromium, then the document information, dates and ID set by pdf-lib. Returns undefined, with
 * the message on the manuscript, when the browser is missing or the print fails; resources the
 * page asked for from elsewhere (never fetched) are warnings.
 */
export async function printStage(printer: Printer, htmlPath: string, plan: PdfPlan, manuscript: VFile): Promise<Uint8Array | undefined> {
  try {
    const printed = await printer.print(htmlPath);
    for (const url of printed.blocked) report(manuscript, 'remote-resource', `The page asks for \`${url}\`, which is not part of the paper; it was not fetched`);
    return await finishPdf(printed.pdf, plan.metadata);
  } catch (error) {
    if (!isPrintFailure(error)) throw error;
    reportPrintFailure(manuscript, error);
    return undefined;
  }
}

export function isPrintFailure(error: unknown): error is PrintError | BrowserMissingError {
  return error instanceof PrintError || error instanceof BrowserMissingError;
}

export function reportPrintFailure(file: VFile, error: PrintError | BrowserMissingError): void {
  report(file, 'pdf-print', error instanceof BrowserMissingError ? `Cannot print the PDF: ${error.message}` : error.message);
}
