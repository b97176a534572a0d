import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { VFile } from 'vfile';
import { applySeverities, readProjectConfig } from '../diagnostics/project-config.js';
import { hasErrors, report } from '../diagnostics/report.js';
import { readFrontMatter } from '../front-matter/read-front-matter.js';
import { PrintError } from '../pdf/print-pdf.js';
import { BrowserMissingError } from '../pdf/find-browser.js';
import { periodTableSources } from '../tables/period-tables-transform.js';
import { loadBibliographies, loadManuscript, loadProjectConfig, loadTableFiles, type LoadedManuscript } from './load.js';
import { loadStyle } from './load-style.js';
import { packageRoot } from './package-root.js';
import { createFragmentParser, createMarkdownParser, footnoteLabels, parseManuscript } from './parse.js';
import { renderPaper } from './render.js';
import { resolvePaper, type ResolvedPaper } from './resolve.js';
import { Staging } from './staging.js';

export interface CheckOptions {
  /** A manuscript or paper folder; this repository's paper when absent. */
  path?: string | undefined;
  cwd: string;
  /** Bibliographies added to those the front matter names. */
  bibliographies: string[];
}

export interface BuildOptions extends CheckOptions {
  /** Output folder; `build/` in the paper folder when absent. */
  out?: string | undefined;
  pdf: boolean;
  style?: string | undefined;
}

export interface CheckResult {
  /** Every file that may carry messages, manuscript first. */
  files: VFile[];
  paper: ResolvedPaper | undefined;
  manuscript: LoadedManuscript | undefined;
}

export interface BuildResult extends CheckResult {
  /** The files written, when the build succeeded. */
  outputs: string[];
}

/**
 * `paper check`: load → parse → resolve → check. Loads neither a CSL engine nor a browser.
 * Every problem is a message on `files`; the caller reports them once, at the end.
 */
export async function check(options: CheckOptions): Promise<CheckResult> {
  const loaded = await loadManuscript(options.path, options.cwd);
  if ('failed' in loaded) return { files: [loaded.failed], paper: undefined, manuscript: undefined };
  const parser = createMarkdownParser();
  const tree = parseManuscript(parser, loaded.file);
  const fragments = createFragmentParser(parser, footnoteLabels(tree));
  const meta = readFrontMatter(tree, loaded.file, fragments);
  if (!meta) return { files: [loaded.file], paper: undefined, manuscript: loaded };
  const bibliographyFiles = await loadBibliographies(loaded, meta, options.bibliographies, options.cwd);
  const tableFiles = await loadTableFiles(loaded, periodTableSources(tree), options.cwd);
  const paper = resolvePaper({ tree, file: loaded.file, meta, bibliographyFiles, tableFiles, fragments });
  const tables = [...tableFiles.values()].flatMap((entry) => ('file' in entry ? [entry.file] : []));
  const files = [loaded.file, ...bibliographyFiles, ...tables];
  const config = await loadProjectConfig(loaded, options.cwd);
  if (config) {
    applySeverities(files, readProjectConfig(config));
    files.push(config);
  }
  return { files, paper, manuscript: loaded };
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
  const citeproc = await import('../bibliography/citeproc.js');
  const builtins = { names: citeproc.builtinStyleNames, get: citeproc.builtinStyle };
  const style = await loadStyle(manuscript, paper.meta, options.style, options.cwd, builtins);
  if ('failed' in style) return failed([...checked.files, style.failed].filter(unique));
  const css = await readFile(join(packageRoot(), 'styles', 'paper.css'), 'utf8');
  const html = await renderPaper({ paper, style, css });
  if (html === undefined) return failed([...checked.files, style.file].filter(unique));
  const out = resolve(options.cwd, options.out ?? join(manuscript.location.root, 'build'));
  const staging = await Staging.open(out);
  try {
    const names = ['paper.html'];
    const htmlPath = await staging.write('paper.html', html);
    if (options.pdf) {
      const { printPdf } = await import('../pdf/print-pdf.js');
      try {
        await staging.write('paper.pdf', await printPdf(htmlPath));
        names.push('paper.pdf');
      } catch (error) {
        if (!(error instanceof PrintError || error instanceof BrowserMissingError)) throw error;
        report(manuscript.file, 'pdf-print', error.message);
        return failed();
      }
    }
    return { ...checked, outputs: await staging.commit(names) };
  } finally {
    await staging.dispose();
  }
}

function unique<T>(value: T, index: number, all: T[]): boolean {
  return all.indexOf(value) === index;
}
