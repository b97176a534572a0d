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
}

/**
 * Messages for people: one line each, `file:line:col-line:col  severity  reason  rule-id`, grouped
 * by file in the order given, sorted by place within a file, then a summary line. Every line names
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

/** The lines of `formatMessages`, one a message, without the summary. */
export function messageLines(files: VFile[], options: FormatOptions): string[] {
  const lines: string[] = [];
  for (const file of files) {
    const messages = [...file.messages].filter((message) => !options.quiet || message.fatal === true).sort(compareMessage);
    const path = displayPath(file, options.cwd);
    for (const message of messages) lines.push(formatLine(path, message));
  }
  return lines;
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

function formatLine(path: string, message: VFileMessage): string {
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
