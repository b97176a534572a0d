import { isAbsolute, relative } from 'node:path';
import type { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import { reporterJson } from 'vfile-reporter-json';
import { stringifyPosition } from 'unist-util-stringify-position';
import { compareMessage } from 'vfile-sort';
import { statistics } from 'vfile-statistics';

export interface FormatOptions {
  /** Paths are printed relative to this folder. */
  cwd: string;
  /** Errors only. */
  quiet?: boolean;
  /** Every message on a line of its own: the messages of `summarisedRules` are not summarised. */
  verbose?: boolean;
}

/**
 * Rules whose messages come by the hundred from one file, each true but together hiding everything
 * else (a shared Zotero library: 247 entries never cited). In the terminal, two or more of them in
 * one file are one line at the first of them, saying how many; `--verbose` shows each, and
 * `--format json` always does. They all still count in the summary's totals.
 */
const summarisedRules: Readonly<Record<string, (count: number) => string>> = {
  'bib-unused-entry': (count) => `${count} entries are neither cited nor in \`nocite\`; \`--verbose\` lists them`,
};

/**
 * Messages for people: one line each, `file:line:col-line:col  severity  reason  rule-id`, grouped
 * by file in the order given, sorted by place within a file (a rule's many in one file as one line
 * unless `verbose`: `summarisedRules`), then the totals. Every line names
 * its file, so editors and CI logs can jump to it (vfile-reporter's layout puts the file on a line
 * of its own instead). Returns an empty string when there is nothing to say.
 */
export function formatMessages(files: VFile[], options: FormatOptions): string {
  const lines = messageLines(files, options);
  const counts = statistics(files);
  const shownWarnings = options.quiet ? 0 : counts.warn;
  if (counts.fatal === 0 && shownWarnings === 0) return lines.join('\n');
  const parts = [];
  if (counts.fatal > 0) parts.push(`✖ ${counts.fatal} ${counts.fatal === 1 ? 'error' : 'errors'}`);
  if (shownWarnings > 0) parts.push(`⚠ ${shownWarnings} ${shownWarnings === 1 ? 'warning' : 'warnings'}`);
  return `${lines.join('\n')}\n\n${parts.join(', ')}`;
}

/** The lines of `formatMessages`, one a message (or one for many, `summarisedRules`), without the totals. */
export function messageLines(files: VFile[], options: FormatOptions): string[] {
  const lines: string[] = [];
  for (const file of files) {
    const messages = [...file.messages].filter((message) => !options.quiet || message.fatal === true).sort(compareMessage);
    const path = displayPath(file, options.cwd);
    const summaries = options.verbose ? new Map<string, string>() : summariesOf(messages);
    const summarised = new Set<string>();
    for (const message of messages) {
      const rule = message.ruleId ?? '';
      const summary = summaries.get(rule);
      if (summary === undefined) lines.push(formatLine(path, message));
      else if (!summarised.has(rule)) {
        summarised.add(rule);
        // The first of them stands for all, at its own place: an editor jumps to it.
        const place = message.place && 'start' in message.place ? message.place.start : message.place;
        lines.push(formatLine(path, { place, reason: summary, fatal: message.fatal, ruleId: message.ruleId }));
      }
    }
  }
  return lines;
}

/** The summary line's reason by rule id, for each summarised rule with two or more of `messages`. */
function summariesOf(messages: VFileMessage[]): Map<string, string> {
  const counts = new Map<string, number>();
  for (const { ruleId } of messages) if (ruleId !== undefined && Object.hasOwn(summarisedRules, ruleId)) counts.set(ruleId, (counts.get(ruleId) ?? 0) + 1);
  const summaries = new Map<string, string>();
  for (const [ruleId, count] of counts) {
    const summary = summarisedRules[ruleId];
    if (summary && count > 1) summaries.set(ruleId, summary(count));
  }
  return summaries;
}

/** The vfile-reporter-json format, with paths relative to `cwd`. */
export function formatJson(files: VFile[], options: FormatOptions): string {
  const shown = files.map((file) => {
    const copy = Object.assign(Object.create(Object.getPrototypeOf(file) as object) as VFile, file);
    copy.history = [displayPath(file, options.cwd)];
    copy.messages = options.quiet ? file.messages.filter((message) => message.fatal === true) : file.messages;
    return copy;
  });
  return reporterJson(shown);
}

function formatLine(path: string, message: Pick<VFileMessage, 'place' | 'reason' | 'fatal' | 'ruleId'>): string {
  const place = message.place;
  // A range that starts and ends at one point is shown as that point; no place is the file's start.
  const point = place && 'start' in place && place.start.line === place.end.line && place.start.column === place.end.column ? place.start : place;
  const where = stringifyPosition(point) || '1:1';
  const severity = message.fatal === true ? 'error' : message.fatal === false ? 'warning' : 'info';
  return printable(`${path}:${where}  ${severity}  ${message.reason}  ${message.ruleId ?? ''}`.trimEnd());
}

/**
 * Control characters shown as `\xHH`: C0 (tab aside), DEL and C1. A message quotes what files
 * hold (a YAML key, a browser's error output); written raw, an escape sequence in it could clear
 * the terminal, retitle its window or print a fake "all checks passed".
 */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u0008\u000A-\u001F\u007F-\u009F]/g, (character) => `\\x${character.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

function displayPath(file: VFile, cwd: string): string {
  return file.path ? shownPath(file.path, cwd) : '<input>';
}

/** A path as people read it: relative to the working folder when inside it, absolute otherwise. */
export function shownPath(path: string, cwd: string): string {
  const shown = relative(cwd, path);
  return shown === '' || shown.startsWith('..') || isAbsolute(shown) ? path : shown;
}
