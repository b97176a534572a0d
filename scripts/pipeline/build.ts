import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { VFile } from 'vfile';
import { statistics } from 'vfile-statistics';
import { applySeverities, hasErrors, report } from '../diagnostics/report.js';
import { outputNames, placingName, readManifest, type BuildManifest } from '../manifest/build-manifest.js';
import { toolIdentity } from '../manifest/tool-versions.js';
import { outputFolderOf, requestedOptions, upToDate } from '../manifest/up-to-date.js';
import type { Printer } from '../pdf/print-pdf.js';
import { diskCache } from '../source/disk-cache.js';
import { onForcedExit } from '../source/forced-exit.js';
import { locatePaper } from '../source/paper-location.js';
import type { StageCache } from '../source/stage-cache.js';
import type { CheckOptions, CheckResult } from './check.js';
import type { FeatureStylesheet, LoadedManuscript, LoadedStyle } from './load.js';
import type { PrintedPaper } from './print.js';
import type { ResolvedPaper } from './resolve.js';

/**
 * `paper build`: the stages in order, load → parse → resolve → check (`check()`, in check.ts),
 * then render → print → write. The stages' modules, the CSL engine and the browser are imported
 * when a build reaches them, so a build with nothing to do loads only the manifest code that says
 * so.
 */

export type StageName = 'check' | 'render' | 'print' | 'write';

export interface BuildOptions extends CheckOptions {
  /** Output folder; `build/` in the paper folder when absent. */
  out?: string | undefined;
  pdf: boolean;
  style?: string | undefined;
  /** Overrides the front matter's `papersize`. */
  paperSize?: 'a4' | 'letter' | undefined;
  /** Told when each stage ends, with its wall time and a note (such as a PDF kept from the last build). */
  onStage?: ((stage: StageName, milliseconds: number, note?: string) => void) | undefined;
  /** Build even when nothing changed, and print the PDF even when the last build's would do. */
  force?: boolean | undefined;
  /** Aborted when the command is interrupted: the browser is killed and nothing is placed. */
  signal?: AbortSignal | undefined;
}

export interface BuildResult extends CheckResult {
  /** The files written, when the build succeeded. */
  outputs: string[];
  /** Set when the build stopped because `signal` was aborted; nothing was written. */
  interrupted?: true;
  /** Set when no input, option or tool changed since the last build, which is left as it is. */
  upToDate?: { out: string; manifest: BuildManifest };
}

/**
 * `paper build`: nothing when the last build is up to date; else the checks, then render → print
 * → write. Nothing is written when any check finds an error, and the outputs replace the previous
 * ones only when all of them were made. The outputs are `paper.html`, `paper.pdf` and
 * `manifest.json` (what they were made from and with).
 */
export async function build(options: BuildOptions): Promise<BuildResult> {
  // A build killed while placing its outputs left the rest waiting: placed before anything reads the folder.
  // Should that fail, the write stage meets the same problem and reports it.
  await finishPlacement(outputFolderOf(options, (await locatePaper(options.path, options.cwd)).root), options.cwd).catch(() => undefined);
  // Nothing changed since the last build: hashing says so, and nothing is read, parsed or printed.
  const current = options.force ? undefined : await upToDate(options);
  if (current) return { files: [], paper: undefined, manuscript: undefined, outputs: [], upToDate: current };
  const stage = stageClock(options.onStage);
  const checked = await (await import('./check.js')).check(options);
  stage('check');
  const { paper, manuscript } = checked;
  const failed = (files = checked.files): BuildResult => ({ ...checked, files, outputs: [] });
  if (options.signal?.aborted) return { ...failed(), interrupted: true };
  if (!paper || !manuscript || hasErrors(checked.files)) return failed();
  // The browser starts now and comes up while the paper renders; it is closed whatever happens.
  const printer = options.pdf ? (await import('../pdf/print-pdf.js')).startPrinter({ signal: options.signal, browser: checked.browser }) : undefined;
  const unregister = printer ? onForcedExit(printer.kill) : undefined;
  try {
    const rendered = await renderHtml(options, checked, paper, manuscript);
    if ('failed' in rendered) return failed(rendered.failed);
    stage('render');
    const result = await printAndWrite(options, checked, { paper, manuscript, ...rendered }, printer, stage);
    return options.signal?.aborted && result.outputs.length === 0 ? { ...result, interrupted: true } : result;
  } catch (error) {
    const { OutputFolderError, OutputLockedError } = await import('./write.js');
    if (error instanceof OutputLockedError) report(paper.file, 'output-locked', error.message);
    else if (error instanceof OutputFolderError) report(paper.file, 'output-write', error.message);
    else throw error;
    applySeverities(checked.files, checked.severities ?? {});
    return failed();
  } finally {
    await printer?.close();
    unregister?.();
  }
}

/**
 * Move into `out` what a build killed while placing its outputs there left waiting (see write.ts),
 * so the folder holds one build's outputs before anything reads it. Costs one look when nothing waits.
 */
