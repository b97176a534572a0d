import { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import type { StageCache } from '../pipeline/stage-cache.js';
import { readPeriodTable, type PeriodTableSource } from './read-period-table.js';

/**
 * For a long-lived process: a period table reader that parses and checks a data file once while
 * its text stays the same. The file is read into a scratch file the first time; every read gives
 * the file at hand copies of the messages that reading made, and the data bound to that file, so
 * later problems (a cell's Markdown) are reported on it too.
 */
export function rememberedTableReader(cache: StageCache): (file: VFile) => PeriodTableSource | undefined {
  return (file) => {
    const kept = cache.remember('period-table-data', `${file.path ?? ''}\0${String(file.value)}`, () => {
      const scratch = new VFile({ path: file.path, cwd: file.cwd, value: file.value });
      return { table: readPeriodTable(scratch), messages: scratch.messages };
    });
    for (const message of kept.messages) file.messages.push(copyMessage(message));
    // The source's own place lookups read the scratch file: the same text, so the same places.
    return kept.table && { ...kept.table, source: { ...kept.table.source, file } };
  };
}

/** A message of its own: a later stage may change a message's severity (the project's configuration). */
function copyMessage(message: VFileMessage): VFileMessage {
  return Object.assign(Object.create(Object.getPrototypeOf(message) as object) as VFileMessage, message);
}
