/**
 * A BibTeX scanner that keeps source positions and recovers from errors. citation-js throws on the
 * first syntax error and gives no positions; this scan reports every problem at its place, drops
 * only the broken entry, and hands back the exact source text of each good entry (and of each
 * `@string`) for citation-js to convert. It decodes no LaTeX and splits no names. Pure: no I/O.
 *
 * Rules, in brief (details beside the code that applies them):
 * - Text outside entries is a comment. An `@` that starts a line (only whitespace before it) always
 *   starts an entry; an `@` inside a line does so only when `type{` or `type(` follows, so an e-mail
 *   address in a comment is not an error.
 * - `@comment` skips a balanced `{…}` (or `(…)`) after it, or the text up to the next line-initial
 *   `@` when the group is not closed by then. `@preamble` is read as a value and dropped. Between
 *   the tokens of an entry, `%` starts a comment to the end of the line, as in biber and citation-js.
 * - After a syntax error the entry is dropped and the scan resumes at the next line-initial `@`.
 *   An entry that reaches a line-initial `@` or the end of the file before its closing delimiter is
 *   "not closed", reported at its own `@`; so an entry may not contain a line-initial `@`, even in a
 *   braced value.
 * - Values: `{…}`, `"…"`, digits, macros, joined by `#`; whitespace runs collapse to one space and
 *   the value is trimmed, as BibTeX stores it. Months `jan`..`dec` are predefined (`monthMacros`).
 *   An undefined macro is a syntax error (citation-js would silently make it empty).
 * - Where BibTeX and citation-js differ, the scan accepts only what citation-js parses the same way:
 *   `\{`, `\}` and `\\` do not count as braces; a `}` outside braces in `"…"` is an error; an entry
 *   needs a `,` after its key (`@book{x}` is an error, `@book{x,}` is not); names are
 *   `[a-zA-Z_][a-zA-Z0-9_:+-]*`; a key may not be followed directly by a character outside keys.
 */
import { readEntry, type BibEntry, type BibProblem } from './bibtex-entry.js';
import { location } from 'vfile-location';
import type { PointAt, Reader } from './bibtex-reader.js';
import { isLineInitial, looksLikeEntry, nextLineInitialAt } from './bibtex-text.js';

export type { BibEntry, BibField, BibProblem } from './bibtex-entry.js';
export { monthMacros } from './bibtex-reader.js';
export type { PointAt } from './bibtex-reader.js';

export interface BibScan {
  /** Only the entries that parsed completely, in source order. */
  entries: BibEntry[];
  /** The `@string` macros (not the predefined months), by lower-cased name, expanded. A later definition wins. */
  strings: Map<string, string>;
  /** Exact source text of each good `@string`, to prepend to the entries given to citation-js. */
  stringSources: string[];
  /** In source order. */
  problems: BibProblem[];
  /**
   * Keys of entries dropped for a syntax error, when the key itself was read: citations of them
   * are not "unknown", their entry is broken (and that is already reported).
   */
  brokenKeys: string[];
}

/** Scan BibTeX `text`. Never throws; linear in the length of the text. */
export function scanBibtex(text: string): BibScan {
  const reader: Reader = {
    text,
    pointAt: pointsOf(text),
    strings: new Map(),
    pos: 0,
    entryStart: 0,
    entryLabel: '',
    failure: undefined,
  };
  const scan: BibScan = { entries: [], strings: reader.strings, stringSources: [], problems: [], brokenKeys: [] };
  let pos = 0;
  for (;;) {
    const at = text.indexOf('@', pos);
    if (at === -1) break;
    if (!isLineInitial(text, at) && !looksLikeEntry(text, at)) {
      pos = at + 1;
      continue;
    }
    const piece = readEntry(reader, at);
    if (piece === undefined) {
      const failure = reader.failure ?? { reason: 'Cannot read entry', start: at, end: at, resume: at };
      const position = { start: reader.pointAt(failure.start), end: reader.pointAt(failure.end) };
      scan.problems.push({ ruleId: 'bib-syntax', reason: failure.reason, position });
      if (reader.entryLabel !== '' && !reader.entryLabel.startsWith('@')) scan.brokenKeys.push(reader.entryLabel);
      reader.failure = undefined;
      pos = nextLineInitialAt(text, Math.max(failure.resume, at + 1));
      continue;
    }
    if (piece.kind === 'entry') {
      scan.entries.push(piece.entry);
      for (const problem of piece.duplicates) scan.problems.push(problem);
    } else if (piece.kind === 'string') {
      reader.strings.set(piece.name, piece.value);
      scan.stringSources.push(piece.source);
    }
    pos = reader.pos;
  }
  return scan;
}

/**
 * Offsets to points as vfile-location counts them (lines end at `\n`, `\r\n` or `\r`; columns
 * count UTF-16 code units from 1). A leading byte order mark takes no column (editors do not show
 * it, and remark drops it), but offsets stay those of `text` as given: after a BOM, the first `@`
 * is at line 1, column 1, offset 1.
 */
export function pointsOf(text: string): PointAt {
  const points = location(text);
  const bom = text.charCodeAt(0) === 0xfeff;
  return (offset) => {
    const point = points.toPoint(Math.min(offset, text.length)) ?? { line: 1, column: 1 };
    const column = bom && point.line === 1 ? Math.max(point.column - 1, 1) : point.column;
    return { line: point.line, column, offset };
  };
}
