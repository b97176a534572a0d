import type { Element, ElementContent, Root as HastRoot } from 'hast';
import type { Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { Handlers } from 'mdast-util-to-hast';
import rehypeStringify from 'rehype-stringify';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import type { BibliographyEntry } from '../bibliography/citeproc.js';
import { sha256 } from '../manifest/sha256.js';
import { VFile } from 'vfile';
import { citationToHast } from '../citations/citation-hast.js';
import { embedImagesTransform, figureToHast, hasPdfFigures, reportUndrawnPdfs } from '../figures/figure-hast.js';
import { showsImages } from '../figures/image-sources.js';
import { renderCitations, type ClusterFormatter } from '../citations/render-citations.js';
import { report } from '../diagnostics/report.js';
import { highlightedCodeToHast } from '../html/code-block-hast.js';
import { codeHighlightCss, hasHighlightedCode } from '../html/code-highlight-style.js';
import { codeLanguages, loadCodeHighlighter, type CodeHighlighter } from '../html/code-highlighter.js';
import { codeBlockCss, hasCodeBlock } from '../html/code-block-style.js';
import { definitionListCss, hasDefinitionList } from '../html/definition-list-style.js';
import { headingToHast, placeholderToHast, titleBlockHast, titleBlockNeedsStylesheet } from '../html/document-hast.js';
import { codeFontCss, hasCode } from '../html/code-font.js';
import { fontFaces, pageGlyphs, type FontFile, type SubsetCache } from '../html/font-faces.js';
import { reportMissingGlyphs } from '../html/missing-glyphs.js';
import { htmlDocument, runningHeadText } from '../html/html-document.js';
import { htmlEditionTransform } from '../html/html-edition.js';
import { BlockHtmlSerializer } from '../html/html-string.js';
import { sanitizedHtmlToHast } from '../html/sanitized-html-hast.js';
import { defListDescriptionToHast, defListTermToHast, defListToHast } from '../markdown/definition-list-hast.js';
import { placeListsTransform } from '../html/place-lists.js';
import { safeUrlsTransform } from '../html/safe-urls.js';
import { smartMeta, smartPunctuationTransform } from '../html/smart-punctuation.js';
import { referenceList } from '../bibliography/reference-list.js';
import { captionedTableToHast, hasMarkdownTables, tableToHast } from '../tables/captioned-table-hast.js';
import { hasMath } from '../math/load-tex-engine.js';
import { mathCss } from '../math/math-css.js';
import { displayMathToHast, inlineMathToHast } from '../math/math-hast.js';
import { periodTableToHast, tableGroupToHast, trendToHast } from '../tables/period-table-hast.js';
import { trendGraphToHast } from '../tables/trend-graph-hast.js';
import type { ResolvedPaper } from './resolve.js';
import { remember, StageCache } from '../source/stage-cache.js';
import type { FeatureStylesheet, LoadedStyle } from './load.js';

export interface RenderInputs {
  paper: ResolvedPaper;
  style: LoadedStyle;
  css: string;
  /** The shipped fonts, subset here to the glyphs the paper uses. */
  fonts: FontFile[];
  fontCache?: SubsetCache | undefined;
  /** Results kept between builds by a long-lived process (`paper watch`). */
  cache?: StageCache | undefined;
}

/**
 * The render stage: citations and the reference list through one CSL engine, mdast → hast with
 * our handlers (remark-rehype), the notes and references placed, the standalone document around
 * it, and the HTML string (rehype-stringify). Returns `undefined` when the style cannot be used;
 * the message is on the style's file.
 */
export async function renderPaper({ paper, style, css, fonts, fontCache, cache }: RenderInputs): Promise<string | undefined> {
  // Loaded here, not at the top: `paper check` never reaches this stage, so it never loads citation-js.
  const citeproc = await import('../bibliography/citeproc.js');
  const locale = chooseLocale(paper, citeproc.availableLocales());
  if (locale === undefined) return undefined;
  let engine: CitationFormatter;
  // A problem of the bibliography is reported on its file, at the entry, never on the style.
  const converted = await remember(cache, 'csl-items', () => sha256(paper.bibliography.cleanText), () => citeproc.convertBibliography(paper.bibliography));
  citeproc.reportUnreadableEntries(paper.bibliography, converted.unreadable);
  try {
    const engineKey = () => sha256([paper.bibliography.cleanText, style.xml, locale].join('\0'));
    engine = remember(cache, 'engine', engineKey, () => rememberRenderings(citeproc.createCitationEngine(converted.items, style.xml, locale, { incremental: cache !== undefined }), cache));
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    report(style.file, 'style-invalid', `Cannot use CSL style \`${style.name}\`: ${reason}`, style.position);
    return undefined;
  }
  renderCitations(paper.citations, paper.targets, engine, paper.meta.crossref, new Set(paper.bibliography.entries.keys()));
  let entries = engine.renderBibliography(paper.listed);
  if (paper.meta.referenceOrder === 'bibliography') {
    // A list kept in its own order (as the paper prints it): the order of the .bib files.
    const order = new Map([...paper.bibliography.entries.keys()].map((key, index) => [key, index]));
    entries = [...entries].sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
  }
  // Pandoc's `suppress-bibliography`: the citations stay, the list (and the links to it) go.
  const references = paper.meta.data['suppress-bibliography'] === true ? undefined : referenceList(entries);
  // lowlight is loaded only when a code block names a language.
  const highlighter = await loadCodeHighlighter(codeLanguages(paper.tree as Root));
  const body = toHast(paper, highlighter);
  placeListsTransform(body, { references, referencesTitle: paper.meta.referenceSectionTitle, notesTitle: paper.meta.notesTitle });
  // Before the contents are made from the headings: they show the headings' curly quotes.
  smartPunctuationTransform(body);
  safeUrlsTransform(body);
  let images = paper.images;
  if (hasPdfFigures(images)) {
    // Loaded only for a paper with a PDF figure: pdf.js and its canvas are large.
    const drawn = await (await import('../figures/pdf-figures.js')).rasterizePdfFigures(images);
    reportUndrawnPdfs(paper.tree as Root, paper.file, drawn.failed);
    images = drawn.images;
  }
  embedImagesTransform(body, images);
  htmlEditionTransform(body, { references, toc: paper.meta.toc });
  const abstract = paper.tree.children.find((node) => node.type === 'titleBlock')?.children.find((field) => field.name === 'abstract');
  // Code, code blocks and math bring their own rules: a page without them keeps exactly the stylesheet it had.
  const pageCss = `${css}${hasCode(body) ? codeFontCss : ''}${hasCodeBlock(body) ? codeBlockCss : ''}${hasHighlightedCode(body) ? codeHighlightCss : ''}${hasDefinitionList(body) ? definitionListCss : ''}${hasMath(paper.tree) ? `\n${mathCss}` : ''}`;
  const shell = { meta: smartMeta(paper.meta), css: pageCss, description: abstract ? toString(abstract) : undefined };
  // The running head and the page numbers are text too, set by CSS: their glyphs must be shipped.
  const extraText = `${runningHeadText(shell.meta)}*`;
  const { css: fontCss, missing } = await remember(cache, 'fonts', () => Object.values(pageGlyphs(body, extraText)).join('\0'), () => fontFaces(fonts, body, extraText, fontCache));
  // Said on every build, the cached ones too: a character no shipped font has.
  reportMissingGlyphs(missing, paper.tree as Root, paper.file, [...new Set([...paper.bibliography.entries.values()].map((placed) => placed.file))]);
  const document = htmlDocument(body.children as ElementContent[], { ...shell, css: `${fontCss}\n${pageCss}` });
  // A long-lived process serializes again only the blocks that changed.
  const html = cache ? cache.remember('html', 'serializer', () => new BlockHtmlSerializer()).serialize(document) : unified().use(rehypeStringify).stringify(document);
  return `${html}\n`;
}

/**
 * The CSL locale for the paper's `lang` (en-US by default): the same tag when there is one, else
 * one of the same language (en-GB → en-US, with a warning); a language with none is an error that
 * lists those available.
 */
function chooseLocale(paper: ResolvedPaper, available: string[]): string | undefined {
  const wanted = paper.meta.lang ?? 'en-US';
  const exact = available.find((locale) => locale.toLowerCase() === wanted.toLowerCase());
  if (exact) return exact;
  const language = wanted.split('-')[0]?.toLowerCase();
  const sibling = available.find((locale) => locale.split('-')[0]?.toLowerCase() === language);
  if (sibling) {
    report(paper.file, 'locale-substituted', `No CSL locale \`${wanted}\`; citations and references use \`${sibling}\``, paper.meta.langPosition);
    return sibling;
  }
  const choices = available.map((locale) => `\`${locale}\``).join(', ');
  report(paper.file, 'locale-unknown', `No CSL locale for \`${wanted}\`; the locales available are ${choices}`, paper.meta.langPosition);
  return undefined;
}

/** The style sheets beyond `paper.css` this paper needs: `tables` for tables written in Markdown. */
export function stylesheetsOf(tree: Root): FeatureStylesheet[] {
  const titleBlock = tree.children.find((node) => node.type === 'titleBlock');
  return [
    ...(hasMarkdownTables(tree) ? (['tables'] as const) : []),
    ...(showsImages(tree) ? (['figures'] as const) : []),
    ...(titleBlock && titleBlockNeedsStylesheet(titleBlock) ? (['title-block'] as const) : []),
  ];
}

function toHast(paper: ResolvedPaper, highlighter: CodeHighlighter | undefined): HastRoot {
  const handlers: Handlers = {
    citation: citationToHast,
    code: highlightedCodeToHast(highlighter),
    heading: headingToHast,
    leafDirective: placeholderToHast,
    titleBlock: titleBlockHast,
    tableGroup: tableGroupToHast,
    periodTable: periodTableToHast,
    table: tableToHast,
    captionedTable: (state, node) => captionedTableToHast(state, node, { title: paper.meta.crossref.title.table, delim: paper.meta.crossref.titleDelim }),
    periodTrend: (_state, node) => trendToHast(node),
    trendGraph: trendGraphToHast,
    figure: (state, node) => figureToHast(state, node, { title: paper.meta.crossref.title.figure, delim: paper.meta.crossref.titleDelim }),
    sanitizedHtml: sanitizedHtmlToHast,
    defList: defListToHast,
    defListTerm: defListTermToHast,
    defListDescription: defListDescriptionToHast,
    sanitizedInlineHtml: sanitizedHtmlToHast,
    // A shortcode in Markdown read after the resolve stage: left out like the others.
    shortcode: () => undefined,
    inlineMath: inlineMathToHast,
    displayMath: displayMathToHast,
    // Raw TeX the resolve stage did not place (it places all of the manuscript's) is never shown as text.
    rawTex: () => undefined,
    rawTexBlock: () => undefined,
  };
  const processor = unified().use(remarkRehype, {
    handlers,
    clobberPrefix: '',
    footnoteLabel: paper.meta.notesTitle,
    footnoteLabelTagName: 'h2',
    footnoteLabelProperties: { className: [] },
    footnoteBackLabel: (index: number) => `Back to the text of note ${index + 1}`,
  });
  const tree = processor.runSync(paper.tree as Root, new VFile()) as HastRoot;
  return { type: 'root', children: tree.children.filter((node): node is Element | ElementContent => node.type !== 'doctype') as HastRoot['children'] };
}

type CitationFormatter = ClusterFormatter & { renderBibliography(ids: string[]): BibliographyEntry[] };

/**
 * For a long-lived process (a `cache` is given): an engine that keeps its renderings while the
 * clusters (or the list) asked for stay the same. They are kept with the engine, so a new engine
 * (another bibliography, style or locale) never sees another's.
 */
function rememberRenderings(engine: CitationFormatter, cache: StageCache | undefined): CitationFormatter {
  if (!cache) return engine;
  const kept = new StageCache(2);
  return {
    renderClusters: (clusters) => kept.remember('clusters', JSON.stringify(clusters), () => engine.renderClusters(clusters)),
    renderBibliography: (ids) => kept.remember('bibliography', ids.join('\n'), () => engine.renderBibliography(ids)),
  };
}
