/**
 * The locator at the start of a citation suffix, parsed as Pandoc's citeproc does
 * (`Text.Pandoc.Citeproc.Locator`, pandoc 2.17, en-US terms): `[@a, pp. 33-35]` gives
 * `{label: 'page', value: '33-35'}`, `[@a, 111]` gives page `111`, and braces give an explicit
 * locator: `[@a, {pp. iv, vi-xi}]`.
 *
 * Pandoc parses inlines; here the suffix is its plain text, split the same way (spaces,
 * punctuation other than `:`, words). Every step is precomputed right to left, so the parse is
 * linear in the length of the suffix.
 */
import type { Locator } from './citation-node.js';

export interface ParsedLocator {
  locator?: Locator;
  /** The suffix after the locator, or the whole suffix when there is no locator. */
  rest: string;
}

/** en-US forms of the locator terms known to Pandoc 2.17 (citeproc 0.6), folded to lower case. */
export const locatorTerms: ReadonlyMap<string, string> = new Map(
  Object.entries({
    book: ['book', 'books', 'bk.', 'bks.'],
    chapter: ['chapter', 'chapters', 'chap.', 'chaps.'],
    column: ['column', 'columns', 'col.', 'cols.'],
    figure: ['figure', 'figures', 'fig.', 'figs.'],
    folio: ['folio', 'folios', 'fol.', 'fols.'],
    issue: ['number', 'numbers', 'no.', 'nos.'],
    line: ['line', 'lines', 'l.', 'll.'],
    note: ['note', 'notes', 'n.', 'nn.'],
    opus: ['opus', 'opera', 'op.', 'opp.'],
    page: ['page', 'pages', 'p.', 'pp.'],
    paragraph: ['paragraph', 'paragraphs', 'para.', 'paras.', '¶', '¶¶'],
    part: ['part', 'parts', 'pt.', 'pts.'],
    section: ['section', 'sections', 'sec.', 'secs.', '§', '§§'],
    'sub verbo': ['sub verbo', 'sub verbis', 's.v.', 's.vv.'],
    verse: ['verse', 'verses', 'v.', 'vv.'],
    volume: ['volume', 'volumes', 'vol.', 'vols.'],
  }).flatMap(([label, forms]) => forms.map((form) => [form, label] as const)),
);
const terms = locatorTerms;
const longestTerm = Math.max(...Array.from(terms.keys(), (form) => form.length));

type Kind = 'space' | 'punct' | 'word';

interface Tokens {
  readonly kind: Kind[];
  readonly text: string[];
  /** Pandoc's `stringify`: a space or line break is one space. */
  readonly str: string[];
  readonly start: number[];
}

interface Span {
  end: number;
  /** Pandoc's "digit-like": has a digit or is a roman numeral. */
  digits: boolean;
}

interface Word extends Span {
  /** First token of the page word, after `lead`. */
  start: number;
  /** The separator and space before the page word, as Pandoc keeps them (`, `). */
  lead: string;
}

const ordinarySpace = /[ \t\n\r]/;
const unicodeSpace = /\s/u;
const punctuation = /\p{P}/u;
const digit = /[0-9]/;

