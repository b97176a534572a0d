import { relative } from 'node:path';
import type { VFile } from 'vfile';
import { report } from '../diagnostics/report.js';
import { scanBibtex, type BibEntry } from './bibtex-scan.js';

/** A bibliography entry and the file it was written in. */
export interface PlacedEntry {
  entry: BibEntry;
  file: VFile;
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
  for (const file of files) {
    const scan = scanBibtex(String(file.value));
    for (const key of scan.brokenKeys) brokenKeys.add(key);
    for (const problem of scan.problems) report(file, problem.ruleId, problem.reason, problem.position);
    // Text with no entry at all (not BibTeX, or an export that went wrong), unless it failed to read or parse already.
    if (scan.entries.length === 0 && scan.problems.length === 0 && !file.messages.some((message) => message.fatal)) {
      report(file, 'bib-empty', 'The bibliography has no entries; citations of it will be unknown keys', { line: 1, column: 1 });
    }
    texts.push(...scan.stringSources);
    strings.push(...scan.stringSources);
    for (const entry of scan.entries) {
      const first = entries.get(entry.key);
      if (first) {
        const where = `${first.file === file ? '' : `${relative(first.file.cwd, first.file.path)}:`}${first.entry.keyPosition.start.line}:${first.entry.keyPosition.start.column}`;
        report(file, 'bib-duplicate-key', `Duplicate bibliography key \`${entry.key}\`; first defined at ${where}`, entry.keyPosition);
        continue;
      }
      entries.set(entry.key, { entry, file });
      texts.push(entry.citeSource);
    }
  }
  return { entries, cleanText: texts.join('\n\n'), strings, brokenKeys };
}
