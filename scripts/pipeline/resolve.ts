import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import { readBibliography, type Bibliography } from '../bibliography/read-bibliography.js';
import { collectCrossrefTargets, type CrossrefTarget } from '../citations/crossref-targets.js';
import { resolveCitations } from '../citations/resolve-citations.js';
import type { Citation } from '../citations/syntax/citation-node.js';
import { figuresTransform } from '../figures/figures-transform.js';
import type { LoadedImages } from '../figures/loaded-image.js';
import type { PaperMeta } from '../front-matter/read-front-matter.js';
import type { MarkdownFragments } from '../markdown/fragments.js';
import { headingAttributesTransform } from '../markdown/heading-attributes.js';
import { inlineAttributesTransform } from '../markdown/inline-attributes.js';
import { latexReferencesTransform } from '../markdown/latex-references.js';
import { listingsTransform } from '../markdown/listings-transform.js';
import { shortcodesTransform } from '../markdown/shortcodes-transform.js';
import { placedDirectives, referencePlacementTransform } from '../markdown/placed-lists.js';
import { rawHtmlTransform } from '../markdown/raw-html-transform.js';
import { rawTexTransform } from '../markdown/raw-tex-transform.js';
import { sectionNumbersTransform } from '../markdown/section-numbers.js';
import { unknownDirectivesTransform } from '../markdown/unknown-directives.js';
import { directiveDivsTransform } from '../markdown/directive-divs.js';
import { unsafeUrlsTransform } from '../markdown/unsafe-urls.js';
import { equationsTransform } from '../math/equations-transform.js';
import { isBinarySource } from '../source/read-source.js';
import { rememberWithMessages, type StageCache } from '../source/stage-cache.js';
import type { LoadedDataFile } from '../tables/directive-data-file.js';
import { tableCaptionsTransform } from '../tables/captioned-table.js';
import { pandocTableCellsTransform } from '../tables/pandoc-table-cells.js';
import { periodTableDirective, periodTablesTransform } from '../tables/period-tables-transform.js';
import { readPeriodTable, type PeriodTableSource } from '../tables/read-period-table.js';
import { trendGraphDirective, trendGraphsTransform } from '../tables/trend-graphs-transform.js';
import { rememberedYamlParser } from './parse.js';

export interface ResolveInputs {
  tree: Root;
  file: VFile;
  meta: PaperMeta;
  bibliographyFiles: VFile[];
  tableFiles: ReadonlyMap<string, LoadedDataFile>;
  /** The local images the manuscript shows, loaded (or not). */
  images?: LoadedImages | undefined;
  fragments: MarkdownFragments;
  /** Results kept between checks by a long-lived process (`paper watch`). */
  cache?: StageCache | undefined;
}

export interface ResolvedPaper {
  tree: Root;
  file: VFile;
  meta: PaperMeta;
  bibliography: Bibliography;
  /** False when a bibliography could not be read: unknown keys are then consequences of that error, not news. */
  bibliographyComplete: boolean;
  /** What an unknown key's message adds when a bibliography loaded no entry (`bib-empty`): the key may be one of its. */
  unknownKeyCause?: string | undefined;
  targets: Map<string, CrossrefTarget>;
  /** Every citation node (works and cross-references), in document order. */
  citations: Citation[];
  /** Keys of the works the reference list shows: cited ones in order, then `nocite` ones. */
  listed: string[];
  /** The local images the manuscript shows, embedded by the render stage. */
  images: LoadedImages;
}

/** The leaf and container directives the paper handles; any other container without label or attributes is Pandoc's div, the rest are reported and left out. */
const knownDirectives = new Set<string>([...placedDirectives, periodTableDirective, trendGraphDirective]);

/**
 * The resolve stage: ids and numbers for sections, tables and equations, period tables built from their data,
 * citations matched to entries and cross-references to targets. Pure: every input was loaded
 * before, and every problem becomes a message on the file it is about. Order matters: tables and
 * section numbers must exist before cross-references are resolved against them.
 */
