import { readFileSync } from 'node:fs';
import { fromRoot } from './paths.js';

/**
 * The source text of the paper (a copy of ../shared/source-paper, so the tests run without it),
 * cut into what the tests compare with the build: paragraphs of the body, the notes, the tables'
 * cells and the reference list.
 */
export const sourceText = readFileSync(fromRoot('test/fixtures/source-paper.txt'), 'utf8');
const lines = sourceText.split('\n');

/**
 * The author-date citations as the source writes them. The build renders them in
 * its own style, so the comparison of running text takes them out on both sides.
 */
export const sourceCitations = [
  "(Kazakhstan's Embassy in Russia 2009:12)",
  '(Olcott 1992:111)',
  '(Litvinov 2010)',
  '(1999)',
  '(2001)',
  '(2009)',
  '(2000)',
  '(Aben 2000)',
  '(Bolukbasi 1998)',
  '(Decree of the President of the Russian Federation 1995)',
  '(Zvyagelskaya 2004)',
  '(Kozyrev 1992)',
  '(Cummings 2001: 145)',
  '(Alexandrov 1997: 175)',
  '(Russian Federation Foreign Policy Concept 2000)',
  '(Manasheva 2006)',
  '(2005)',
  '(Libman and Heifets 2006)',
  '(Laumulin 2009: 12)',
  '(Kurtov 2010)',
  '(Laumulin 2009; Cummings 2001; Buszynski 2005; etc.)',
  '(Kokoshin, Bogaturov, et al. 2004)',
  '(see also, among other publications, Blank 2006)',
];

/** Note markers (`[5]`): the build sets a note call right after the word, without the space. */
const noteMarker = /\s?\[\d\]/g;

/** Spaces, quotes and the space left before punctuation by a removed citation, made uniform. */
export function normalise(text: string): string {
  return text
    // The source mixes straight and curly quotes; the paper sets them as Pandoc's `smart` does: words are compared, not quote styles.
    .replace(/[“”]/g, '"')
    .replace(/[‘’]/g, "'")
    .replace(/\s+/g, ' ')
    .replace(/ ([.,;:)])/g, '$1')
    .trim();
}

/** The source's own markup (`*italics*`) and its citations, taken out of a source paragraph. */
export function withoutCitations(text: string): string {
  let result = text.replaceAll('*', '');
  for (const citation of sourceCitations) result = result.split(citation).join(' ');
  return result.replace(noteMarker, '');
}

function between(start: string, end: string): string[] {
  const from = lines.indexOf(start);
  const to = lines.indexOf(end, from + 1);
  if (from < 0 || to < 0) throw new Error(`Source lines \`${start}\`..\`${end}\` not found`);
  return lines.slice(from + 1, to);
}

const headingLine = /^(\d+(\.\d+)*\.? [A-Z' ]|INTRODUCTION|CONCLUSION|ACKNOWLEDGEMENTS)/;

/**
 * The body's paragraphs (page-break fragments stay separate: each must appear in the build), with
 * headings, the title's note and list markers left out.
 */
export function bodyParagraphs(): string[] {
  return between('INTRODUCTION', 'NOTES')
    .filter((line) => line.trim() !== '' && !headingLine.test(line) && !line.startsWith('¹'))
    .map((line) => line.replace(/^- /, ''));
}

export function noteParagraphs(): string[] {
  return between('NOTES', 'Table 1')
    .filter((line) => line.trim() !== '')
    .map((line) => line.replace(/^\d\.? /, ''));
}

export const sourceHeadings = [
  'INTRODUCTION',
  '1. STAGES OF RELATIONS',
  '1.1. EXISTING THEORETICAL APPROACHES',
  '1.2. METHODOLOGICAL APPROACH APPLIED',
  '2. RUSSIAN FOREIGN POLICY TRANSFORMATIONS.',
  "2.1. YELTSIN'S PERIOD: INDEPENDENCE FROM PREVIOUS TIES?",
  "2.2 PUTIN'S PERIOD: RE-THINKING NATIONAL AND FOREIGN POLICY STRATEGIES",
  'CONCLUSION',
  'ACKNOWLEDGEMENTS',
  'NOTES',
  'REFERENCES CITED',
];

export interface SourceTable {
  caption: string;
  columns: string[];
  rows: Array<{ category: string; cells: string[] }>;
}

/**
 * The four period tables as the source lays them out: tab-separated lines, a row continued on the
 * next line after a page break (its first cell empty, or "agreements"), markup as `<u>`/`<i>`.
 */
export function sourceTables(): SourceTable[] {
  const tables: SourceTable[] = [];
  let current: SourceTable | undefined;
  for (const line of lines.slice(lines.indexOf('Table 1'), lines.indexOf('REFERENCES CITED'))) {
    if (/^Table ?\d\.\d\. /.test(line)) {
      current = { caption: line.replace(/^Table ?\d\.\d\. /, ''), columns: [], rows: [] };
      tables.push(current);
      continue;
    }
    if (!current || !line.includes('\t')) continue;
    const cells = line.split('\t');
    const first = cells[0] ?? '';
    if (first === '' && current.columns.length === 0) {
      current.columns = cells.slice(1).filter((cell) => cell !== '');
      continue;
    }
    const previous = current.rows.at(-1);
    if (previous && (first === '' || first === 'agreements')) {
      if (first === 'agreements') previous.category += ' agreements';
      cells.slice(1).forEach((cell, index) => {
        if (cell) previous.cells[index] = `${previous.cells[index] ?? ''} ${cell}`.trim();
      });
      continue;
    }
    current.rows.push({ category: first, cells: cells.slice(1) });
  }
  return tables;
}

export function sourceReferences(): string[] {
  return lines
    .slice(lines.indexOf('REFERENCES CITED') + 1)
    .filter((line) => line.startsWith('- '))
    .map((line) => line.slice(2));
}
