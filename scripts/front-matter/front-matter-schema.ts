import * as z from 'zod';

/**
 * The manuscript's YAML front matter. Field names follow Pandoc's (`title`, `author`, `abstract`,
 * `thanks`, `bibliography`, `csl`, `nocite`, `lang`, `number-sections`, `link-citations`,
 * `reference-section-title`), so a manuscript moves between Pandoc and this pipeline unchanged.
 * Fields the pipeline does not use are allowed, as Pandoc allows them.
 */

const text = z.string().trim().min(1, { error: 'Expected text' });
const stringOrList = z.union([text, z.array(text)], { error: 'Expected text, or a list of texts' });

/** The keys of Quarto's `crossref:` that name things: `fig-prefix`, `tbl-title`, `title-delim`… */
const crossrefWordKeys = ['fig', 'tbl', 'eq', 'lst', 'sec'].flatMap((kind) => [`${kind}-prefix`, `${kind}-title`]).concat('title-delim');

const prefixSchema = z.union([z.string(), z.array(z.string()).min(1).max(2)], { error: 'Expected a word, or a list of a singular and a plural' });

/** An ORCID iD, bare or as its URL: `0000-0002-1825-0097`, `https://orcid.org/0000-0002-1825-0097`. */
const orcidSchema = z.string().trim().regex(/^(https?:\/\/orcid\.org\/)?\d{4}-\d{4}-\d{4}-\d{3}[\dX]$/i, { error: 'Expected an ORCID iD such as `0000-0002-1825-0097`' });

/** An affiliation written out: Quarto's fields (`name`, `department`, `city`, `country`) or a `ref` to a listed one. */
const affiliationRecord = z.looseObject({
  name: text.optional(),
  department: text.optional(),
  city: text.optional(),
  region: text.optional(),
  country: text.optional(),
  /** Quarto: the `id` of an affiliation in the top-level `affiliations`. */
  ref: z.union([text, z.number()]).optional(),
});

/**
 * An author's affiliations: text (Pandoc's), the JOSS index or indices of the top-level list
 * (`1`, `"1, 2"`), or Quarto's records and references, alone or in a list.
 */
const affiliationsOfAuthor = z.union([text, z.number(), affiliationRecord, z.array(z.union([text, z.number(), affiliationRecord]))], {
  error: 'Expected an affiliation: text, the index of one in `affiliations`, or a list of them',
});

/** A name as text, or Quarto's parts (`given`, `family`, or `literal`). */
const nameSchema = z.union([text, z.looseObject({ given: text.optional(), family: text.optional(), literal: text.optional() })], {
  error: 'Expected a name: text, or `given` and `family`',
});

/**
 * An author, in any of the three forms papers use: Pandoc's (text, or `name`, `affiliation`,
 * `email`), JOSS's (`name` or `given-names` and `surname`, `orcid`, `affiliation: "1, 2"` pointing
 * into `affiliations`, `corresponding`, `email`) and Quarto's (`name`, `affiliations`, `orcid`,
 * `email`, `corresponding`). Other fields (`url`, `roles`, `equal-contrib`…) are allowed and unused.
 */
export const authorSchema = z.union([
  text,
  z
    .looseObject({
      name: nameSchema.optional(),
      'given-names': text.optional(),
      surname: text.optional(),
      affiliation: affiliationsOfAuthor.optional(),
      affiliations: affiliationsOfAuthor.optional(),
      email: z.email({ error: 'Expected an e-mail address' }).optional(),
      orcid: orcidSchema.optional(),
      corresponding: z.boolean({ error: 'Expected `true` or `false`' }).optional(),
    })
    .refine((author) => author.name !== undefined || author['given-names'] !== undefined || author.surname !== undefined, { error: 'An author needs a `name`' }),
]);

/** The listed affiliations that authors point to: JOSS's (`name`, `index`) and Quarto's (`id`, `name`…). */
const affiliationListSchema = z.array(
  affiliationRecord.extend({
    index: z.union([z.number(), text]).optional(),
    id: z.union([text, z.number()]).optional(),
  }),
);

export const frontMatterSchema = z.looseObject({
  /** Missing, the file name stands for it (`frontmatter-title-missing`), as in Pandoc. */
  title: text.optional(),
  subtitle: text.optional(),
  /** Used in the running head of the PDF. */
  'short-title': text.optional(),
  author: z.union([authorSchema, z.array(authorSchema)]).optional(),
  /** JOSS's name for `author`; `author` wins when both are written. */
  authors: z.union([authorSchema, z.array(authorSchema)]).optional(),
  affiliations: affiliationListSchema.optional(),
  /** A note on the title, such as where the paper was presented. */
  thanks: text.optional(),
  abstract: text.optional(),
  /** Shown in the title block; `today` is the day of the build (`SOURCE_DATE_EPOCH`'s when set). */
  date: z.union([text, z.date()]).optional(),
  /** Quarto's: `long` (the default), `full`, `medium`, `short`, `iso`, or tokens such as `D MMMM YYYY`. */
  'date-format': text.optional(),
  /** The label of the abstract: `Abstract` unless said. */
  'abstract-title': text.optional(),
  keywords: stringOrList.optional(),
  /** JOSS's name for the keywords: read as `keywords` when those are not written. */
  tags: stringOrList.optional(),
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
