import { readFileSync, statSync } from 'node:fs';
import { VFile } from 'vfile';
import { location } from 'vfile-location';
import { report } from '../diagnostics/report.js';
import { decodeText, type TextProblem } from './decode-text.js';

/** A file the pipeline reads, or the reason it could not, in words for the author. */
export type ReadResult = { file: VFile } | { error: string };

/**
 * Texts to read instead of files, by absolute path: the unsaved buffers of an editor (`paper lsp`).
 * Only the load stage looks here; the stages after it see a VFile either way.
 */
export type UnsavedTexts = ReadonlyMap<string, string>;

/**
 * Read a UTF-8 source file into a VFile: the one reader of the manuscript, bibliographies, table
 * data, CSL styles and configuration. A leading byte order mark is dropped, so positions count from
 * the first character. Bytes that are not UTF-8 text are a `file-encoding` error at the line and
 * column of the first one: a file with a NUL byte (binary) is given no text at all; other text
 * keeps its readable parts (bad bytes as U+FFFD), so the rest of it can still be checked.
 */
export async function readSource(path: string, cwd: string, unsaved?: UnsavedTexts): Promise<ReadResult> {
  const text = unsaved?.get(path);
  if (text !== undefined) return { file: sourceFromText(path, cwd, text) };
  try {
    // Read synchronously: sources are read whole, one after another, and the promise API's round
    // trips through the thread pool took three times as long (~0.2 ms a file, a warm rebuild under
    // `paper watch` reads ten).
    const info = statSync(path);
    if (info.isDirectory()) return { error: 'it is a folder, not a file' };
    const { text, problem } = decodeText(readFileSync(path));
    if (!problem) return { file: new VFile({ path, cwd, value: text }) };
    const file = new VFile({ path, cwd, value: problem.kind === 'nul' ? '' : text });
    report(file, 'file-encoding', encodingReason(problem), location(text).toPoint(problem.index));
    return { file };
  } catch (error) {
    return { error: describeError(error) };
  }
}

/**
 * A source whose text an editor holds: already decoded (an editor shows bytes that are not UTF-8 as
 * it decoded them), so only a NUL makes it binary, a `file-encoding` error as for a file on disk.
 */
function sourceFromText(path: string, cwd: string, text: string): VFile {
  const nul = text.indexOf('\0');
  if (nul < 0) return new VFile({ path, cwd, value: text.startsWith('\uFEFF') ? text.slice(1) : text });
  const file = new VFile({ path, cwd, value: '' });
  report(file, 'file-encoding', encodingReason({ kind: 'nul', value: 0, index: nul, byte: nul }), location(text).toPoint(nul));
  return file;
}

/** Whether the load stage found the file's bytes not to be text (a `file-encoding` error). */
export function isUnreadableText(file: VFile): boolean {
  return file.messages.some((message) => message.ruleId === 'file-encoding' && message.fatal === true);
}

/**
 * Whether the load stage kept none of the file's text: it is binary (a NUL byte), reported as a
 * `file-encoding` error. What the file was meant to give (a table, entries) is then not there, and
 * saying so again ("found nothing") would report that one error twice.
 */
export function isBinarySource(file: VFile): boolean {
  return isUnreadableText(file) && String(file.value) === '';
}

function encodingReason(problem: TextProblem): string {
  const hex = `0x${problem.value.toString(16).toUpperCase().padStart(2, '0')}`;
  return problem.kind === 'nul'
    ? 'The file is not text (it holds NUL bytes, the first one here); save it as UTF-8 text'
    : `The file is not valid UTF-8 (byte ${hex}); save it as UTF-8`;
}

export function describeError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a folder, not a file';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
