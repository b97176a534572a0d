import type { AuthorData, FrontMatter } from './front-matter-schema.js';

/** An author as the title block shows them, whatever form the front matter wrote them in. */
export interface Author {
  name: string;
  /** Numbers (from 1) into the paper's affiliations, in the order the author lists them. */
  affiliations: number[];
  /** The ORCID iD alone: `0000-0002-1825-0097`. */
  orcid?: string | undefined;
  email?: string | undefined;
  corresponding?: boolean | undefined;
}

export interface Authorship {
  authors: Author[];
  /** Every affiliation an author names, once, in the order of first mention. */
  affiliations: string[];
}

type AffiliationRecord = Record<string, unknown>;

/**
 * The authors and their affiliations from Pandoc's `author` (text, or `name`, `affiliation`,
 * `email`), JOSS's `authors` (`affiliation: "1, 2"` pointing to `affiliations:` by `index`) or
 * Quarto's `author` (`affiliations:` as text, records or `ref`s to the top-level `affiliations`'
 * `id`s). `author` wins when both are written, as in Pandoc. The same affiliation named by two
 * authors is one affiliation.
 */
export function readAuthors(data: FrontMatter): Authorship {
  const written = data.author ?? data.authors;
  const list: AuthorData[] = written === undefined ? [] : Array.isArray(written) ? written : [written];
  // Quarto lets an author define an affiliation with an `id` that other authors `ref`.
  const listed: AffiliationRecord[] = [...(data.affiliations ?? []), ...list.flatMap((author) => (typeof author === 'string' ? [] : [...items(author.affiliations), ...items(author.affiliation)].filter(isRecordWithId)))];
  const affiliations: string[] = [];
  const number = (text: string) => {
    const found = affiliations.indexOf(text);
    if (found >= 0) return found + 1;
    affiliations.push(text);
    return affiliations.length;
  };
  const authors = list.map((author): Author => {
    if (typeof author === 'string') return { name: author, affiliations: [] };
    const named = [...items(author.affiliations), ...items(author.affiliation)].flatMap((item) => affiliationTexts(item, listed));
    return {
      name: nameOf(author),
      affiliations: [...new Set(named.map(number))],
      orcid: author.orcid?.replace(/^https?:\/\/orcid\.org\//i, '').toUpperCase(),
      email: author.email,
      corresponding: author.corresponding,
    };
  });
  return { authors, affiliations };
}

/**
 * Whether each author's affiliation can stand under their name: nobody has two, and no two share
 * one. Otherwise they are numbered marks after the names and one numbered list.
 */
export function affiliationsInline(authorship: Authorship): boolean {
  const seen = new Set<number>();
  for (const author of authorship.authors) {
    if (author.affiliations.length > 1) return false;
    for (const index of author.affiliations) {
      if (seen.has(index)) return false;
      seen.add(index);
    }
  }
  return true;
}

function nameOf(author: Exclude<AuthorData, string>): string {
  const name = author.name;
  if (typeof name === 'string') return name;
  if (name) return name.literal ?? [name.given, name.family].filter(Boolean).join(' ');
  return [author['given-names'], author.surname].filter(Boolean).join(' ');
}

function items<T>(value: T | T[] | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/**
 * The affiliation texts one item of an author's list stands for: JOSS's `1` or `"1, 2"` (every
 * part an `index` or `id` of the listed affiliations), Quarto's `ref: id` or record, or the text of
 * an affiliation (Pandoc's `affiliation: University of X`).
 */
function affiliationTexts(item: string | number | AffiliationRecord, listed: readonly AffiliationRecord[]): string[] {
  if (typeof item === 'object') {
    if (item.ref !== undefined) {
      const found = findListed(String(item.ref), listed);
      return found ? [recordText(found)].filter(Boolean) : [];
    }
    return [recordText(item)].filter(Boolean);
  }
  const parts = String(item)
    .split(/\s*[,;]\s*/)
    .filter(Boolean);
  const found = parts.map((part) => findListed(part, listed));
  if (found.length > 0 && found.every((record) => record !== undefined)) return found.map(recordText).filter(Boolean);
  return [String(item)];
}

function isRecordWithId(item: unknown): item is AffiliationRecord {
  return typeof item === 'object' && item !== null && (item as AffiliationRecord).id !== undefined;
}

function findListed(key: string, listed: readonly AffiliationRecord[]): AffiliationRecord | undefined {
  return listed.find((record) => (record.index !== undefined && String(record.index) === key) || (record.id !== undefined && String(record.id) === key));
}

/** An affiliation record as one line: department, name, city, region, country. */
function recordText(record: AffiliationRecord): string {
  return ['department', 'name', 'city', 'region', 'country']
    .map((field) => record[field])
    .filter((value): value is string => typeof value === 'string' && value.trim() !== '')
    .map((value) => value.trim())
    .join(', ');
}
