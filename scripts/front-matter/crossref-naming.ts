import type { FrontMatter } from './front-matter-schema.js';

/** What a cross-reference can point to. */
export type CrossrefKind = 'section' | 'table' | 'figure' | 'equation' | 'listing' | 'note';

/**
 * How numbered things are named, in captions and in the text. Two families, as the two syntaxes
 * of cross-references have them:
 * - Quarto's (`@fig-x`): "Figure 1", each reference on its own; `crossref: fig-prefix:` and the
 *   like change the word, `lang:` picks a translation.
 * - pandoc-crossref's (`@fig:x`): "fig. 1", "figs. 1, 2", "figs. 2-4" for a list; `figPrefix:`
 *   (a word, or a singular and a plural) and the like change them.
 * Captions say "Figure 1:" in both (`fig-title`/`figureTitle`, `title-delim`/`titleDelim`).
 */
export interface CrossrefNaming {
  /** The word before a number in the text, in Quarto's syntax: "Figure". */
  prefix: Record<CrossrefKind, string>;
  /** pandoc-crossref's prefixes, singular and plural: ["fig.", "figs."]. */
  shortPrefix: Record<CrossrefKind, readonly [string, string]>;
  /** The word that starts a caption: "Figure" in "Figure 1: A plot". */
  title: Record<CrossrefKind, string>;
  /** Between a caption's number and its text: ":". */
  titleDelim: string;
}

type Words = Record<CrossrefKind, string>;

/** Quarto's words for its languages (its `language` files), by the language part of `lang`. */
const translations: Record<string, Words> = {
  en: { figure: 'Figure', table: 'Table', equation: 'Equation', listing: 'Listing', section: 'Section', note: 'Note' },
  de: { figure: 'Abbildung', table: 'Tabelle', equation: 'Gleichung', listing: 'Listing', section: 'Abschnitt', note: 'Fußnote' },
  fr: { figure: 'Figure', table: 'Tableau', equation: 'Équation', listing: 'Listing', section: 'Section', note: 'Note' },
  es: { figure: 'Figura', table: 'Tabla', equation: 'Ecuación', listing: 'Listado', section: 'Sección', note: 'Nota' },
  it: { figure: 'Figura', table: 'Tabella', equation: 'Equazione', listing: 'Listato', section: 'Sezione', note: 'Nota' },
  pt: { figure: 'Figura', table: 'Tabela', equation: 'Equação', listing: 'Listagem', section: 'Seção', note: 'Nota' },
  nl: { figure: 'Figuur', table: 'Tabel', equation: 'Vergelijking', listing: 'Listing', section: 'Sectie', note: 'Noot' },
  ru: { figure: 'Рисунок', table: 'Таблица', equation: 'Уравнение', listing: 'Листинг', section: 'Раздел', note: 'Примечание' },
};

/** pandoc-crossref's defaults (English; other languages set `figPrefix` and the like). */
const shortDefaults: Record<CrossrefKind, readonly [string, string]> = {
  figure: ['fig.', 'figs.'],
  table: ['tbl.', 'tbls.'],
  equation: ['eq.', 'eqns.'],
  listing: ['lst.', 'lsts.'],
  section: ['sec.', 'secs.'],
  note: ['note', 'notes'],
};

/** The two-letter-ish short names both tools use in keys and options: `fig`, `tbl`, `eq`, `lst`, `sec`. */
const quartoKeys: Record<CrossrefKind, string> = { figure: 'fig', table: 'tbl', equation: 'eq', listing: 'lst', section: 'sec', note: 'note' };
const pandocCrossrefPrefixKeys: Partial<Record<CrossrefKind, string>> = { figure: 'figPrefix', table: 'tblPrefix', equation: 'eqnPrefix', listing: 'lstPrefix', section: 'secPrefix' };
const pandocCrossrefTitleKeys: Partial<Record<CrossrefKind, string>> = { figure: 'figureTitle', table: 'tableTitle', listing: 'listingTitle' };

const kinds = Object.keys(quartoKeys) as CrossrefKind[];

/** The naming the front matter asks for: its own words first, then `lang`'s, then English. */
export function crossrefNaming(data: FrontMatter): CrossrefNaming {
  const language = (data.lang ?? 'en').split('-')[0]?.toLowerCase() ?? 'en';
  const words = translations[language] ?? translations.en!;
  const quarto = (data.crossref ?? {}) as Record<string, unknown>;
  const top = data as Record<string, unknown>;
  const prefix = {} as Words;
  const title = {} as Words;
  const shortPrefix = {} as Record<CrossrefKind, readonly [string, string]>;
  for (const kind of kinds) {
    const key = quartoKeys[kind];
    prefix[kind] = word(quarto[`${key}-prefix`]) ?? words[kind];
    title[kind] = word(quarto[`${key}-title`]) ?? word(top[pandocCrossrefTitleKeys[kind] ?? '']) ?? words[kind];
    shortPrefix[kind] = pair(top[pandocCrossrefPrefixKeys[kind] ?? '']) ?? shortDefaults[kind];
  }
  const titleDelim = word(quarto['title-delim']) ?? word(top.titleDelim) ?? ':';
  return { prefix, shortPrefix, title, titleDelim };
}

/** The English naming, for code that has no front matter at hand (tests, previews). */
export const defaultCrossrefNaming: CrossrefNaming = crossrefNaming({ title: '' } as FrontMatter);

function word(value: unknown): string | undefined {
  return typeof value === 'string' ? value.trim() : undefined;
}

/** A prefix as pandoc-crossref takes it: one word for both, or a list of a singular and a plural. */
function pair(value: unknown): readonly [string, string] | undefined {
  if (typeof value === 'string') return [value.trim(), value.trim()];
  if (Array.isArray(value) && typeof value[0] === 'string') {
    const one = value[0].trim();
    return [one, typeof value[1] === 'string' ? value[1].trim() : one];
  }
  return undefined;
}
