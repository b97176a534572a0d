import { applySeverities, readProjectConfig } from './project-config.js';
import { report } from '../diagnostics/report.js';
import { fileLocation } from '../source/file-location.js';
import { deepNestingReason, findDeepNesting } from '../markdown/markdown-nesting.js';
import { readFrontMatter } from '../front-matter/read-front-matter.js';
import { rememberedYamlParser } from './remembered-yaml-source.js';
import { dataFileSources } from '../tables/period-tables-transform.js';
import type { VFile } from 'vfile';
import { loadBibliographies, loadManuscript, loadProjectConfig, loadTableFiles, type LoadedManuscript } from './load.js';
import { isUnreadableText } from '../source/read-source.js';
import { createFragmentParser } from '../markdown/fragments.js';
import { IncrementalParser } from '../markdown/incremental-parse.js';
import { createMarkdownParser, footnoteLabels, parseManuscript } from './parse.js';
import { resolvePaper, type ResolvedPaper } from './resolve.js';
import { remember, StageCache } from '../source/stage-cache.js';

export interface CheckOptions {
  /** A manuscript or paper folder; this repository's paper when absent. */
  path?: string | undefined;
  cwd: string;
  /** Bibliographies added to those the front matter names. */
  bibliographies: string[];
  /** Results kept between checks by a long-lived process (`paper watch`). */
  cache?: StageCache | undefined;
}

export interface CheckResult {
  /** Every file that may carry messages, manuscript first. */
  files: VFile[];
  paper: ResolvedPaper | undefined;
  manuscript: LoadedManuscript | undefined;
}

/**
 * `paper check`: load → parse → resolve → check. Loads neither a CSL engine nor a browser.
 * Every problem is a message on `files`; the caller reports them once, at the end.
 */
export async function check(options: CheckOptions): Promise<CheckResult> {
  const loaded = await loadManuscript(options.path, options.cwd);
  if ('failed' in loaded) return { files: [loaded.failed], paper: undefined, manuscript: undefined };
  // A manuscript that is not UTF-8 text, or that nests too deep to parse in bounded time and
  // stack, stops here: nothing after this point (parser, tree utilities, renderer) sees it.
  if (isUnreadableText(loaded.file) || tooDeep(loaded.file)) return { files: [loaded.file], paper: undefined, manuscript: loaded };
  // One processor for the life of a long-lived process: its extensions are combined once.
  const parser = remember(options.cache, 'parser', () => 'markdown', createMarkdownParser);
  // A long-lived process parses again only the blocks an edit touched.
  const incremental = options.cache?.remember('incremental-parser', loaded.location.manuscript, () => new IncrementalParser(parser));
  const tree = incremental ? incremental.parse(loaded.file) : parseManuscript(parser, loaded.file);
  // Within one check too: the same table placed twice has its cells parsed once.
  const fragments = createFragmentParser(parser, footnoteLabels(tree), options.cache ?? new StageCache(32));
  const meta = readFrontMatter(tree, loaded.file, fragments, options.cache ? rememberedYamlParser(options.cache) : undefined);
  if (!meta) return { files: [loaded.file], paper: undefined, manuscript: loaded };
  const bibliographyFiles = await loadBibliographies(loaded, meta, options.bibliographies, options.cwd);
  const tableFiles = await loadTableFiles(loaded, dataFileSources(tree), options.cwd);
  const paper = resolvePaper({ tree, file: loaded.file, meta, bibliographyFiles, tableFiles, fragments, cache: options.cache });
  const tables = [...tableFiles.values()].flatMap((entry) => ('file' in entry ? [entry.file] : []));
  const files = [loaded.file, ...bibliographyFiles, ...tables];
  const config = await loadProjectConfig(loaded, options.cwd);
  if (config) {
    applySeverities(files, readProjectConfig(config));
    files.push(config);
  }
  return { files, paper, manuscript: loaded };
}

function tooDeep(file: VFile): boolean {
  const found = findDeepNesting(String(file.value));
  if (found) report(file, 'markdown-nesting', deepNestingReason(found), fileLocation(file).toPoint(found.offset));
  return found !== undefined;
}
