import { readAuthors, type Author } from './authors.js';
import { crossrefNaming, type CrossrefNaming } from './crossref-naming.js';
import { paperDate } from './paper-date.js';
import type { BlockContent, PhrasingContent, Root, Yaml } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { Position } from 'unist';
import type { VFile } from 'vfile';
import { excerpt } from '../diagnostics/excerpt.js';
import { report } from '../diagnostics/report.js';
import type { InlinePlace, MarkdownFragments } from '../markdown/fragments.js';
import { reportSchemaIssues } from '../source/schema-issues.js';
import { nodeAtPath, parseYamlSource, positionAtPath, verbatimValueOffset, type YamlSource } from '../source/yaml-source.js';
import type { MetaField, TitleBlock } from './front-matter-node.js';
import { frontMatterSchema, type FrontMatter } from './front-matter-schema.js';

export type { Author } from './authors.js';

/** A value from the front matter with the place it was written, for messages about it. */
export interface Placed<T> {
  value: T;
  position: Position;
}

export interface PaperMeta {
  title: string;
  shortTitle: string;
  /** Every author's name, affiliations (as numbers into `affiliations`), ORCID iD, e-mail. */
  authors: Author[];
  affiliations: string[];
  lang: string | undefined;
  /** Where `lang` was written, for messages about it. */
  langPosition: Position | undefined;
  /** The date as written, which the PDF is stamped with; undefined for `date: today` (the sources date the PDF). */
  date: string | undefined;
  /** The date as the title block shows it. */
  shownDate: string | undefined;
  keywords: string[];
  subject: string | undefined;
  bibliographies: Array<Placed<string>>;
  /**
   * The front matter could not say which bibliographies the paper has (not YAML, not a mapping, or
   * a `bibliography` that does not fit): citations are then not reported as unknown keys.
   */
  bibliographiesUnread: boolean;
  csl: Placed<string> | undefined;
  nocite: Array<Placed<string>>;
  numberSections: boolean;
  paperSize: 'a4' | 'letter';
  linkCitations: boolean;
  referenceSectionTitle: string;
  /** Who orders the reference list: the CSL style, or the bibliography files' own order. */
  referenceOrder: 'style' | 'bibliography';
  notesTitle: string;
  /** The HTML edition's table of contents, or `undefined` when the front matter says `toc: false`. */
  toc: { title: string; depth: number } | undefined;
  /** How figures, tables, equations… are named in captions and cross-references. */
  crossref: CrossrefNaming;
  /** pandoc-crossref's `codeBlockCaptions`: `Listing: …` paragraphs next to code blocks are their captions. */
  codeBlockCaptions: boolean;
  /** The whole front matter, for fields other stages read themselves. */
  data: FrontMatter;
}

/**
 * Read and validate the front matter, and put a `titleBlock` in its place, so the title, the note
 * on it and the abstract are parsed Markdown in the tree (their citations are checked like any).
 * A bad front matter never stops the check: its problems are reported, and the fields that fit
 * are read (a missing front matter or title gives the file name as the title, as Pandoc does), so
 * the manuscript's other messages are all shown.
 */
export interface ReadFrontMatterOptions {
  parseYaml?: typeof parseYamlSource;
  /** The day of the build, for `date: today`: asked only when the paper says `today`. */
  today?: () => Date;
}

