import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { VFile } from 'vfile';
import { hasErrors } from '../diagnostics/report.js';
import type { Printer } from '../pdf/print-pdf.js';
import { check, type CheckOptions, type CheckResult } from './check.js';
import type { LoadedManuscript } from './load.js';
import type { ResolvedPaper } from './resolve.js';
import { fontSubsetCache, loadFontFiles } from './load-fonts.js';
import { loadStyle } from './load-style.js';
import { printStage } from './print.js';
import { packageRoot } from './package-root.js';
import { renderPaper } from './render.js';
import { Staging } from './staging.js';

export { check, type CheckOptions, type CheckResult } from './check.js';

export interface BuildOptions extends CheckOptions {
  /** Output folder; `build/` in the paper folder when absent. */
  out?: string | undefined;
  pdf: boolean;
  style?: string | undefined;
  /** Overrides the front matter's `papersize`. */
  paperSize?: 'a4' | 'letter' | undefined;
}

export interface BuildResult extends CheckResult {
  /** The files written, when the build succeeded. */
  outputs: string[];
}

/**
 * `paper build`: the checks, then render → print → write. Nothing is written when any check finds
 * an error, and the outputs replace the previous ones only when all of them were made.
 */
export async function build(options: BuildOptions): Promise<BuildResult> {
  const checked = await check(options);
  const { paper, manuscript } = checked;
  const failed = (files = checked.files): BuildResult => ({ ...checked, files, outputs: [] });
  if (!paper || !manuscript || hasErrors(checked.files)) return failed();
  // The browser starts now and comes up while the paper renders; it is closed whatever happens.
  const printer = options.pdf ? (await import('../pdf/print-pdf.js')).startPrinter() : undefined;
  try {
    return await renderAndWrite(options, checked, paper, manuscript, printer);
  } finally {
    await printer?.close();
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
    return { ...checked, outputs: await staging.commit(names) };
  } finally {
    await staging.dispose();
  }
}

function unique<T>(value: T, index: number, all: T[]): boolean {
  return all.indexOf(value) === index;
}
