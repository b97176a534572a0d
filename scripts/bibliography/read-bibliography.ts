import { relative } from 'node:path';
import type { VFile } from 'vfile';
import { report } from '../diagnostics/report.js';
import { scanBibtex, type BibEntry } from './bibtex-scan.js';
import { isCslData, readCslData, type CslDataEntry } from './csl-data.js';
import { scanRis } from './ris-scan.js';

/** A bibliography entry and the file it was written in. */
export interface PlacedEntry {
  entry: BibEntry;
  file: VFile;
  /** The item of a CSL-JSON or CSL-YAML bibliography, used as it is (its `entry` has no fields). */
  csl?: CslDataEntry['item'] | undefined;
  /** The record of a RIS bibliography, which citation-js reads when a build renders it (its `entry` has its authors alone). */
  ris?: string | undefined;
}

export interface Bibliography {
  /** Entries by key; when a key is defined twice the first definition wins (and both are reported). */
  entries: Map<string, PlacedEntry>;
  /**
   * BibTeX text of every entry that loaded, with the `@string` definitions it may use: what the
   * render stage hands to citation-js, which cannot skip a broken entry on its own.
   */
  cleanText: string;
  /** The source text of every `@string` definition, in order: what each entry converted on its own needs. */
  strings: string[];
  /** Keys whose entry could not be read (a syntax error, reported); citing them is not an unknown key. */
  brokenKeys: Set<string>;
}

/**
 * Scan every bibliography file with positions. Syntax errors are reported at their line and column
 * and only drop their own entry; a key defined twice (in one file or across files) is an error that
 * names both places.
 */
export function readBibliography(files: VFile[]): Bibliography {
  const entries = new Map<string, PlacedEntry>();
  const texts: string[] = [];
  const strings: string[] = [];
  const brokenKeys = new Set<string>();
  /** Keep an entry unless its key is taken (a duplicate, reported at both places). */
  const addEntry = (entry: BibEntry, file: VFile, csl?: CslDataEntry['item'], ris?: string): boolean => {
    const first = entries.get(entry.key);
    if (first) {
      const where = `${first.file === file ? '' : `${relative(first.file.cwd, first.file.path)}:`}${first.entry.keyPosition.start.line}:${first.entry.keyPosition.start.column}`;
      report(file, 'bib-duplicate-key', `Duplicate bibliography key \`${entry.key}\`; first defined at ${where}`, entry.keyPosition);
      return false;
    }
    entries.set(entry.key, { entry, file, csl, ris });
    return true;
  };
  for (const file of files) {
    if (isCslData(file.path)) {
      const items = readCslData(file);
      if (items.length === 0 && !file.messages.some((message) => message.fatal)) {
        report(file, 'bib-empty', 'The bibliography has no entries; citations of it will be unknown keys', { line: 1, column: 1 });
      }
      for (const data of items) {
        const entry: BibEntry = { type: data.item.type, key: data.id, keyPosition: data.keyPosition, position: data.position, fields: [], source: '', citeSource: '' };
        if (addEntry(entry, file, data.item)) texts.push(JSON.stringify(data.item));
      }
      continue;
    }
    if (isRis(file.path)) {
      const { records, brokenKeys: broken } = scanRis(file);
      for (const key of broken) brokenKeys.add(key);
      if (records.length === 0 && !file.messages.some((message) => message.fatal || message.ruleId === 'bib-syntax')) {
        report(file, 'bib-empty', 'The bibliography has no entries; citations of it will be unknown keys', { line: 1, column: 1 });
      }
      for (const record of records) {
        // The authors, as BibTeX names them, for the author-name check; citation-js reads the rest.
        const fields = record.authors.map(({ name, position }) => ({ name: 'author', value: name, position, valuePosition: position }));
        const entry: BibEntry = { type: `ris-${record.type.toLowerCase()}`, key: record.key, keyPosition: record.keyPosition, position: record.position, fields, source: record.source, citeSource: '' };
        if (addEntry(entry, file, undefined, record.source)) texts.push(record.source);
      }
      continue;
    }
    const scan = scanBibtex(String(file.value));
    for (const key of scan.brokenKeys) brokenKeys.add(key);
    for (const problem of scan.problems) report(file, problem.ruleId, problem.reason, problem.position);
    // Text with no entry at all (not BibTeX, or an export that went wrong), unless it failed to read or parse already.
    if (scan.entries.length === 0 && scan.problems.length === 0 && !file.messages.some((message) => message.fatal)) {
      report(file, 'bib-empty', 'The bibliography has no entries; citations of it will be unknown keys', { line: 1, column: 1 });
    }
    texts.push(...scan.stringSources);
    strings.push(...scan.stringSources);
    for (const entry of scan.entries) if (addEntry(entry, file)) texts.push(entry.citeSource);
  }
  return { entries, cleanText: texts.join('\n\n'), strings, brokenKeys };
}

/** Whether a bibliography file is RIS, by its extension. */
export function isRis(path: string | undefined): boolean {
  return /\.ris$/i.test(path ?? '');
}