export function readFrontMatter(tree: Root, file: VFile, fragments: MarkdownFragments, { parseYaml = parseYamlSource, today: clock = () => new Date() }: ReadFrontMatterOptions = {}): PaperMeta {
  // Asked once at most, so the title block and the metadata show the same day.
  let day: Date | undefined;
  const today = () => (day ??= clock());
  const index = tree.children.findIndex((node) => node.type === 'yaml');
  const node = tree.children[index] as Yaml | undefined;
  const fallbackTitle = file.stem || 'Untitled';
  if (!node?.position) {
    report(file, 'frontmatter-title-missing', `The manuscript has no front matter, so no title; the file name \`${fallbackTitle}\` is used. Start it with \`---\`, a line \`title: ...\`, and \`---\``, { line: 1, column: 1 });
    const block: TitleBlock = { type: 'titleBlock', children: [], authors: [], affiliations: [] };
    tree.children.unshift(block);
    return paperMeta({}, undefined, block, fragments, fallbackTitle, false, today);
  }
  const source = String(file.value);
  const origin = source.indexOf('\n', node.position.start.offset ?? 0) + 1;
  const parsed = parseYaml(file, node.value, origin, 'frontmatter-schema');
  let data: FrontMatter = {};
  // Only a front matter that was read can say it lacks a title: a broken one has said so already.
  let readable = false;
  if (parsed && (parsed.value === null || typeof parsed.value !== 'object' || Array.isArray(parsed.value))) {
    report(file, 'frontmatter-schema', 'The front matter must be a mapping of fields such as `title: ...`', node);
  } else if (parsed) {
    readable = true;
    data = validFields(parsed.source, parsed.value as Record<string, unknown>);
  }
  const yaml = readable ? parsed?.source : undefined;
  const misspelt = yaml ? reportMisspeltKeys(yaml, data) : new Set<string>();
  const titleWritten = yaml !== undefined && Object.hasOwn(parsed?.value as object, 'title');
  if (readable && !titleWritten && !misspelt.has('title')) {
    report(file, 'frontmatter-title-missing', `The front matter has no \`title\`; the file name \`${fallbackTitle}\` is used`, node.position.start);
  }
  const block = titleBlock(data, yaml, fragments, today);
  tree.children[index] = block;
  const bibliographiesUnread = !readable || (Object.hasOwn(parsed?.value as object, 'bibliography') && data.bibliography === undefined);
  return paperMeta(data, yaml, block, fragments, fallbackTitle, bibliographiesUnread, today);
}

/**
 * The fields that fit the schema: each problem is reported once, and the fields it is about are
 * left out (the rest of the front matter is still read). A problem inside a field (an author's
 * e-mail) leaves out that top-level field.
 */
function validFields(source: YamlSource, value: Record<string, unknown>): FrontMatter {
  const result = frontMatterSchema.safeParse(value);
  if (result.success) return result.data;
  reportSchemaIssues(source, result.error.issues, value);
  const bad = new Set(result.error.issues.map((issue) => issue.path[0]));
  const kept = Object.fromEntries(Object.entries(value).filter(([key]) => !bad.has(key)));
  const again = frontMatterSchema.safeParse(kept);
  return again.success ? again.data : {};
}

/** The keys the pipeline reads, by a spelling that ignores case, `-` and `_`. */
const knownKeys = new Map(Object.keys(frontMatterSchema.shape).map((key) => [looseSpelling(key), key]));

function looseSpelling(key: string): string {
  return key.toLowerCase().replace(/[-_]/g, '');
}

/**
 * `Title:` for `title:`: a key the pipeline does not read, which differs from one it reads only in
 * case, `-` or `_`. Pandoc ignores it (its keys are case-sensitive), and so does this pipeline, but
 * says so. Returns the known keys that were meant.
 */
function reportMisspeltKeys(source: YamlSource, data: FrontMatter): Set<string> {
  const meant = new Set<string>();
  for (const key of Object.keys(data)) {
    if (Object.hasOwn(frontMatterSchema.shape, key)) continue;
    const known = knownKeys.get(looseSpelling(key));
    if (known === undefined) continue;
    meant.add(known);
    report(source.file, 'frontmatter-unknown-key', `Unknown key \`${excerpt(key)}\`; did you mean \`${known}\``, source.positionAt([key], 'key'));
  }
  return meant;
}