export function parseLocator(suffix: string): ParsedLocator {
  const tokens = tokenize(suffix);
  const n = tokens.kind.length;
  const at = (j: number, kind: Kind, text?: string): boolean =>
    j < n && tokens.kind[j] === kind && (text === undefined || tokens.text[j] === text);
  const slice = (from: number, to: number): string => suffix.slice(offset(from), offset(to));
  const offset = (j: number): number => (j < n ? (tokens.start[j] ?? suffix.length) : suffix.length);
  const digitsBefore = countDigits(tokens);
  const pageWord = pageWords(tokens, digitsBefore);

  const integratedWord = (first: boolean, j: number): Word | undefined => {
    let k = j;
    let separator = '';
    if (!first && (at(k, 'punct', ',') || at(k, 'punct', ';'))) separator = tokens.text[k++] ?? '';
    let space = '';
    if (at(k, 'space')) {
      space = ' ';
      k++;
    }
    const word = pageWord[k];
    return word ? { end: word.end, digits: word.digits, start: k, lead: separator + space } : undefined;
  };
  const text = (word: Word): string => word.lead + slice(word.start, word.end);
  const hasDigit = (word: Word | undefined): boolean => word !== undefined && (digitsBefore[word.end] ?? 0) > (digitsBefore[word.start] ?? 0);
  const romanOrDigits = (j: number): boolean => integratedWord(true, j)?.digits === true;
  const digital = (j: number): boolean => hasDigit(integratedWord(true, j));

  // Pandoc's `pLocatorLabel'`: the longest run of tokens, cut where `limit` holds, that is a term.
  const label = (i: number, limit: (j: number) => boolean): { label: string; end: number } | undefined => {
    let text = '';
    let position = i;
    let found: { label: string; end: number } | undefined;
    while (position < n) {
      let j = position + 1;
      while (j < n && !limit(j)) j++;
      if (j >= n) break;
      for (let k = position; k < j; k++) text += tokens.str[k];
      const folded = text.trim().toLowerCase();
      const term = terms.get(folded);
      if (term) found = { label: term, end: j };
      if (folded.length > longestTerm) break;
      position = j;
    }
    return found;
  };

  // `{pp. iv, vi-xi}`.
  const delimited = (i: number): { label: string; value: string; end: number } | undefined => {
    if (!at(i, 'punct', '{')) return undefined;
    let k = i + 1;
    while (at(k, 'space')) k++;
    const term = label(k, (j) => j < n);
    if (term) k = term.end;
    let value = '';
    for (;;) {
      const unit = delimitedUnit(k);
      if (!unit) break;
      value += unit.text;
      k = unit.end;
    }
    if (!at(k, 'punct', '}')) return undefined;
    return { label: term ? term.label : 'page', value, end: k + 1 };
  };
  const isDelimiterBrace = (j: number): boolean =>
    at(j, 'punct') && (tokens.text[j] === '{' || tokens.text[j] === '}' || tokens.text[j] === '[' || tokens.text[j] === ']');
  const delimitedUnit = (j: number): { text: string; end: number } | undefined => {
    for (const [open, close] of [['[', ']'], ['{', '}']] as const) {
      if (!at(j, 'punct', open)) continue;
      const inner = j + 1 < n && !isDelimiterBrace(j + 1) ? j + 1 : undefined;
      if (inner !== undefined && at(inner + 1, 'punct', close)) return { text: open + tokens.str[inner] + close, end: inner + 2 };
      if (inner === undefined && at(j + 1, 'punct', close)) return { text: open + close, end: j + 2 };
      return undefined;
    }
    return j < n && !isDelimiterBrace(j) ? { text: tokens.str[j] ?? '', end: j + 1 } : undefined;
  };

  // `p. 33`, `pp. 33-35, 40`, `111`.
  const integrated = (i: number): { label: string; value: string; end: number } | undefined => {
    const term = label(i, romanOrDigits);
    if (!term && !digital(i)) return undefined;
    const accept = (word: Word | undefined): word is Word => word !== undefined && (term ? word.digits : hasDigit(word));
    const first = integratedWord(term !== undefined, term ? term.end : i);
    if (!accept(first)) return undefined;
    let value = text(first);
    let k = first.end;
    for (;;) {
      const word = integratedWord(false, k);
      if (!accept(word)) break;
      value += text(word);
      k = word.end;
    }
    return { label: term ? term.label : 'page', value, end: k };
  };

  let i = 0;
  if (at(i, 'punct', ',')) i++;
  if (at(i, 'space')) i++;
  const found = delimited(i) ?? integrated(i);
  if (!found) return { rest: suffix };
  return { locator: { label: found.label, value: found.value.trim() }, rest: suffix.slice(offset(found.end)) };
}

/** Pandoc's `splitStrWhen (isSpace or punctuation other than ':')`, with Pandoc's spaces as one token. */
function tokenize(value: string): Tokens {
  const tokens: Tokens = { kind: [], text: [], str: [], start: [] };
  const push = (kind: Kind, from: number, to: number, str?: string): void => {
    const text = value.slice(from, to);
    tokens.kind.push(kind);
    tokens.text.push(text);
    tokens.str.push(str ?? text);
    tokens.start.push(from);
  };
  let index = 0;
  while (index < value.length) {
    const character = String.fromCodePoint(value.codePointAt(index) ?? 0);
    if (ordinarySpace.test(character)) {
      let end = index;
      while (end < value.length && ordinarySpace.test(value.charAt(end))) end++;
      push('space', index, end, ' ');
      index = end;
    } else if (unicodeSpace.test(character) || (punctuation.test(character) && character !== ':')) {
      push(unicodeSpace.test(character) ? 'space' : 'punct', index, index + character.length);
      index += character.length;
    } else {
      let end = index;
      while (end < value.length) {
        const next = String.fromCodePoint(value.codePointAt(end) ?? 0);
        if (unicodeSpace.test(next) || (punctuation.test(next) && next !== ':')) break;
        end += next.length;
      }
      push('word', index, end);
      index = end;
    }
  }
  return tokens;
}

