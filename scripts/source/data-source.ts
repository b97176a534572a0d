import type { Position } from 'unist';
import type { VFile } from 'vfile';
import type { RuleId } from '../diagnostics/rules.js';

/**
 * Data read from a file (YAML, or a spreadsheet's CSV) that keeps where each value was written,
 * so that schema errors and Markdown inside the values point at their line and column.
 */
export interface DataSource {
  file: VFile;
  /** The rule that problems with the data are reported under. */
  ruleId: RuleId;
  /** The place of the value at `path` (or of its key), or of its closest ancestor that exists. */
  positionAt(path: readonly PropertyKey[], which?: 'key' | 'value'): Position;
  /** The offset in the file where the text of the string at `path` begins, when it stands there verbatim. */
  textOffset(path: readonly PropertyKey[]): number | undefined;
}