function paperMeta(data: FrontMatter, yaml: YamlSource | undefined, block: TitleBlock, fragments: MarkdownFragments, fallbackTitle: string, bibliographiesUnread: boolean, today: () => Date): PaperMeta {
  // The title in plain text (for <title>, the PDF's metadata, the running head): Markdown read, marks dropped.
  const titleField = block.children.find((field) => field.name === 'title');
  const title = titleField ? toString(titleField) : fallbackTitle;
  const shortTitle = data['short-title'] === undefined || yaml === undefined ? title : toString(fragments.inline(data['short-title'], place(yaml, ['short-title'])));
  const date = paperDate(data.date, data['date-format'], data.lang, today);
  const at = (path: PropertyKey[]) => (yaml ? positionAtPath(yaml, path) : undefined);
  return {
    title,
    shortTitle,
    authors: block.authors,
    affiliations: block.affiliations,
    lang: data.lang,
    langPosition: data.lang === undefined ? undefined : at(['lang']),
    date: date?.written,
    shownDate: date?.shown,
    keywords: list(data.keywords ?? data.tags),
    subject: data.subject,
    bibliographies: yaml ? placedList(data.bibliography, ['bibliography'], yaml) : [],
    bibliographiesUnread,
    csl: data.csl === undefined || yaml === undefined ? undefined : { value: data.csl, position: positionAtPath(yaml, ['csl']) },
    nocite: yaml ? nocite(data.nocite, yaml) : [],
    numberSections: data['number-sections'] ?? false,
    paperSize: data.papersize?.toLowerCase() === 'letter' ? 'letter' : 'a4',
    linkCitations: data['link-citations'] ?? true,
    referenceSectionTitle: data['reference-section-title'] ?? 'References',
    referenceOrder: data['reference-order'] ?? 'style',
    notesTitle: data['notes-title'] ?? 'Notes',
    toc: data.toc === false ? undefined : { title: data['toc-title'] ?? 'Contents', depth: data['toc-depth'] ?? 3 },
    crossref: crossrefNaming(data),
    codeBlockCaptions: data.codeBlockCaptions ?? false,
    data,
  };
}

function titleBlock(data: FrontMatter, source: YamlSource | undefined, fragments: MarkdownFragments, today: () => Date): TitleBlock {
  const fields: MetaField[] = [];
  const { authors, affiliations } = readAuthors(data);
  const block: TitleBlock = { type: 'titleBlock', children: fields, authors, affiliations };
  const date = paperDate(data.date, data['date-format'], data.lang, today);
  if (date) block.date = date.shown;
  if (data['abstract-title'] !== undefined) block.abstractTitle = data['abstract-title'];
  if (source === undefined) return block;
  for (const name of ['title', 'subtitle', 'thanks'] as const) {
    const value = data[name];
    if (value !== undefined) fields.push({ type: 'metaField', name, children: fragments.inline(value, place(source, [name])) });
  }
  if (data.abstract !== undefined) {
    fields.push({ type: 'metaField', name: 'abstract', children: fragments.blocks(data.abstract, place(source, ['abstract'])) });
  }
  return block;
}

function place(source: YamlSource, path: PropertyKey[]): InlinePlace {
  const offset = verbatimValueOffset(source, nodeAtPath(source.document.contents, path));
  return { file: source.file, offset: offset === undefined ? undefined : source.origin + offset, position: positionAtPath(source, path) };
}

function list(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

function placedList(value: string | string[] | undefined, path: PropertyKey[], source: YamlSource): Array<Placed<string>> {
  if (value === undefined) return [];
  if (!Array.isArray(value)) return [{ value, position: positionAtPath(source, path) }];
  return value.map((item, index) => ({ value: item, position: positionAtPath(source, [...path, index]) }));
}

/** Pandoc's `nocite` holds citations (`@a, @b` or `@*`); a list of bare keys is accepted too. */
function nocite(value: string | string[] | undefined, source: YamlSource): Array<Placed<string>> {
  const keys: Array<Placed<string>> = [];
  for (const item of placedList(value, ['nocite'], source)) {
    const written = item.value.match(/@(\*|\{[^}]*\}|[\p{L}\p{N}_][\p{L}\p{N}_:.#$%&+?<>~/-]*)/gu);
    const found = written ?? [item.value];
    for (const key of found) {
      const bare = key.replace(/^@/, '').replace(/^\{(.*)\}$/, '$1').replace(/[:.#$%&+?<>~/-]+$/, '');
      if (bare) keys.push({ value: bare, position: item.position });
    }
  }
  return keys;
}
