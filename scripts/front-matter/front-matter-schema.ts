import * as z from 'zod';

/**
 * The manuscript's YAML front matter. Field names follow Pandoc's (`title`, `author`, `abstract`,
 * `thanks`, `bibliography`, `csl`, `nocite`, `lang`, `number-sections`, `link-citations`,
 * `reference-section-title`), so a manuscript moves between Pandoc and this pipeline unchanged.
 * Fields the pipeline does not use are allowed, as Pandoc allows them.
 */

const text = z.string().trim().min(1, { error: 'Expected text' });
const stringOrList = z.union([text, z.array(text)]);

/** The keys of Quarto's `crossref:` that name things: `fig-prefix`, `tbl-title`, `title-delim`… */
const crossrefWordKeys = ['fig', 'tbl', 'eq', 'lst', 'sec'].flatMap((kind) => [`${kind}-prefix`, `${kind}-title`]).concat('title-delim');

const prefixSchema = z.union([z.string(), z.array(z.string()).min(1).max(2)], { error: 'Expected a word, or a list of a singular and a plural' });

export const authorSchema = z.union([
  text,
  z.strictObject({
    name: text,
    affiliation: text.optional(),
    email: z.email({ error: 'Expected an e-mail address' }).optional(),
  }),
]);

export const frontMatterSchema = z.looseObject({
  title: text,
  subtitle: text.optional(),
  /** Used in the running head of the PDF. */
  'short-title': text.optional(),
  author: z.union([authorSchema, z.array(authorSchema)]).optional(),
  /** A note on the title, such as where the paper was presented. */
  thanks: text.optional(),
  abstract: text.optional(),
  date: z.union([text, z.date()]).optional(),
  keywords: stringOrList.optional(),
  subject: text.optional(),
  lang: text.optional(),
  bibliography: stringOrList.optional(),
  csl: text.optional(),
  /** Entries to list though not cited: `@key1, @key2`, or `@*` for every entry. */
  nocite: stringOrList.optional(),
  'number-sections': z.boolean().optional(),
  /** The PDF's paper: `a4` (the default) or `letter`, as Pandoc's `papersize`. */
  papersize: z.enum(['a4', 'letter', 'A4', 'Letter'], { error: 'Expected `a4` or `letter`' }).optional(),
  'link-citations': z.boolean().optional(),
  'reference-section-title': text.optional(),
  /** Pandoc's `suppress-bibliography`: citations are rendered, the reference list is not. */
  'suppress-bibliography': z.boolean().optional(),
  /** `style` (the default): the CSL style sorts the list; `bibliography`: the order of the .bib files. */
  'reference-order': z.enum(['style', 'bibliography'], { error: 'Expected `style` or `bibliography`' }).optional(),
  'notes-title': text.optional(),
  /** The HTML edition's table of contents: on unless `false` (Pandoc's `toc`, which is off by default). */
  toc: z.boolean().optional(),
  'toc-title': text.optional(),
  /** How many levels of headings the contents list: `1` lists the `#` sections only (Pandoc's default 3). */
  'toc-depth': z.number().int().min(1).max(5).optional(),
  /** Quarto's cross-reference options: `fig-prefix`, `fig-title`, `title-delim` and the like. */
  crossref: z.looseObject(Object.fromEntries(crossrefWordKeys.map((key) => [key, z.string({ error: 'Expected text' }).optional()]))).optional(),
  // pandoc-crossref's options of the same: a prefix is a word, or a singular and a plural.
  ...Object.fromEntries(['figPrefix', 'tblPrefix', 'eqnPrefix', 'lstPrefix', 'secPrefix'].map((key) => [key, prefixSchema.optional()])),
  /** pandoc-crossref: every section's automatic id starts with `sec:`. */
  autoSectionLabels: z.boolean().optional(),
  ...Object.fromEntries(['figureTitle', 'tableTitle', 'listingTitle', 'titleDelim'].map((key) => [key, z.string({ error: 'Expected text' }).optional()])),
  /** pandoc-crossref's: a paragraph `Listing: caption` or `: caption` next to a code block is its caption. */
  codeBlockCaptions: z.boolean({ error: 'Expected `true` or `false`' }).optional(),
});

export type FrontMatter = z.infer<typeof frontMatterSchema>;
export type AuthorData = z.infer<typeof authorSchema>;
