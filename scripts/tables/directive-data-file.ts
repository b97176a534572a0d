import type { LeafDirective } from 'mdast-util-directive';
import type { VFile } from 'vfile';
import { report } from '../diagnostics/report.js';
import { isBinarySource } from '../source/read-source.js';

/** A data file as the load stage found it: its content, or why it could not be read. */
export type LoadedDataFile = { file: VFile } | { error: string };

/**
 * The data file a directive names with `src` (a period table's, a graph's), as the load stage
 * read it. A missing `src` or an unreadable file is a `table-source-missing` error at the
 * directive, in words that say what to write (`example` shows the directive); a binary one, already
 * reported, gives nothing more.
 */
export function directiveDataFile(node: LeafDirective, files: ReadonlyMap<string, LoadedDataFile>, manuscript: VFile, what: string, example: string): VFile | undefined {
  const src = node.attributes?.src;
  if (!src) {
    report(manuscript, 'table-source-missing', `${what} has no data file; write \`${example}\``, node);
    return undefined;
  }
  const loaded = files.get(src);
  if (!loaded || 'error' in loaded) {
    report(manuscript, 'table-source-missing', `Cannot read ${what.toLowerCase()} data \`${src}\`: ${loaded && 'error' in loaded ? loaded.error : 'not loaded'}`, node);
    return undefined;
  }
  // A binary file is already a `file-encoding` error, at its first NUL byte.
  if (isBinarySource(loaded.file)) return undefined;
  return loaded.file;
}
