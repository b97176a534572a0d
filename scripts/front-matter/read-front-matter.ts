import { crossrefNaming, type CrossrefNaming } from './crossref-naming.js';
import type { BlockContent, PhrasingContent, Root, Yaml } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { Position } from 'unist';
import type { VFile } from 'vfile';
import { report } from '../diagnostics/report.js';
import type { InlinePlace, MarkdownFragments } from '../markdown/fragments.js';
import { reportSchemaIssues } from '../source/schema-issues.js';
import { nodeAtPath, parseYamlSource, positionAtPath, verbatimValueOffset, type YamlSource } from '../source/yaml-source.js';
import type { MetaField, TitleBlock } from './front-matter-node.js';
import { frontMatterSchema, type FrontMatter } from './front-matter-schema.js';

export interface Author {
  name: string;
  affiliation?: string | undefined;
  email?: string | undefined;
}

/** A value from the front matter with the place it was written, for messages about it. */
export interface Placed<T> {
  value: T;
  position: Position;
}

export interface PaperMeta {
  title: string;
  shortTitle: string;
  authors: Author[];
  lang: string | undefined;
  /** Where `lang` was written, for messages about it. */
  langPosition: Position | undefined;
  date: string | undefined;
  keywords: string[];
  subject: string | undefined;
  bibliographies: Array<Placed<string>>;
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
 * Returns `undefined`, with messages, when the front matter is missing or invalid.
 */
export function readFrontMatter(tree: Root, file: VFile, fragments: MarkdownFragments, parseYaml: typeof parseYamlSource = parseYamlSource): PaperMeta | undefined {
  const index = tree.children.findIndex((node) => node.type === 'yaml');
  const node = tree.children[index] as Yaml | undefined;
  if (!node?.position) {
    report(file, 'frontmatter-schema', 'The manuscript has no front matter; start it with `---`, a line `title: ...`, and `---`', { line: 1, column: 1 });
    return undefined;
  }
  const source = String(file.value);
  const origin = source.indexOf('\n', node.position.start.offset ?? 0) + 1;
  const parsed = parseYaml(file, node.value, origin, 'frontmatter-schema');
  if (!parsed) return undefined;
  if (parsed.value === null || typeof parsed.value !== 'object' || Array.isArray(parsed.value)) {
    report(file, 'frontmatter-schema', 'The front matter must be a mapping of fields such as `title: ...`', node);
    return undefined;
  }
  const result = frontMatterSchema.safeParse(parsed.value);
  if (!result.success) {
    reportSchemaIssues(parsed.source, result.error.issues, parsed.value);
    return undefined;
  }
  const data = result.data;
  const block = titleBlock(data, parsed.source, fragments);
  tree.children[index] = block;
  // The title in plain text (for <title>, the PDF's metadata, the running head): Markdown read, marks dropped.
  const title = toString(block.children.find((field) => field.name === 'title'));
  const shortTitle = data['short-title'] === undefined ? title : toString(fragments.inline(data['short-title'], place(parsed.source, ['short-title'])));
  const authors = (Array.isArray(data.author) ? data.author : data.author ? [data.author] : []).map((author) =>
    typeof author === 'string' ? { name: author } : author,
  );
  return {
    title,
    shortTitle,
    authors,
    lang: data.lang,
    langPosition: data.lang === undefined ? undefined : positionAtPath(parsed.source, ['lang']),
    date: data.date instanceof Date ? data.date.toISOString().slice(0, 10) : data.date,
    keywords: list(data.keywords),
    subject: data.subject,
    bibliographies: placedList(data.bibliography, ['bibliography'], parsed.source),
    csl: data.csl === undefined ? undefined : { value: data.csl, position: positionAtPath(parsed.source, ['csl']) },
    nocite: nocite(data.nocite, parsed.source),
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

function titleBlock(data: FrontMatter, source: YamlSource, fragments: MarkdownFragments): TitleBlock {
  const fields: MetaField[] = [];
  for (const name of ['title', 'subtitle', 'thanks'] as const) {
    const value = data[name];
    if (value !== undefined) fields.push({ type: 'metaField', name, children: fragments.inline(value, place(source, [name])) });
  }
  if (data.abstract !== undefined) {
    fields.push({ type: 'metaField', name: 'abstract', children: fragments.blocks(data.abstract, place(source, ['abstract'])) });
  }
  return { type: 'titleBlock', children: fields };
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
