import type { Root } from 'mdast';
import { visitParents } from 'unist-util-visit-parents';
import type { VFile } from 'vfile';
import { loadBibliography, type Bibliography } from '../bibliography/read-bibliography.js';
import { checkRequiredFields } from '../bibliography/required-fields.js';
import { checkAuthorMismatch } from '../citations/author-mismatch.js';
import type { Citation } from '../citations/syntax/citation-node.js';
import { resolveCitations } from '../citations/resolve-citations.js';
import { didYouMean } from '../diagnostics/did-you-mean.js';
import { report } from '../diagnostics/report.js';
import { collectCrossrefTargets, type CrossrefTarget } from '../citations/crossref-targets.js';
import { placedDirectives } from '../html/document-hast.js';
import { checkFootnotes } from '../markdown/footnote-checks.js';
import { rawHtmlTransform } from '../markdown/raw-html-transform.js';
import { headingAttributesTransform } from '../markdown/heading-attributes.js';
import { sectionNumbersTransform } from '../markdown/section-numbers.js';
import { sourceFileOf } from '../source/source-file.js';
import type { MarkdownFragments, PaperMeta } from '../front-matter/read-front-matter.js';
import type { LoadedDataFile } from '../tables/directive-data-file.js';
import { periodTableDirective, periodTablesTransform } from '../tables/period-tables-transform.js';
import { rememberedTableReader } from './remembered-table-reader.js';
import { rememberedYamlParser } from './remembered-yaml-source.js';
import type { StageCache } from '../source/stage-cache.js';
import { trendGraphDirective, trendGraphsTransform } from '../tables/trend-graphs-transform.js';

export interface ResolveInputs {
  tree: Root;
  file: VFile;
  meta: PaperMeta;
  bibliographyFiles: VFile[];
  tableFiles: ReadonlyMap<string, LoadedDataFile>;
  fragments: MarkdownFragments;
  /** Results kept between checks by a long-lived process (`paper watch`). */
  cache?: StageCache | undefined;
}

export interface ResolvedPaper {
  tree: Root;
  file: VFile;
  meta: PaperMeta;
  bibliography: Bibliography;
  targets: Map<string, CrossrefTarget>;
  /** Every citation node (works and cross-references), in document order. */
  citations: Citation[];
  /** Keys of the works the reference list shows: cited ones in order, then `nocite` ones. */
  listed: string[];
}

/**
 * The resolve stage: ids and numbers for sections and tables, period tables built from their data,
 * citations matched to entries and cross-references to targets. Pure: every input was loaded
 * before, and every problem becomes a message on the file it is about. Order matters: tables and
 * section numbers must exist before cross-references are resolved against them.
 */
export function resolvePaper(inputs: ResolveInputs): ResolvedPaper {
  const { tree, file, meta } = inputs;
  headingAttributesTransform(tree);
  if (meta.numberSections) sectionNumbersTransform(tree);
  const read = inputs.cache ? rememberedTableReader(inputs.cache) : undefined;
  periodTablesTransform(tree, file, { files: inputs.tableFiles, parseInline: inputs.fragments.inlineMany, read });
  // Graphs read their values from the tables, so they are built after them.
  trendGraphsTransform(tree, file, { files: inputs.tableFiles, parseInline: inputs.fragments.inlineMany, parseYaml: inputs.cache ? rememberedYamlParser(inputs.cache) : undefined });
  restoreUnknownDirectives(tree, file);
  // After the tables are built: their cells are Markdown and may hold raw HTML too.
  rawHtmlTransform(tree, file);
  const targets = collectCrossrefTargets(tree, file);
  const bibliography = loadBibliography(inputs.bibliographyFiles);
  const entryKeys = new Set(bibliography.entries.keys());
  // With a bibliography missing, unknown keys are consequences of that one error, not news.
  const complete = !inputs.bibliographyFiles.some((bib) => bib.messages.some((message) => message.ruleId === 'bib-missing-file'));
  const manuscriptMissingBib = file.messages.some((message) => message.ruleId === 'bib-missing-file');
  const { cited, citations } = resolveCitations(tree, file, { entryKeys, targets, reportUnknownKeys: complete && !manuscriptMissingBib, brokenKeys: bibliography.brokenKeys });
  // A table that failed to build may have called notes; "never called" would be a guess then.
  const tablesBuilt = ![...inputs.tableFiles.values()].some((loaded) => 'error' in loaded || loaded.file.messages.some((message) => message.fatal))
    && !file.messages.some((message) => message.ruleId === 'table-source-missing');
  checkFootnotes(tree, file, { reportUnused: tablesBuilt });
  checkRequiredFields(bibliography.entries.values());
  checkAuthorMismatch(tree, file, bibliography.entries);
  const listed = listedKeys(cited, meta, entryKeys, complete && !manuscriptMissingBib ? file : undefined);
  for (const [key, placed] of bibliography.entries) {
    if (!listed.includes(key)) {
      report(placed.file, 'bib-unused-entry', `Entry \`${key}\` is neither cited nor in \`nocite\``, placed.entry.keyPosition);
    }
  }
  return { tree, file, meta, bibliography, targets, citations, listed };
}

function listedKeys(cited: string[], meta: PaperMeta, entryKeys: ReadonlySet<string>, file: VFile | undefined): string[] {
  const listed = [...cited];
  for (const { value: key, position } of meta.nocite) {
    if (key === '*') {
      for (const entry of entryKeys) if (!listed.includes(entry)) listed.push(entry);
    } else if (!entryKeys.has(key)) {
      if (file) report(file, 'citation-unknown-key', `Cannot find \`nocite\` key \`${key}\`${didYouMean(key, entryKeys)}`, position);
    } else if (!listed.includes(key)) {
      listed.push(key);
    }
  }
  return listed;
}

const knownDirectives = new Set<string>([...placedDirectives, periodTableDirective, trendGraphDirective]);

/**
 * A directive nobody handles is put back as the text it was written as, or left out when it is a
 * block. A bare `:name` is how remark-directive reads prose such as "10:30" or "ratio 3:a": it is
 * restored silently. A directive with a label or attributes (`:name[...]`, `::name{...}`) was meant
 * as one, so it is reported too: the paper must never lose words without saying so.
 */
function restoreUnknownDirectives(tree: Root, file: VFile): void {
  visitParents(tree, (node, ancestors) => {
    if (node.type !== 'textDirective' && node.type !== 'leafDirective' && node.type !== 'containerDirective') return undefined;
    if (node.type !== 'textDirective' && knownDirectives.has(node.name)) return undefined;
    const where = sourceFileOf(ancestors, file);
    const bare = node.type === 'textDirective' && node.children.length === 0 && Object.keys(node.attributes ?? {}).length === 0;
    if (!bare) {
      const marker = node.type === 'textDirective' ? ':' : node.type === 'leafDirective' ? '::' : ':::';
      report(where, 'directive-unknown', `Unknown directive \`${marker}${node.name}\`; it is ${node.type === 'textDirective' ? 'kept as text' : 'left out'}`, node);
    }
    const parent = ancestors.at(-1);
    if (!parent || !('children' in parent)) return undefined;
    const siblings = parent.children as Root['children'];
    const index = siblings.indexOf(node);
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (node.type === 'textDirective' && start !== undefined && end !== undefined) {
      siblings.splice(index, 1, { type: 'text', value: String(where.value).slice(start, end), position: node.position });
    } else {
      siblings.splice(index, 1);
    }
    return index;
  });
}
