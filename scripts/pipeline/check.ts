import { realpathSync } from 'node:fs';
import { dirname, isAbsolute } from 'node:path';
import type { VFile } from 'vfile';
import * as z from 'zod';
import { reportListedSets } from '../bibliography/entry-sets.js';
import { checkRequiredFields } from '../bibliography/required-fields.js';
import { checkAuthorMismatch } from '../citations/author-mismatch.js';
import { didYouMean } from '../diagnostics/did-you-mean.js';
import { excerpt } from '../diagnostics/excerpt.js';
import { applySeverities, report, type SeverityOverrides } from '../diagnostics/report.js';
import { isRuleId, rules } from '../diagnostics/rules.js';
import { checkFootnotes } from '../markdown/footnote-checks.js';
import { drawEquationsTransform } from '../math/equations-transform.js';
import { loadTexRenderer } from '../math/load-tex-engine.js';
import type { UnsavedTexts } from '../source/read-source.js';
import { reportSchemaIssues } from '../source/schema-issues.js';
import type { StageCache } from '../source/stage-cache.js';
import { parseYamlSource, positionAtPath, type YamlSource } from '../source/yaml-source.js';
import type { LoadedDataFile } from '../tables/directive-data-file.js';
import { filesSought, loadBibliographies, loadDataFiles, loadImages, loadManuscript, loadProjectConfig, reachesIntoPaper, type LoadedManuscript, type SoughtFile } from './load.js';
import { parsePaper } from './parse.js';
import { resolvePaper, type ResolvedPaper } from './resolve.js';

/**
 * The check stage: the rules that look at the resolved paper as a whole (notes called and
 * defined, entries complete, cited and named as the text names them), run after resolve has
 * reported what it met on the way (unknown keys and targets, table data, raw HTML). A build stops
 * after this stage when any file has an error.
 */
export function checkPaper(paper: ResolvedPaper, tableFiles: ReadonlyMap<string, LoadedDataFile>): void {
  const { tree, file, bibliography } = paper;
  // A table that failed to build may have called notes; "never called" would be a guess then.
  const tablesBuilt = ![...tableFiles.values()].some((loaded) => 'error' in loaded || loaded.file.messages.some((message) => message.fatal))
    && !file.messages.some((message) => message.ruleId === 'table-source-missing');
  checkFootnotes(tree, file, { reportUnused: tablesBuilt });
  checkRequiredFields(bibliography.entries);
  checkAuthorMismatch(tree, file, bibliography.entries);
  const entryKeys = new Set(bibliography.entries.keys());
  if (paper.bibliographyComplete) {
    for (const { value: key, position } of paper.meta.nocite) {
      // An entry that failed to parse is reported at the entry already.
      if (key !== '*' && !entryKeys.has(key) && !bibliography.brokenKeys.has(key)) report(file, 'citation-unknown-key', `Cannot find \`nocite\` key \`${key}\`${didYouMean(key, entryKeys)}${paper.unknownKeyCause ?? ''}`, position);
    }
  }
  // Citations in a table that failed to build, or a `nocite:` in a front matter that failed its
  // schema, were never read: "neither cited nor in nocite" would be a guess then.
  const citationsRead = tablesBuilt && !file.messages.some((message) => message.ruleId === 'frontmatter-schema' && message.fatal === true);
  if (!citationsRead) return;
  const listed = new Set(paper.listed);
  for (const [key, placed] of bibliography.entries) {
    if (!listed.has(key)) report(placed.file, 'bib-unused-entry', `Entry \`${key}\` is neither cited nor in \`nocite\``, placed.entry.keyPosition);
  }
  reportListedSets(bibliography.entries, listed);
}

const severities = ['error', 'warning', 'info', 'off'] as const;

const configSchema = z.strictObject({
  /** Severity by rule id: `error`, `warning`, `info` or `off` (each value is checked below, with the id). */
  rules: z.record(z.string(), z.unknown()).optional(),
  /** The browser that prints the PDF: an absolute path outside the paper folder (checked below). */
  browser: z.string().optional(),
});

/** What `paper.config.yaml` says: the rules' severities, and the browser it names (checked). */
export interface ProjectConfig {
  rules: SeverityOverrides;
  browser?: string | undefined;
}

/** Why a paper may not name a browser of its own. */
const browserOfThePaper = 'a browser shipped inside a paper would run that paper\'s own code on every build';

/**
 * Read `paper.config.yaml` (already loaded into `file`): the severities a project gives its rules,
 * as `rules: { bib-unused-entry: off, citation-author-mismatch: error }`. Unknown rule ids are
 * errors, with the closest known ids.
 */
export function readProjectConfig(file: VFile): SeverityOverrides {
  return readProjectConfiguration(file).rules;
}

/**
 * Read `paper.config.yaml` whole: the severities (see `readProjectConfig`) and `browser:`, the
 * browser that prints the PDF. A paper folder may come from anyone (`git clone`), and this file
 * with it: so `browser:` must be an absolute path outside the paper folder, links followed, or it
 * is a `config-schema` error that says why, and no browser is taken from it.
 */
export function readProjectConfiguration(file: VFile): ProjectConfig {
  const parsed = parseYamlSource(file, String(file.value), 0, 'config-schema');
  if (!parsed || parsed.value === null || parsed.value === undefined) return { rules: {} };
  const result = configSchema.safeParse(parsed.value);
  if (!result.success) {
    reportSchemaIssues(parsed.source, result.error.issues, parsed.value);
    return { rules: {} };
  }
  return { rules: severitiesOf(file, parsed.source, result.data.rules ?? {}), browser: browserOf(file, parsed.source, result.data.browser) };
}

