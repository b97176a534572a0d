import { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import type { StageCache } from './stage-cache.js';

/**
 * For a long-lived process: the result of reading `file` (parsing, checking) computed once while
 * its text stays the same. It is computed on a scratch copy of the file, and every call gives
 * `file` copies of the messages that reading made, so each build reports them on its own file.
 * The result must not hold on to the scratch file for reporting: callers bind it to `file`.
 * `key` holds what else the result depends on; `upTo` is how much of the file's text it reads
 * (all of it by default; less, for the front matter at the top of a manuscript).
 */
export function rememberWithMessages<T>(cache: StageCache, scope: string, file: VFile, key: string, read: (scratch: VFile) => T, upTo?: number): T {
  const kept = cache.remember(scope, `${file.path ?? ''}\0${key}\0${String(file.value).slice(0, upTo)}`, () => {
    const scratch = new VFile({ path: file.path, cwd: file.cwd, value: file.value });
    return { result: read(scratch), messages: scratch.messages };
  });
  for (const message of kept.messages) file.messages.push(copyMessage(message));
  return kept.result;
}

/** A message of its own: a later stage may change a message's severity (the project's configuration). */
function copyMessage(message: VFileMessage): VFileMessage {
  return Object.assign(Object.create(Object.getPrototypeOf(message) as object) as VFileMessage, message);
}