/**
 * For each token, the page word starting there (Pandoc's `pBalancedBraces [(),[],{}] pPageSeq`):
 * units (a roman numeral, or a run of words and dashes) joined by `.`, optionally in brackets.
 */
function pageWords(tokens: Tokens, digitsBefore: number[]): Array<Span | undefined> {
  const n = tokens.kind.length;
  const isPunct = (j: number, text: string): boolean => j < n && tokens.kind[j] === 'punct' && tokens.text[j] === text;
  const allowed = (j: number): boolean =>
    j < n && tokens.kind[j] !== 'space' && !(tokens.kind[j] === 'punct' && tokens.text[j] !== '-' && tokens.text[j] !== '–');
  const isBrace = (j: number): boolean => j < n && tokens.kind[j] === 'punct' && '()[]{}'.includes(tokens.text[j] ?? '');
  const digits = (from: number, to: number): boolean => (digitsBefore[to] ?? 0) > (digitsBefore[from] ?? 0);

  const runEnd: number[] = new Array<number>(n + 1).fill(n);
  const unit: Array<Span | undefined> = new Array(n + 1);
  const withPeriod: Array<Span | undefined> = new Array(n + 1);
  const periods: Span[] = new Array<Span>(n + 1);
  const except: Array<Span | undefined> = new Array(n + 1);
  const word: Array<Span | undefined> = new Array(n + 1);
  periods[n] = { end: n, digits: false };

  for (let j = n - 1; j >= 0; j--) {
    runEnd[j] = allowed(j + 1) ? (runEnd[j + 1] ?? n) : j + 1;
    const text = tokens.text[j] ?? '';
    if (tokens.kind[j] === 'word' && isRoman(text)) unit[j] = { end: j + 1, digits: true };
    else if (allowed(j)) unit[j] = { end: runEnd[j] ?? n, digits: digits(j, runEnd[j] ?? n) };
    const next = unit[j + 1];
    withPeriod[j] = isPunct(j, '.') && next ? { end: next.end, digits: next.digits } : undefined;
    const period = withPeriod[j];
    const after = period ? periods[period.end] : undefined;
    periods[j] = period && after ? { end: after.end, digits: period.digits || after.digits } : { end: j, digits: false };
    const own = unit[j];
    const tail = own ? periods[own.end] : undefined;
    const sequence = own && tail ? { end: tail.end, digits: own.digits || tail.digits } : withPeriod[j];
    except[j] = isBrace(j) ? undefined : sequence;
    let surround: Span | undefined = except[j];
    for (const [open, close] of [['{', '}'], ['[', ']'], ['(', ')']] as const) {
      if (!isPunct(j, open)) continue;
      const inner = except[j + 1];
      if (inner) surround = isPunct(inner.end, close) ? { end: inner.end + 1, digits: inner.digits } : undefined;
      else surround = isPunct(j + 1, close) ? { end: j + 2, digits: false } : undefined;
    }
    const more = surround ? word[surround.end] : undefined;
    word[j] = surround ? { end: more ? more.end : surround.end, digits: surround.digits || (more?.digits ?? false) } : undefined;
  }
  return word;
}

/** For each token index, how many tokens before it contain an ASCII digit (Haskell's `isDigit`). */
function countDigits(tokens: Tokens): number[] {
  const counts = [0];
  tokens.text.forEach((text, index) => counts.push((counts[index] ?? 0) + (digit.test(text) ? 1 : 0)));
  return counts;
}

/** Pandoc's `romanNumeral True` on the upper-cased token, which must be all numeral. */
function isRoman(text: string): boolean {
  const value = text.toUpperCase();
  let index = 0;
  let total = 0;
  const one = (c: string, amount: number): void => {
    if (value[index] === c) {
      index++;
      total += amount;
    }
  };
  const many = (c: string, amount: number): void => {
    while (value[index] === c) {
      index++;
      total += amount;
    }
  };
  const pair = (a: string, b: string, amount: number): void => {
    if (value[index] === a && value[index + 1] === b) {
      index += 2;
      total += amount;
    }
  };
  many('M', 1000);
  pair('C', 'M', 900);
  one('D', 500);
  pair('C', 'D', 400);
  many('C', 100);
  pair('X', 'C', 90);
  one('L', 50);
  pair('X', 'L', 40);
  many('X', 10);
  pair('I', 'X', 9);
  one('V', 5);
  pair('I', 'V', 4);
  many('I', 1);
  return total > 0 && index === value.length;
}