export async function finishPlacement(out: string, cwd: string): Promise<void> {
  if (existsSync(join(out, placingName))) await (await import('./write.js')).placeLeftOutputs(out, cwd);
}

/**
 * The paper as one HTML string: the CSL style found and the paper rendered with it. On failure,
 * the files with the messages. `cache` keeps costly results between builds of a long-lived process.
 */
export async function renderHtml(
  options: Pick<BuildOptions, 'style' | 'paperSize' | 'cwd'>,
  checked: CheckResult,
  paper: ResolvedPaper,
  manuscript: LoadedManuscript,
  cache?: StageCache,
): Promise<{ html: string; style: LoadedStyle; stylesheets: FeatureStylesheet[] } | { failed: VFile[] }> {
  const [load, { renderPaper, stylesheetsOf }, citeproc] = await Promise.all([import('./load.js'), import('./render.js'), import('../bibliography/citeproc.js')]);
  const builtins = { names: citeproc.builtinStyleNames, get: citeproc.builtinStyle };
  const style = await load.loadStyle(manuscript, paper.meta, options.style, options.cwd, builtins);
  if ('failed' in style) {
    const files = [...checked.files, style.failed].filter(unique);
    applySeverities(files, checked.severities ?? {});
    return { failed: files };
  }
  if (options.paperSize) paper.meta.paperSize = options.paperSize;
  const stylesheets = stylesheetsOf(paper.tree);
  const css = await load.loadStylesheet(stylesheets);
  const fonts = await (cache ? cache.remember('font-files', 'shipped', load.loadFontFiles) : load.loadFontFiles());
  const html = await renderPaper({ paper, style, css, fonts, fontCache: diskCache('fonts'), cache });
  // The project's severities hold for what rendering reports too: a rule made an error stops here.
  const files = [...checked.files, style.file].filter(unique);
  applySeverities(files, checked.severities ?? {});
  if (html === undefined || hasErrors(files)) return { failed: files };
  return { html, style, stylesheets };
}

interface Rendered {
  paper: ResolvedPaper;
  manuscript: LoadedManuscript;
  html: string;
  style: LoadedStyle;
  /** The style sheets beyond `paper.css` the HTML was made with: inputs of this paper only. */
  stylesheets: FeatureStylesheet[];
}

/** Print (into the staging folder, where the HTML is) and write: the outputs placed, or none. */
async function printAndWrite(options: BuildOptions, checked: CheckResult, rendered: Rendered, printer: Printer | undefined, stage: (name: StageName, note?: string) => void): Promise<BuildResult> {
  // The print stage (and pdf-lib, 1 MB, which finishes the PDF) is loaded only by a build that prints.
  const [{ Staging, placeOutputs }, { inputsOf }, print] = await Promise.all([import('./write.js'), import('./load.js'), printer ? import('./print.js') : undefined]);
  const { paper, manuscript, html, style, stylesheets } = rendered;
  const failed = (): BuildResult => ({ ...checked, outputs: [] });
  const root = manuscript.location.root;
  const out = outputFolderOf(options, root);
  const previous = await readManifest(out);
  if (options.signal?.aborted) return failed();
  const staging = await Staging.open(out, options.cwd);
  try {
    const outputs: Array<{ name: string; data: string | Uint8Array }> = [{ name: outputNames.html, data: html }];
    const htmlPath = await staging.write(outputNames.html, html);
    const inputs = inputsOf(checked.files, style, root, { images: paper.images, stylesheets });
    const tool = await toolIdentity();
    let pdf: PrintedPaper | undefined;
    if (printer && print) {
      pdf = await print.printPaper({ printer, html, htmlPath, paper, root, inputs, previous: { manifest: previous, out }, pipeline: tool.bundle, force: options.force === true });
      // Printing reports too (a resource the page asked for, the browser's failure), under the project's severities.
      applySeverities(checked.files, checked.severities ?? {});
      if (!pdf || hasErrors(checked.files)) return failed();
      stage('print', pdf.kept ? 'the HTML and its metadata are unchanged: the last PDF is kept' : undefined);
      await staging.write(outputNames.pdf, pdf.pdf);
      outputs.push({ name: outputNames.pdf, data: pdf.pdf });
    }
    const facts = { root, tool, inputs, messages: statistics(checked.files), outputs, options: requestedOptions(options, root), pdf: pdf?.facts };
    const placed = await placeOutputs(staging, facts, () => !options.signal?.aborted);
    stage('write');
    return { ...checked, outputs: placed };
  } finally {
    await staging.dispose();
  }
}

/** Calls `onStage` with the time since the last stage ended. */
function stageClock(onStage: BuildOptions['onStage']): (name: StageName, note?: string) => void {
  let last = performance.now();
  return (name, note) => {
    const now = performance.now();
    onStage?.(name, now - last, note);
    last = now;
  };
}

function unique<T>(value: T, index: number, all: T[]): boolean {
  return all.indexOf(value) === index;
}