/** The browser the configuration names, when it may be run. */
function browserOf(file: VFile, source: YamlSource, browser: string | undefined): string | undefined {
  if (browser === undefined) return undefined;
  const place = positionAtPath(source, ['browser']);
  if (!isAbsolute(browser)) {
    report(file, 'config-schema', `\`browser:\` must be an absolute path to a browser outside the paper folder, not \`${excerpt(browser)}\`: ${browserOfThePaper}`, place);
    return undefined;
  }
  const root = dirname(file.path);
  if (reachesIntoPaper(root, browser)) {
    report(file, 'config-schema', `\`browser:\` names a file inside the paper folder (links followed): ${browserOfThePaper}; name a browser installed outside it`, place);
    return undefined;
  }
  // The file as it is now, links followed: what was checked is what runs.
  try {
    return realpathSync.native(browser);
  } catch {
    return browser;
  }
}

function severitiesOf(file: VFile, source: YamlSource, configured: Record<string, unknown>): SeverityOverrides {
  const overrides: SeverityOverrides = {};
  for (const [id, severity] of Object.entries(configured)) {
    if (!isRuleId(id)) {
      report(file, 'config-schema', `Unknown rule \`${excerpt(id)}\`${didYouMean(id, Object.keys(rules))}`, positionAtPath(source, ['rules', id], 'key'));
    } else if (!(severities as readonly unknown[]).includes(severity)) {
      report(file, 'config-schema', `Expected \`error\`, \`warning\`, \`info\` or \`off\`; found \`${String(severity)}\``, positionAtPath(source, ['rules', id]));
    } else {
      overrides[id] = severity as (typeof severities)[number];
    }
  }
  return overrides;
}

export interface CheckOptions {
  /** A manuscript or paper folder; this repository's paper when absent. */
  path?: string | undefined;
  cwd: string;
  /** Bibliographies added to those the front matter names. */
  bibliographies: string[];
  /** Results kept between checks by a long-lived process (`paper watch`): the parse, resolve and render stages use it. */
  cache?: StageCache | undefined;
  /** Texts read instead of files (the manuscript, bibliographies, table data, config), by absolute path: an editor's unsaved buffers (`paper lsp`). */
  unsaved?: UnsavedTexts | undefined;
}

export interface CheckResult {
  /** Every file that may carry messages, manuscript first. */
  files: VFile[];
  paper: ResolvedPaper | undefined;
  manuscript: LoadedManuscript | undefined;
  /** Every file the check looked for, read or not (`filesSought`): what `paper watch` watches. */
  sought?: SoughtFile[] | undefined;
  /** The browser `paper.config.yaml` names (`browser:`), checked: absolute, outside the paper folder. */
  browser?: string | undefined;
  /** The severities `paper.config.yaml` gives its rules: the later stages apply them to what they report. */
  severities?: SeverityOverrides | undefined;
}

/**
 * `paper check`, and the first half of every build: load → parse → resolve → check. Loads neither
 * a CSL engine nor a browser. Every problem is a message on `files`; the caller reports them once,
 * at the end. The load stage runs in steps: the front matter names the bibliographies, and the
 * tree names the data files.
 */
export async function check(options: CheckOptions): Promise<CheckResult> {
  const { unsaved } = options;
  const loaded = await loadManuscript(options.path, options.cwd, unsaved);
  // Read first: its severities hold for every message, those that stop the check early too.
  const config = await loadProjectConfig(loaded, options.cwd, unsaved);
  const configuration = config ? readProjectConfiguration(config) : undefined;
  const severities = configuration?.rules ?? {};
  const finish = (result: Omit<CheckResult, 'severities'>): CheckResult => {
    if (config) result.files.push(config);
    applySeverities(result.files, severities);
    return { ...result, severities, browser: configuration?.browser };
  };
  if ('failed' in loaded) return finish({ files: [loaded.failed], paper: undefined, manuscript: undefined, sought: [{ path: loaded.failed.path, named: false }] });
  const parsed = parsePaper(loaded.file, options.cache);
  if (!parsed) return finish({ files: [loaded.file], paper: undefined, manuscript: loaded, sought: [{ path: loaded.location.manuscript, named: false }] });
  const bibliographyFiles = await loadBibliographies(loaded, parsed.meta, options.bibliographies, options.cwd, unsaved);
  const tableFiles = await loadDataFiles(loaded, parsed.tree, options.cwd, unsaved);
  const images = await loadImages(loaded, parsed.tree);
  const paper = resolvePaper({ ...parsed, file: loaded.file, bibliographyFiles, tableFiles, images, cache: options.cache });
  // MathJax is loaded only when the paper has math (in table cells and captions too, which exist
  // only now): its TeX errors are the check's too.
  const math = await loadTexRenderer(paper.tree, options.cache);
  if (math) drawEquationsTransform(paper.tree, loaded.file, math);
  checkPaper(paper, tableFiles);
  const tables = [...tableFiles.values()].flatMap((entry) => ('file' in entry ? [entry.file] : []));
  const files = [loaded.file, ...bibliographyFiles, ...tables];
  return finish({ files, paper, manuscript: loaded, sought: filesSought(loaded, parsed.meta, options.bibliographies, tableFiles.keys(), options.cwd, images) });
}
