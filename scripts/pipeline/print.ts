import { readFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { VFile } from 'vfile';
import { report } from '../diagnostics/report.js';
import type { BuildManifest, DateSource } from '../manifest/build-manifest.js';
import { pdfKey } from '../manifest/make-manifest.js';
import { sha256 } from '../manifest/sha256.js';
import { datedSources, sourceDate } from '../manifest/source-date.js';
import { BrowserMissingError, type BrowserIdentity } from '../pdf/find-browser.js';
import { smartMeta } from '../html/smart-punctuation.js';
import { finishPdf, type PdfMetadata } from '../pdf/pdf-metadata.js';
import { PrintError, type Printer } from '../pdf/print-pdf.js';
import type { ResolvedPaper } from './resolve.js';

/** What goes into the PDF besides Chromium's print of the HTML, and where its date came from. */
export interface PdfPlan {
  metadata: PdfMetadata;
  dateSource: DateSource;
}

/** A build's PDF and what the manifest records of it. */
export interface PrintedPaper {
  pdf: Uint8Array;
  facts: { key: string; date: Date; dateSource: DateSource; browser: BrowserIdentity };
  /** True when the last build's PDF was kept instead of printed again. */
  kept: boolean;
}

export interface PrintInputs {
  printer: Printer;
  /** The HTML, and where it is on disk (in the staging folder: the browser loads it from there). */
  html: string;
  htmlPath: string;
  paper: ResolvedPaper;
  root: string;
  /** Every file the build read (the manifest's inputs): the PDF's date comes from their history. */
  inputs: string[];
  /** The last build in the output folder, whose PDF may be kept. */
  previous: { manifest: BuildManifest | undefined; out: string };
  /** The pipeline's code hash: a changed pipeline prints again. */
  pipeline: string | null;
  /** Print even when the last build's PDF would do. */
  force: boolean;
}

/**
 * The print stage of a build: the HTML to PDF, or the last build's PDF when it was printed from
 * the same HTML, metadata, date, browser and pipeline and is still there unchanged. Undefined,
 * with the message on the manuscript, when the browser is missing or the print fails.
 */
export async function printPaper(inputs: PrintInputs): Promise<PrintedPaper | undefined> {
  const { paper } = inputs;
  const plan = await planPdf(inputs.html, paper, inputs.root, inputs.inputs);
  const browser = await browserOf(inputs.printer, paper.file);
  if (!browser) return undefined;
  const key = pdfKey(inputs.html, { ...plan.metadata, date: plan.metadata.date.toISOString() }, browser, inputs.pipeline);
  const facts = { key, date: plan.metadata.date, dateSource: plan.dateSource, browser };
  const kept = inputs.force ? undefined : await keptPdf(inputs.previous.manifest, inputs.previous.out, key);
  if (kept) return { pdf: kept, facts, kept: true };
  const pdf = await printStage(inputs.printer, inputs.htmlPath, plan, paper.file);
  return pdf && { pdf, facts, kept: false };
}

/**
 * The document information, the date (from the sources, never the clock) and the content the ID is
 * made from. `inputs` are every file the build read (the manifest's inputs).
 */
export async function planPdf(html: string, paper: ResolvedPaper, root: string, inputs: string[]): Promise<PdfPlan> {
  const dated = await sourceDate(paper.meta, root, datedSources(root, inputs));
  // Title and authors as the page shows them (`smart`).
  const meta = smartMeta(paper.meta);
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
 * The HTML (already on disk) to PDF with the browser, then the document information, dates and ID
 * set by pdf-lib. Undefined, with the message on the manuscript, when the browser is missing or
 * the print fails; resources the page asked for from elsewhere (never fetched) are warnings.
 */
export async function printStage(printer: Printer, htmlPath: string, plan: PdfPlan, manuscript: VFile): Promise<Uint8Array | undefined> {
  try {
    const printed = await printer.print(htmlPath);
    for (const url of printed.blocked) report(manuscript, 'remote-resource', blockedReason(url, htmlPath));
    return await finishPdf(printed.pdf, plan.metadata, printed.relativeLinks);
  } catch (error) {
    if (!isPrintFailure(error)) throw error;
    reportPrintFailure(manuscript, error);
    return undefined;
  }
}

/**
 * Why a resource the page asked for is missing from the PDF. A local file (written relative to the
 * manuscript, so the browser looked for it beside the staged HTML) is one the paper does not embed:
 * images in the manuscript's Markdown are embedded, images elsewhere (raw HTML, table cells) not yet.
 */
function blockedReason(url: string, htmlPath: string): string {
  if (!url.startsWith('file:')) return `The page asks for \`${url}\`, which is not part of the paper; it was not fetched`;
  let written = url;
  try {
    written = relative(dirname(htmlPath), fileURLToPath(url)).split(sep).join('/');
  } catch {
    // Not a path of this machine: named as the browser asked for it.
  }
  return `The page asks for the local file \`${written}\`, which is not embedded (only images written in the manuscript's Markdown are); it was left out`;
}

/** The printing browser's identity, or undefined (with the message on the manuscript) when it cannot start. */
async function browserOf(printer: Printer, manuscript: VFile): Promise<BrowserIdentity | undefined> {
  try {
    return await printer.identity();
  } catch (error) {
    if (!isPrintFailure(error)) throw error;
    reportPrintFailure(manuscript, error);
    return undefined;
  }
}

/** The last build's PDF, when it was printed from the same HTML, metadata and browser and is still there unchanged. */
async function keptPdf(previous: BuildManifest | undefined, out: string, key: string): Promise<Uint8Array | undefined> {
  if (previous?.pdf?.key !== key) return undefined;
  const recorded = previous.outputs.find((output) => output.path === 'paper.pdf');
  const bytes = await readFile(join(out, 'paper.pdf')).catch(() => undefined);
  if (!recorded || !bytes || sha256(bytes) !== recorded.sha256) return undefined;
  return new Uint8Array(bytes);
}

function isPrintFailure(error: unknown): error is PrintError | BrowserMissingError {
  return error instanceof PrintError || error instanceof BrowserMissingError;
}

function reportPrintFailure(file: VFile, error: PrintError | BrowserMissingError): void {
  report(file, 'pdf-print', error instanceof BrowserMissingError ? `Cannot print the PDF: ${error.message}` : error.message);
}
