import type { VFile } from 'vfile';
import { report } from '../diagnostics/report.js';
import { BrowserMissingError } from '../pdf/find-browser.js';
import { finishPdf } from '../pdf/pdf-metadata.js';
import { PrintError, type Printer } from '../pdf/print-pdf.js';
import type { ResolvedPaper } from './resolve.js';
import { sourceDate } from './source-date.js';

/**
 * The print stage: the HTML (already on disk, in the staging folder) to PDF with the system
 * Chromium, then the document information, dates and ID set by pdf-lib. Returns undefined, with
 * the message on the manuscript, when the browser is missing or the print fails; resources the
 * page asked for from elsewhere (never fetched) are warnings.
 */
export async function printStage(printer: Printer, htmlPath: string, html: string, paper: ResolvedPaper, root: string, sources: VFile[]): Promise<Uint8Array | undefined> {
  try {
    const printed = await printer.print(htmlPath);
    for (const url of printed.blocked) report(paper.file, 'remote-resource', `The page asks for \`${url}\`, which is not part of the paper; it was not fetched`);
    const { meta } = paper;
    const date = await sourceDate(meta, root, sources.map((file) => file.path).filter(Boolean));
    return await finishPdf(printed.pdf, {
      title: meta.title,
      author: meta.authors.map((author) => author.name),
      subject: meta.subject,
      keywords: meta.keywords,
      date,
      language: meta.lang ?? 'en',
      content: html,
    });
  } catch (error) {
    if (!(error instanceof PrintError || error instanceof BrowserMissingError)) throw error;
    report(paper.file, 'pdf-print', error instanceof BrowserMissingError ? `Cannot print the PDF: ${error.message}` : error.message);
    return undefined;
  }
}
