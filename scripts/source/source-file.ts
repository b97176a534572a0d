import type { Node } from 'unist';
import type { VFile } from 'vfile';
import type { SourceData } from '../tables/period-table-node.js';

/**
 * The file a node was written in. Nodes built from a data file (a period table) carry it in
 * `data.sourceFile`; everything else comes from the manuscript.
 */
export function sourceFileOf(ancestors: readonly Node[], manuscript: VFile): VFile {
  for (let index = ancestors.length - 1; index >= 0; index--) {
    const data = ancestors[index]?.data as SourceData | undefined;
    if (data?.sourceFile) return data.sourceFile;
  }
  return manuscript;
}
