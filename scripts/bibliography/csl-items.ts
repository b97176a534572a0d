/**
 * Bringing citation-js's reading of a BibTeX/biblatex entry to Pandoc's (its citeproc BibTeX
 * reader, `pandoc -f biblatex -t csljson`), which reads fields as biber does. Two steps around
 * citation-js, both pure and imported only by the render stage (through `citeproc.ts`):
 *
 * - `sourceForCitationJs`: the entry's text rewritten where citation-js's LaTeX grammar stops or
 *   reads a command as text (`\enquote*{…}` throws "expected lbrace"; `\TeX` and `\hyphen` stay as
 *   written);
 * - `pandocItem`: the CSL item adjusted from the entry's own fields where Pandoc maps them
 *   differently (biblatex's localisation keys, list fields, `langid`, `maintitle`, `eprint`,
 *   `origdate`, …).
 */
import type { BibEntry } from './bibtex-scan.js';
import { latexToText } from './latex-text.js';

/** A CSL-JSON item, as citeproc-js reads it. */
export interface CslItem {
  id: string;
  type: string;
  [field: string]: unknown;
}

/**
 * Commands citation-js does not know, written as what they print. A starred command is read as
 * its plain form (`\enquote*` is `\enquote` with single quotes; citation-js's grammar has no star).
 */
const replacements: Array<[RegExp, string]> = [
  [/\\([a-zA-Z]+)\*/g, '\\$1'],
  // `\b{b}` is biber's and Pandoc's macron below (ḇ); citation-js makes it a combining low line.
  [/\\b\s*\{([a-zA-Z])\}/g, '$1\u0331'],
  [/\\hyphen(?![a-zA-Z])\s*/g, '-'],
  [/\\(?:textendash|endash)(?![a-zA-Z])\s*/g, '–'],
  [/\\(?:textemdash|emdash)(?![a-zA-Z])\s*/g, '—'],
  [/\\mkbibquote(?![a-zA-Z])/g, '\\enquote'],
  [/\\mkbibemph(?![a-zA-Z])/g, '\\emph'],
  [/\\mkbibitalic(?![a-zA-Z])/g, '\\textit'],
  [/\\mkbibbold(?![a-zA-Z])/g, '\\textbf'],
  [/\\(La)?TeX(?![a-zA-Z])\s*(\{\})?/g, '{$1TeX}'],
  [/\\(?:BibTeX)(?![a-zA-Z])\s*(\{\})?/g, '{BibTeX}'],
  [/\\(?:LaTeXe)(?![a-zA-Z])\s*(\{\})?/g, '{LaTeX2ε}'],
  [/\\(?:MF|METAFONT)(?![a-zA-Z])\s*(\{\})?/g, '{METAFONT}'],
  [/\\(?:MP|METAPOST)(?![a-zA-Z])\s*(\{\})?/g, '{METAPOST}'],
  [/\\(?:arabic|Roman|roman)\{([^{}]*)\}/g, '$1'],
  // Letters and symbols citation-js does not know (it knows `\o`, `\ss`, `\ae`, `\textsection`, …).
  ...Object.entries({ aa: 'å', AA: 'Å', SS: 'SS', dots: '…', ldots: '…', S: '§', P: '¶', pounds: '£', euro: '€', slash: '/', nobreakspace: '\u00A0' }).map(
    ([name, text]): [RegExp, string] => [new RegExp(`\\\\${name}(?![a-zA-Z])\\s*(\\{\\})?`, 'g'), text],
  ),
  [/\\(?:hbox|mbox|relax)(?![a-zA-Z])\s*/g, ''],
  // A control space (`\LaTeX\ and`, `\o\ b`) is a space that no command before it eats.
  [/(?<!\\)\\ /g, '{ }'],
  ...Object.entries({ addcomma: ',', addsemicolon: ';', addcolon: ':', addperiod: '.', adddot: '.' }).map(
    ([name, text]): [RegExp, string] => [new RegExp(`\\\\${name}(?![a-zA-Z])\\s*(\\{\\})?`, 'g'), text],
  ),
  [/\\(?:addspace|addnbspace|addthinspace|addabbrvspace|space)(?![a-zA-Z])\s*/g, ' '],
];

