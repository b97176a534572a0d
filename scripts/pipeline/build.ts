import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { VFile } from 'vfile';
import { hasErrors, report } from '../diagnostics/report.js';
import type { Printer } from '../pdf/print-pdf.js';
import { check, type CheckOptions, type CheckResult } from './check.js';
import type { LoadedManuscript } from './load.js';
import type { ResolvedPaper } from './resolve.js';
import { fontSubsetCache, loadFontFiles } from './load-fonts.js';
import { loadStyle } from './load-style.js';
import { printStage } from './print.js';
import { packageRoot } from './package-root.js';
import { renderPaper } from './render.js';
import { onForcedExit } from './forced-exit.js';
import { OutputLockedError } from './output-lock.js';
import { Staging } from './staging.js';

export { check, type CheckOptions, type CheckResult } from './check.js';

export interface BuildOptions extends CheckOptions {
  /** Output folder; `build/` in the paper folder when absent. */
  out?: string | undefined;
  pdf: boolean;
  style?: string | undefined;
  /** Overrides the front matter's `papersize`. */
  paperSize?: 'a4' | 'letter' | undefined;
  /** Aborted when the command is interrupted: the browser is killed and nothing is placed. */
  signal?: AbortSignal | undefined;
}

export interface BuildResult extends CheckResult {
  /** The files written, when the build succeeded. */
  outputs: string[];
  /** Set when the build stopped because `signal` was aborted; nothing was written. */
  interrupted?: true;
}

/**
 * `paper build`: the checks, then render → print → write. Nothing is written when any check finds
 * an error, and the outputs replace the previous ones only when all of them were made.
 */
export async function build(options: BuildOptions): Promise<BuildResult> {
  const checked = await check(options);
  const { paper, manuscript } = checked;
  const failed = (files = checked.files): BuildResult => ({ ...checked, files, outputs: [] });
  if (options.signal?.aborted) return { ...failed(), interrupted: true };
  if (!paper || !manuscript || hasErrors(checked.files)) return failed();
  // The browser starts now and comes up while the paper renders; it is closed whatever happens.
  const printer = options.pdf ? (await import('../pdf/print-pdf.js')).startPrinter({ signal: options.signal }) : undefined;
  const unregister = printer ? onForcedExit(printer.kill) : undefined;
  try {
    const result = await renderAndWrite(options, checked, paper, manuscript, printer);
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

async function renderAndWrite(options: BuildOptions, checked: CheckResult, paper: ResolvedPaper, manuscript: LoadedManuscript, printer: Printer | undefined): Promise<BuildResult> {
  const failed = (files = checked.files): BuildResult => ({ ...checked, files, outputs: [] });
  const citeproc = await import('../bibliography/citeproc.js');
  const builtins = { names: citeproc.builtinStyleNames, get: citeproc.builtinStyle };
  const style = await loadStyle(manuscript, paper.meta, options.style, options.cwd, builtins);
  if ('failed' in style) return failed([...checked.files, style.failed].filter(unique));
  if (options.paperSize) paper.meta.paperSize = options.paperSize;
  const css = await readFile(join(packageRoot(), 'styles', 'paper.css'), 'utf8');
  const html = await renderPaper({ paper, style, css, fonts: await loadFontFiles(), fontCache: fontSubsetCache() });
  if (html === undefined) return failed([...checked.files, style.file].filter(unique));
  const out = resolve(options.cwd, options.out ?? join(manuscript.location.root, 'build'));
  if (options.signal?.aborted) return failed();
  const staging = await Staging.open(out);
  try {
    const names = ['paper.html'];
    const htmlPath = await staging.write('paper.html', html);
    if (printer) {
      const pdf = await printStage(printer, htmlPath, html, paper, manuscript.location.root, checked.files);
      if (pdf === undefined) return failed();
      await staging.write('paper.pdf', pdf);
      names.push('paper.pdf');
    }
    return { ...checked, outputs: await staging.commit(names, () => !options.signal?.aborted) };
  } finally {
    await staging.dispose();
  }
}

function unique<T>(value: T, index: number, all: T[]): boolean {
  return all.indexOf(value) === index;
}
