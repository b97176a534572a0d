import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { VFile } from 'vfile';
import { statistics } from 'vfile-statistics';
import { hasErrors, report } from '../diagnostics/report.js';
import { configFileName } from './project-config.js';
import { manifestName, readManifest, serializeManifest, type BrowserIdentity, type BuildManifest } from '../manifest/build-manifest.js';
import { makeManifest, pdfKey } from '../manifest/make-manifest.js';
import { sha256 } from '../manifest/sha256.js';
import { toolIdentity } from '../manifest/tool-versions.js';
import { requestedOptions } from '../manifest/up-to-date.js';
import type { Printer } from '../pdf/print-pdf.js';
import { check, type CheckOptions, type CheckResult } from './check.js';
import type { LoadedManuscript } from './load.js';
import { fontSubsetCache, loadFontFiles } from './load-fonts.js';
import { loadStyle, type LoadedStyle } from './load-style.js';
import { isPrintFailure, planPdf, printStage, reportPrintFailure } from './print.js';
import { packageRoot } from '../source/package-root.js';
import { renderPaper } from './render.js';
import type { ResolvedPaper } from './resolve.js';
import type { StageCache } from '../source/stage-cache.js';
import { onForcedExit } from '../source/forced-exit.js';
import { OutputLockedError } from './output-lock.js';
import { Staging } from './write.js';

export { check, type CheckOptions, type CheckResult } from './check.js';

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
  /** Print the PDF even when the last build's would do. */
  force?: boolean | undefined;
  /** Aborted when the command is interrupted: the browser is killed and nothing is placed. */
  signal?: AbortSignal | undefined;
}

export interface BuildResult extends CheckResult {
  /** The files written, when the build succeeded. */
  outputs: string[];
  /** Set when the build stopped because `signal` was aborted; nothing was written. */
  interrupted?: true;
}

/** The style sheet every paper is rendered with. */
export const stylesheetPath = () => join(packageRoot(), 'styles', 'paper.css');

/**
 * `paper build`: the checks, then render → print → write. Nothing is written when any check finds
 * an error, and the outputs replace the previous ones only when all of them were made. The
 * outputs are `paper.html`, `paper.pdf` and `manifest.json` (what they were made from and with).
 */
export async function build(options: BuildOptions): Promise<BuildResult> {
  const stage = stageClock(options.onStage);
  const checked = await check(options);
  stage('check');
  const { paper, manuscript } = checked;
  const failed = (files = checked.files): BuildResult => ({ ...checked, files, outputs: [] });
  if (options.signal?.aborted) return { ...failed(), interrupted: true };
  if (!paper || !manuscript || hasErrors(checked.files)) return failed();
  // The browser starts now and comes up while the paper renders; it is closed whatever happens.
  const printer = options.pdf ? (await import('../pdf/print-pdf.js')).startPrinter({ signal: options.signal }) : undefined;
  const unregister = printer ? onForcedExit(printer.kill) : undefined;
  try {
    const result = await renderAndWrite(options, checked, paper, manuscript, printer, stage);
    return options.signal?.aborted && result.outputs.length === 0 ? { ...result, interrupted: true } : result;
  } catch (error) {
    if (!(error instanceof OutputLockedError)) throw error;
    report(paper.file, 'output-locked', error.message);
    return failed();
  } finally {
    await printer?.close();
    unregister?.();
  }
}