/** The entry's text as citation-js should read it. */
export function sourceForCitationJs(source: string): string {
  if (!source.includes('\\')) return source;
  let text = source;
  for (const [pattern, replacement] of replacements) text = text.replace(pattern, replacement);
  return text.normalize('NFC');
}

/** The last resort for an entry citation-js still cannot read: every command's backslash dropped. */
export function sourceWithoutCommands(source: string): string {
  return source.replace(/\\([a-zA-Z]+)\*?/g, '$1').replace(/\\(.)/g, '$1');
}

/** biblatex's localisation keys, as its English strings (and Pandoc's) print them. */
const localisationKeys: Record<string, string> = {
  inpreparation: 'in preparation',
  submitted: 'submitted',
  forthcoming: 'forthcoming',
  inpress: 'in press',
  prepublished: 'pre-published',
  mathesis: 'Master’s thesis',
  phdthesis: 'PhD thesis',
  candthesis: 'Candidate thesis',
  techreport: 'technical report',
  resreport: 'research report',
  software: 'computer software',
  datacd: 'data cd',
  audiocd: 'audio cd',
  patent: 'patent',
  patentde: 'German patent',
  patenteu: 'European patent',
  patentfr: 'French patent',
  patentuk: 'British patent',
  patentus: 'U.S. patent',
  patreq: 'patent request',
  patreqde: 'German patent request',
  patreqeu: 'European patent request',
  patreqfr: 'French patent request',
  patrequk: 'British patent request',
  patrequs: 'U.S. patent request',
  countryde: 'Germany',
  countryeu: 'European Union',
  countryep: 'European Union',
  countryfr: 'France',
  countryuk: 'United Kingdom',
  countryus: 'United States of America',
  newseries: 'new series',
  oldseries: 'old series',
  langamerican: 'American',
  langbrazilian: 'Brazilian',
  langcatalan: 'Catalan',
  langcroatian: 'Croatian',
  langczech: 'Czech',
  langdanish: 'Danish',
  langdutch: 'Dutch',
  langenglish: 'English',
  langfinnish: 'Finnish',
  langfrench: 'French',
  langgerman: 'German',
  langgreek: 'Greek',
  langitalian: 'Italian',
  langlatin: 'Latin',
  langnorwegian: 'Norwegian',
  langpolish: 'Polish',
  langportuguese: 'Portuguese',
  langrussian: 'Russian',
  langslovene: 'Slovene',
  langspanish: 'Spanish',
  langswedish: 'Swedish',
};

/** Babel's language names as BCP 47 tags, as Pandoc maps `langid` (and `hyphenation`). */
const babelLanguages: Record<string, string> = {
  american: 'en-US',
  english: 'en-US',
  usenglish: 'en-US',
  british: 'en-GB',
  ukenglish: 'en-GB',
  canadian: 'en-CA',
  australian: 'en-AU',
  newzealand: 'en-NZ',
  german: 'de-DE',
  ngerman: 'de-DE',
  austrian: 'de-AT',
  naustrian: 'de-AT',
  swissgerman: 'de-CH',
  nswissgerman: 'de-CH',
  french: 'fr-FR',
  francais: 'fr-FR',
  acadian: 'fr-CA',
  canadien: 'fr-CA',
  spanish: 'es-ES',
  italian: 'it-IT',
  latin: 'la',
  dutch: 'nl-NL',
  portuguese: 'pt-PT',
  portuges: 'pt-PT',
  brazilian: 'pt-BR',
  brazil: 'pt-BR',
  russian: 'ru-RU',
  ukrainian: 'uk-UA',
  polish: 'pl-PL',
  czech: 'cs-CZ',
  slovak: 'sk-SK',
  slovene: 'sl-SL',
  croatian: 'hr-HR',
  serbian: 'sr-RS',
  bulgarian: 'bg-BG',
  greek: 'el-GR',
  polutonikogreek: 'el-GR',
  danish: 'da-DK',
  norsk: 'nb-NO',
  nynorsk: 'nn-NO',
  norwegian: 'nb-NO',
  swedish: 'sv-SE',
  finnish: 'fi-FI',
  icelandic: 'is-IS',
  hungarian: 'hu-HU',
  magyar: 'hu-HU',
  romanian: 'ro-RO',
  turkish: 'tr-TR',
  hebrew: 'he-IL',
  arabic: 'ar',
  japanese: 'ja-JP',
  chinese: 'zh-CN',
  korean: 'ko-KR',
  catalan: 'ca-AD',
  basque: 'eu',
  galician: 'gl-ES',
  estonian: 'et-EE',
  latvian: 'lv-LV',
  lithuanian: 'lt-LT',
  vietnamese: 'vi-VN',
  thai: 'th-TH',
  persian: 'fa-IR',
  farsi: 'fa-IR',
  irish: 'ga-IE',
  welsh: 'cy-GB',
  afrikaans: 'af-ZA',
  indonesian: 'id-ID',
};

