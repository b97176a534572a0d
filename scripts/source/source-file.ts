import type { Data, Node } from 'unist';
import type { VFile } from 'vfile';

/** The data of a node built from a file other than the manuscript (a period table from its data file). */
export interface SourceData extends Data {
  /** The data file the node was built from; messages about its content go on this file. */
  sourceFile?: VFile;
}

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
