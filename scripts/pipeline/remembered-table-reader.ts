import type { VFile } from 'vfile';
import { rememberWithMessages } from '../source/remember-with-messages.js';
import type { StageCache } from '../source/stage-cache.js';
import { readPeriodTable, type PeriodTableSource } from '../tables/read-period-table.js';

/**
 * For a long-lived process: a period table reader that parses and checks a data file once while
 * its text stays the same, with the data bound to the file at hand, so later problems (a cell's
 * Markdown) are reported on it.
 */
export function rememberedTableReader(cache: StageCache): (file: VFile) => PeriodTableSource | undefined {
  return (file) => {
    const table = rememberWithMessages(cache, 'period-table-data', file, '', readPeriodTable);
    // The source's own place lookups read the scratch file: the same text, so the same places.
    return table && { ...table, source: { ...table.source, file } };
  };
}
