import type { Root } from 'mdast';
import { directiveFromMarkdown } from 'mdast-util-directive';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { directive } from 'micromark-extension-directive';
import { frontmatter } from 'micromark-extension-frontmatter';
import { gfm } from 'micromark-extension-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { VFile } from 'vfile';
import remarkCitations from '../citations/syntax/remark-citations.js';
import remarkPandocTables from '../tables/remark-pandoc-tables.js';
import { report } from '../diagnostics/report.js';
import { readFrontMatter, type PaperMeta } from '../front-matter/read-front-matter.js';
import { createFragmentParser, footnoteLabels, type MarkdownFragments, type MarkdownParser } from '../markdown/fragments.js';
import { IncrementalParser } from '../markdown/incremental-parse.js';
import remarkDefinitionLists, { mayHaveDefinitionList } from '../markdown/remark-definition-lists.js';
import remarkFencedDivs from '../markdown/remark-fenced-divs.js';
import remarkShortcodes from '../markdown/remark-shortcodes.js';
import remarkSubSuperscript from '../markdown/remark-sub-superscript.js';
import remarkPandocParagraphs from '../markdown/remark-pandoc-paragraphs.js';
import remarkRawTex from '../markdown/remark-raw-tex.js';
import remarkReadSyntax from '../markdown/remark-read-syntax.js';
import { deepNestingReason, findDeepNesting } from '../markdown/markdown-nesting.js';
import { buildDay } from '../source/build-day.js';
import { fileLocation } from '../source/file-location.js';
import remarkMath from '../math/remark-math.js';
import { isUnreadableText } from '../source/read-source.js';
import { remember, rememberWithMessages, StageCache } from '../source/stage-cache.js';
import { copyTree } from '../source/tree-copy.js';
import { parseYamlSource } from '../source/yaml-source.js';

/**
 * The Markdown dialect of a manuscript: CommonMark, GFM, YAML front matter, directives, Pandoc
 * citations, tables, TeX math and raw TeX, fenced divs, definition lists, sub- and superscripts and Quarto shortcodes, with Pandoc's rule that a list, block quote or heading needs a
 * blank line before it. GFM, front matter and directives are added for reading only
 * (`remark-read-syntax.ts`): a paper is never written back as Markdown.
 */
export function createMarkdownParser({ shortcodes = true, definitionLists = true }: { shortcodes?: boolean; definitionLists?: boolean } = {}) {
  // Quarto's shortcodes only for a paper that has one: a text construct at `{`, though tried only
  // there, cost 1.6 % of the seed paper's whole check (48 M instructions; V8's, not the construct's).
  const withShortcodes: typeof remarkShortcodes = function (this) {
    if (shortcodes) remarkShortcodes.call(this);
  };
  // Definition lists likewise, only for a paper with a line that may be a definition's marker.
  const withDefinitionLists: typeof remarkDefinitionLists = function (this) {
    if (definitionLists) remarkDefinitionLists.call(this);
  };
  return unified()
    .use(remarkParse)
    .use(remarkPandocParagraphs)
    .use(remarkReadSyntax, [
      // `~x~` is Pandoc's subscript, not a strikethrough: `~~x~~` is.
      { syntax: gfm({ singleTilde: false }), fromMarkdown: gfmFromMarkdown() },
      { syntax: frontmatter(['yaml']), fromMarkdown: frontmatterFromMarkdown(['yaml']) },
      { syntax: directive(), fromMarkdown: directiveFromMarkdown() },
    ])
    .use(remarkFencedDivs)
    .use(withDefinitionLists)
    .use(withShortcodes)
    .use(remarkSubSuperscript)
    .use(remarkCitations)
    .use(remarkPandocTables)
    .use(remarkMath)
    .use(remarkRawTex);
}

export interface ParsedPaper {
  tree: Root;
  meta: PaperMeta;
  /** The parser of Markdown outside the manuscript (table cells, the abstract), which may call its notes. */
  fragments: MarkdownFragments;
}

/**
 * The parse stage: the manuscript to mdast, then its front matter read (the title block put in its
 * place). Undefined, with the messages on `file`, when the text cannot be parsed (it is not text,
 * is empty, or nests too deep to parse in bounded time and stack: nothing after this point sees it). A missing
 * or invalid front matter does not stop it: what could be read is read. With a `cache` (a long-lived process), the processor is made
 * once, only the blocks an edit touched are parsed again, and YAML and Markdown fragments are
 * parsed once while they stay the same.
 */
export function parsePaper(file: VFile, cache: StageCache | undefined): ParsedPaper | undefined {
  if (isUnreadableText(file) || isEmpty(file) || tooDeep(file)) return undefined;
  // One processor for the life of a long-lived process: its extensions are combined once.
  // A shortcode (a definition list) in a table cell or the abstract of a paper whose text has none is read as text.
  const text = String(file.value);
  const shortcodes = text.includes('{{<');
  const definitionLists = mayHaveDefinitionList(text);
  const dialect = `markdown${shortcodes ? '+shortcodes' : ''}${definitionLists ? '+definition_lists' : ''}`;
  const parser = remember(cache, 'parser', () => dialect, () => createMarkdownParser({ shortcodes, definitionLists }));
  const incremental = cache?.remember('incremental-parser', `${file.path}\0${dialect}`, () => new IncrementalParser(parser));
  const tree = incremental ? incremental.parse(file) : (parser.parse(file) as Root);
  // Within one check too: the same table placed twice has its cells parsed once.
  const fragments = createFragmentParser(rememberedParser(parser, cache ?? new StageCache(32)), footnoteLabels(tree));
  const meta = readFrontMatter(tree, file, fragments, { ...(cache ? { parseYaml: rememberedYamlParser(cache) } : {}), today: buildDay });
  return { tree, meta, fragments };
}

/**
 * For a long-lived process: `parseYamlSource` that parses a file's YAML (a data file, a front
 * matter) once while it and the text before it stay the same, with the source bound to the file
 * at hand.
 */
export function rememberedYamlParser(cache: StageCache): typeof parseYamlSource {
  return (file, text, origin, ruleId) => {
    // Places in the YAML depend on the text up to its end, not on what follows it.
    const parsed = rememberWithMessages(cache, 'yaml-source', file, `${ruleId}\0${origin}\0${text}`, (scratch) => parseYamlSource(scratch, text, origin, ruleId), origin + text.length);
    // The source's own place lookups read the scratch file: the same text, so the same places.
    return parsed && { ...parsed, source: { ...parsed.source, file } };
  };
}

/** Markdown parsed once while it stays the same; each use gets its own copy to change. */
function rememberedParser(parser: MarkdownParser, cache: StageCache): MarkdownParser {
  return { parse: (document) => copyTree(cache.remember('fragments', document, () => parser.parse(document))) };
}

/**
 * No text at all is no paper (Pandoc would make an empty page, titled by the file name). It stops
 * here, whatever the front matter rules say, so that a save read half-way by `paper watch` never
 * replaces the page with an empty one.
 */
function isEmpty(file: VFile): boolean {
  const empty = String(file.value).trim() === '';
  if (empty) report(file, 'manuscript-empty', 'The manuscript is empty: write a front matter (`---`, a line `title: ...`, `---`) and the text', { line: 1, column: 1 });
  return empty;
}

function tooDeep(file: VFile): boolean {
  const found = findDeepNesting(String(file.value));
  if (found) report(file, 'markdown-nesting', deepNestingReason(found), fileLocation(file).toPoint(found.offset));
  return found !== undefined;
}