/** CSL variables citeproc-js reads as one string (it calls string methods on them). */
const stringVariables = [
  'publisher',
  'publisher-place',
  'event-place',
  'original-publisher',
  'original-publisher-place',
  'jurisdiction',
  'archive',
  'archive_location',
  'authority',
  'genre',
  'medium',
  'status',
  'collection-title',
  'container-title',
  'title',
  'note',
  'annote',
  'abstract',
  'version',
  'edition',
  'volume',
  'number',
  'page',
  'URL',
  'DOI',
  'ISBN',
  'ISSN',
];

/** What an eprint type's identifier links to, as Pandoc writes it. */
const eprintUrls: Record<string, (id: string) => string> = {
  arxiv: (id) => `https://arxiv.org/abs/${id}`,
  jstor: (id) => `https://www.jstor.org/stable/${id}`,
  pubmed: (id) => `https://www.ncbi.nlm.nih.gov/pubmed/${id}`,
  googlebooks: (id) => `https://books.google.com?id=${id}`,
};

const bookLike = new Set(['book', 'mvbook', 'collection', 'mvcollection', 'proceedings', 'mvproceedings', 'reference', 'mvreference', 'manual', 'periodical']);
const partsOfBooks = new Set(['inbook', 'bookinbook', 'suppbook', 'incollection', 'suppcollection', 'inproceedings', 'inreference']);
const nameVariables = new Set(['author', 'editor', 'translator', 'container-author', 'collection-editor', 'composer', 'director', 'illustrator', 'interviewer', 'original-author', 'recipient', 'reviewed-author', 'editorial-director']);

/** The first value of the first of `names` the fields hold, LaTeX decoded. */
function fieldText(fields: ReadonlyMap<string, string>, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = fields.get(name);
    if (value !== undefined && value.trim() !== '') return latexToText(value);
  }
  return undefined;
}

/** A biblatex list field (`A and B`) as Pandoc writes it: localisation keys resolved, joined by `; `. */
function listText(value: string): string {
  return splitAnd(value)
    .map((part) => localised(latexToText(part)))
    .join('; ');
}

function splitAnd(value: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let index = 0; index < value.length; index++) {
    const char = value[index];
    if (char === '{') depth++;
    else if (char === '}') depth--;
    else if (depth === 0 && /\s/.test(char ?? '') && /^\s+and\s/i.test(value.slice(index))) {
      parts.push(value.slice(start, index));
      const match = /^\s+and\s+/i.exec(value.slice(index));
      index += (match?.[0].length ?? 1) - 1;
      start = index + 1;
    }
  }
  parts.push(value.slice(start));
  return parts.map((part) => part.trim()).filter((part) => part !== '');
}

function localised(value: string): string {
  return localisationKeys[value.trim().toLowerCase()] ?? value;
}