export function resolvePaper(inputs: ResolveInputs): ResolvedPaper {
  const { tree, file, meta, cache } = inputs;
  // First: a `:::note` the paper does not handle is Pandoc's div, which figures and placed lists may be.
  directiveDivsTransform(tree, { known: knownDirectives });
  headingAttributesTransform(tree, file, { autoPrefix: meta.data.autoSectionLabels === true ? 'sec:' : '' });
  sectionNumbersTransform(tree, { show: meta.numberSections });
  const parseInline = inputs.fragments.inlineMany;
  pandocTableCellsTransform(tree, file, inputs.fragments);
  // Before the period tables are numbered: captioned tables with a `tbl` id are numbered with them.
  tableCaptionsTransform(tree, file);
  listingsTransform(tree, file, { codeBlockCaptions: meta.codeBlockCaptions, parseInline, parseBlocks: inputs.fragments.blocks, title: meta.crossref.title.listing, delim: meta.crossref.titleDelim });
  const images = inputs.images ?? new Map();
  // Before the tables: only the manuscript's own paragraphs can be figures, and graphs are numbered among them.
  const figures = figuresTransform(tree, file, { images, parseInline, parseBlocks: inputs.fragments.blocks, numberedAlongside: trendGraphDirective });
  const failedTables = periodTablesTransform(tree, file, { files: inputs.tableFiles, parseInline, read: cache ? rememberedTableReader(cache) : undefined });
  // Graphs read their values from the tables, so they are built after them.
  trendGraphsTransform(tree, file, { files: inputs.tableFiles, parseInline, parseYaml: cache ? rememberedYamlParser(cache) : undefined, labels: figures.directiveLabels, failedTables });
  // Before unknown directives are left out: the reference list's place may become a `::refs`.
  referencePlacementTransform(tree, { title: meta.data['reference-section-title'] });
  unknownDirectivesTransform(tree, file, { known: knownDirectives });
  shortcodesTransform(tree, file);
  // After the tables are built: their cells are Markdown and may hold raw HTML and links too.
  rawHtmlTransform(tree, file);
  unsafeUrlsTransform(tree, file);
  // Spans and link attributes, in table cells too; LaTeX references (links of our own) are made after.
  inlineAttributesTransform(tree, file);
  // After the tables and captions are read, before the equations are numbered: a math environment becomes display math.
  rawTexTransform(tree, file, { sources: [...inputs.tableFiles.values()].flatMap((loaded) => ('file' in loaded ? [loaded.file] : [])) });
  // Equations drawn and numbered before the targets are collected.
  // Numbered here, once every table cell is read; drawn by the check, which loads MathJax only for a paper with math.
  equationsTransform(tree, file);
  latexReferencesTransform(tree);
  const targets = collectCrossrefTargets(tree, file);
  const bibliography = readBibliography(inputs.bibliographyFiles);
  const entryKeys = new Set(bibliography.entries.keys());
  const bibliographyComplete = !inputs.bibliographyFiles.some(bibliographyUnread) && !file.messages.some(bibliographiesMayBeUnknown) && !meta.bibliographiesUnread;
  const unknownKeyCause = emptyBibliographies(inputs.bibliographyFiles);
  const { cited, citations } = resolveCitations(tree, file, { entryKeys, targets, reportUnknownKeys: bibliographyComplete, brokenKeys: bibliography.brokenKeys, naming: meta.crossref, unknownKeyCause });
  const listed = new Set(cited);
  for (const { value: key } of meta.nocite) {
    if (key === '*') for (const entry of entryKeys) listed.add(entry);
    else if (entryKeys.has(key)) listed.add(key);
  }
  return { tree, file, meta, bibliography, bibliographyComplete, unknownKeyCause, targets, citations, listed: [...listed], images };
}

/**
 * `; \`refs.json\` has no entries` when bibliographies loaded no entry (a `bib-empty` warning: not
 * BibTeX, an export gone wrong), for each unknown key's message: the key is unknown, and the build
 * must still stop, but the cause is that file, not the key.
 */
function emptyBibliographies(files: VFile[]): string | undefined {
  const empty = files.filter((file) => file.messages.some((message) => message.ruleId === 'bib-empty')).map((file) => `\`${file.basename}\``);
  if (empty.length === 0) return undefined;
  return `; ${empty.join(', ')} ${empty.length === 1 ? 'has' : 'have'} no entries`;
}

/**
 * A bibliography file that failed to load: missing (`--bibliography`), or binary (`file-encoding`:
 * none of its text was kept; text with a byte that is not UTF-8 keeps the rest, and its entries
 * load). Keys cited from it would be unknown only because of that error.
 */
function bibliographyUnread(file: VFile): boolean {
  return isBinarySource(file) || file.messages.some((message) => message.ruleId === 'bib-missing-file');
}

/**
 * A message on the manuscript saying that a bibliography named in the front matter cannot be read.
 * (A `bibliography:` field that fails its schema is `meta.bibliographiesUnread`: the other fields
 * are still read.)
 */
function bibliographiesMayBeUnknown(message: VFileMessage): boolean {
  return message.ruleId === 'bib-missing-file';
}

/**
 * For a long-lived process: a period table reader that parses and checks a data file once while
 * its text stays the same, with the data bound to the file at hand, so later problems (a cell's
 * Markdown) are reported on it.
 */
function rememberedTableReader(cache: StageCache): (file: VFile) => PeriodTableSource | undefined {
  return (file) => {
    const table = rememberWithMessages(cache, 'period-table-data', file, '', readPeriodTable);
    // The source's own place lookups read the scratch file: the same text, so the same places.
    return table && { ...table, source: { ...table.source, file } };
  };
}