async function renderAndWrite(
  options: BuildOptions,
  checked: CheckResult,
  paper: ResolvedPaper,
  manuscript: LoadedManuscript,
  printer: Printer | undefined,
  stage: (name: StageName, note?: string) => void,
): Promise<BuildResult> {
  const failed = (files = checked.files): BuildResult => ({ ...checked, files, outputs: [] });
  const rendered = await renderHtml(options, checked, paper, manuscript);
  if ('failed' in rendered) return failed(rendered.failed);
  const { html, style } = rendered;
  stage('render');
  const root = manuscript.location.root;
  const out = resolve(options.cwd, options.out ?? join(root, 'build'));
  const previous = await readManifest(out);
  if (options.signal?.aborted) return failed();
  const staging = await Staging.open(out);
  try {
    const outputs: Array<{ name: string; data: string | Uint8Array }> = [{ name: 'paper.html', data: html }];
    const htmlPath = await staging.write('paper.html', html);
    const inputs = inputsOf(checked.files, style, root);
    const tool = await toolIdentity();
    let pdfFacts: Parameters<typeof makeManifest>[0]['pdf'];
    if (printer) {
      const plan = await planPdf(html, paper, root, inputs);
      const browser = await browserOf(printer, paper);
      if (!browser) return failed();
      const key = pdfKey(html, { ...plan.metadata, date: plan.metadata.date.toISOString() }, browser.version, tool.bundle);
      const kept = options.force ? undefined : await keptPdf(previous, out, key);
      const pdf = kept ?? (await printStage(printer, htmlPath, plan, paper.file));
      if (pdf === undefined) return failed();
      stage('print', kept ? 'the HTML and its metadata are unchanged: the last PDF is kept' : undefined);
      await staging.write('paper.pdf', pdf);
      outputs.push({ name: 'paper.pdf', data: pdf });
      pdfFacts = { key, date: plan.metadata.date, dateSource: plan.dateSource, browser };
    }
    const manifest = await makeManifest({
      root,
      tool,
      inputs,
      messages: statistics(checked.files),
      outputs,
      options: requestedOptions(options, root),
      pdf: pdfFacts,
    });
    await staging.write(manifestName, serializeManifest(manifest));
    // The manifest goes last: a reader never sees a manifest naming outputs not yet in place.
    const placed = await staging.commit([...outputs.map((output) => output.name), manifestName], () => !options.signal?.aborted);
    stage('write');
    return { ...checked, outputs: placed };
  } finally {
    await staging.dispose();
  }
}

/** The printing browser's identity, or undefined (with the message on the manuscript) when it cannot start. */
async function browserOf(printer: Printer, paper: ResolvedPaper): Promise<BrowserIdentity | undefined> {
  try {
    return await printer.identity();
  } catch (error) {
    if (!isPrintFailure(error)) throw error;
    reportPrintFailure(paper.file, error);
    return undefined;
  }
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
): Promise<{ html: string; style: LoadedStyle } | { failed: VFile[] }> {
  const citeproc = await import('../bibliography/citeproc.js');
  const builtins = { names: citeproc.builtinStyleNames, get: citeproc.builtinStyle };
  const style = await loadStyle(manuscript, paper.meta, options.style, options.cwd, builtins);
  if ('failed' in style) return { failed: [...checked.files, style.failed].filter(unique) };
  if (options.paperSize) paper.meta.paperSize = options.paperSize;
  const css = await readFile(stylesheetPath(), 'utf8');
  const html = await renderPaper({ paper, style, css, fonts: await (cache ? cache.remember('font-files', 'shipped', loadFontFiles) : loadFontFiles()), fontCache: fontSubsetCache(), cache });
  if (html === undefined) return { failed: [...checked.files, style.file].filter(unique) };
  return { html, style };
}

/** Every file the build read, and the project configuration it looked for (absent is a fact too). */
export function inputsOf(files: VFile[], style: LoadedStyle, root: string): string[] {
  const paths = [...files, style.file].map((file) => file.path).filter((path): path is string => Boolean(path));
  return [...paths, join(root, configFileName), stylesheetPath()];
}

/** The last build's PDF, when it was printed from the same HTML, metadata and browser and is still there unchanged. */
async function keptPdf(previous: BuildManifest | undefined, out: string, key: string): Promise<Uint8Array | undefined> {
  if (previous?.pdf?.key !== key) return undefined;
  const recorded = previous.outputs.find((output) => output.path === 'paper.pdf');
  const bytes = await readFile(join(out, 'paper.pdf')).catch(() => undefined);
  if (!recorded || !bytes || sha256(bytes) !== recorded.sha256) return undefined;
  return new Uint8Array(bytes);
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