/** Capitalised as a genre is printed at the start of a bracket: Pandoc prints `PhD thesis`, `U.S. patent`. */
function sentenceStart(value: string): string {
  return value;
}

/**
 * The item as Pandoc would make it from the same entry. `fields` are the entry's own (lower-cased
 * names, values as written), with what it inherits through `crossref` and `xdata` already merged.
 */
export function pandocItem(item: CslItem, entry: BibEntry | undefined, fields: ReadonlyMap<string, string>): CslItem {
  const result: CslItem = { ...item };
  const type = entry?.type ?? '';

  // List fields: `A and B` is a list in biblatex; Pandoc joins it with `; `.
  for (const [field, variable] of [
    ['publisher', 'publisher'],
    ['location', 'publisher-place'],
    ['address', 'publisher-place'],
    ['institution', 'publisher'],
    ['organization', 'publisher'],
    ['school', 'publisher'],
  ] as const) {
    const raw = fields.get(field);
    if (raw !== undefined && splitAnd(raw).length > 1 && Array.isArray(result[variable])) result[variable] = listText(raw);
  }
  if (type === 'patent') {
    const location = fields.get('location');
    if (location !== undefined) {
      result.jurisdiction = listText(location);
      delete result['publisher-place'];
    }
  }

  // Localisation keys in `type`, `series`, `pubstate`: what biblatex prints for them.
  for (const variable of ['genre', 'collection-title', 'status']) {
    const value = result[variable];
    if (typeof value === 'string') result[variable] = sentenceStart(localised(value));
  }
  const series = fields.get('series');
  if (series !== undefined && /^\d+$/.test(series.trim())) result['collection-title'] = `${ordinal(Number(series.trim()))} series`;

  // Language: `langid` (or `hyphenation`) as a BCP 47 tag; biblatex's `language` list is printed text, not the item's language.
  const babel = (fields.get('langid') ?? fields.get('hyphenation'))?.trim().toLowerCase();
  const tag = babel === undefined ? undefined : babelLanguages[babel];
  if (tag !== undefined) {
    const variant = /variant\s*=\s*(\w+)/.exec(fields.get('langidopts') ?? '')?.[1]?.toLowerCase();
    result.language = babel === 'english' && variant !== undefined ? (babelLanguages[variant] ?? tag) : tag;
  } else if (typeof result.language !== 'string') delete result.language;

  // `maintitle`: the work is the main title, the entry's own title is the volume's (Pandoc, for books and their parts).
  const maintitle = titleOf(fields, 'main');
  if (maintitle !== undefined && ['book', 'mvbook', 'collection', 'mvcollection', 'proceedings', 'mvproceedings', 'inbook', 'bookinbook', 'suppbook', 'periodical'].includes(type)) {
    const own = titleOf(fields, '');
    result.title = maintitle;
    if (own !== undefined) result['volume-title'] = own;
    if (['inbook', 'bookinbook', 'suppbook'].includes(type) && own !== undefined) {
      result.title = own;
      delete result['volume-title'];
      result['container-title'] = maintitle;
      const booktitle = titleOf(fields, 'book');
      if (booktitle !== undefined) result['volume-title'] = booktitle;
    } else {
      delete result['title-short'];
      delete result['container-title'];
    }
    const part = fields.get('part');
    const volume = fields.get('volume');
    if (part !== undefined && volume !== undefined) {
      result.volume = `${volume.trim()}.${part.trim()}`;
      delete result['part-number'];
    }
  }

  // A title with a subtitle is cited short by the title alone, unless `shorttitle` says otherwise.
  if (result['title-short'] === undefined && maintitle === undefined && fields.has('subtitle')) {
    const short = fieldText(fields, 'title');
    if (short !== undefined) result['title-short'] = short;
  }
  if (result['title-short'] === undefined && maintitle === undefined && typeof result.title === 'string' && result.title.includes(': ')) {
    result['title-short'] = result.title.slice(0, result.title.indexOf(': '));
  }

  // `eprint` with an `eprinttype` Pandoc knows: the URL of the e-print, when there is no `url`.
  const eprint = fields.get('eprint')?.trim();
  const eprinttype = (fields.get('eprinttype') ?? fields.get('archiveprefix'))?.trim().toLowerCase();
  if (eprint && eprinttype && result.URL === undefined) {
    const url = eprintUrls[eprinttype]?.(eprint);
    if (url !== undefined) result.URL = url;
  }

  // `origdate` (or BibTeX's `origyear`): the original date, which citation-js drops.
  const origdate = (fields.get('origdate') ?? fields.get('origyear'))?.trim();
  if (origdate && result['original-date'] === undefined) {
    const parts = /^(-?\d{1,4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(origdate);
    if (parts) result['original-date'] = { 'date-parts': [parts.slice(1).filter((part): part is string => part !== undefined).map(Number)] };
  }

  // A book-like entry is no part of its `booktitle` (biblatex ignores the field there); only a main title contains it.
  if (bookLike.has(type) && maintitle === undefined && fields.has('booktitle')) delete result['container-title'];
  // A part of a book: the book's title with its addon (`booktitleaddon`), as biblatex prints it.
  if (partsOfBooks.has(type) && maintitle === undefined) {
    const booktitle = titleOf(fields, 'book');
    if (booktitle !== undefined) result['container-title'] = booktitle;
  }
  // A periodical's issue: the issue's title is the item's, the periodical's title its container.
  if (type === 'periodical') {
    result.type = 'article-journal';
    const issue = titleOf(fields, 'issue');
    const periodical = titleOf(fields, '');
    if (issue !== undefined && periodical !== undefined) {
      result.title = issue;
      result['container-title'] = periodical;
      delete result['volume-title'];
    }
  }
  if (type === 'manual') result.type = 'book';
  // `eid` is an article's number in biblatex; Pandoc prints no number for it.
  if (fields.has('eid') && !fields.has('number') && !fields.has('issue') && result.number === fields.get('eid')?.trim()) delete result.number;

  // Name particles: biblatex's default `useprefix=false` leaves "von" out of the sorted name, a CSL dropping particle.
  if (!/\buseprefix\s*(=\s*true)?\s*(,|$)/.test(fields.get('options') ?? '')) {
    for (const [variable, value] of Object.entries(result)) {
      if (!Array.isArray(value) || !nameVariables.has(variable)) continue;
      result[variable] = value.map((name: unknown) => {
        if (typeof name !== 'object' || name === null || !('non-dropping-particle' in name)) return name;
        const { 'non-dropping-particle': particle, ...rest } = name as Record<string, unknown>;
        return { ...rest, 'dropping-particle': particle };
      });
    }
  }

  return sanitisedItem(result);
}

/** Whatever is left as a list (or an object) where citeproc-js wants a string would make it throw: joined, or dropped. */
export function sanitisedItem(item: CslItem): CslItem {
  const result: CslItem = { ...item };
  for (const variable of stringVariables) {
    const value = result[variable];
    if (Array.isArray(value)) result[variable] = value.map(String).join('; ');
    else if (value !== undefined && typeof value !== 'string' && typeof value !== 'number') delete result[variable];
  }
  return result;
}

/** `{prefix}title: {prefix}subtitle. {prefix}titleaddon`, as biblatex prints a title and Pandoc reads it. */
function titleOf(fields: ReadonlyMap<string, string>, prefix: '' | 'main' | 'book' | 'issue' | 'journal'): string | undefined {
  const title = fieldText(fields, `${prefix}title`);
  if (title === undefined) return undefined;
  const subtitle = fieldText(fields, `${prefix}subtitle`);
  const addon = fieldText(fields, `${prefix}titleaddon`);
  return `${title}${subtitle === undefined ? '' : `: ${subtitle}`}${addon === undefined ? '' : `. ${addon}`}`;
}

function ordinal(value: number): string {
  const tens = value % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[value % 10] ?? 'th';
  return `${value}${suffix}`;
}
