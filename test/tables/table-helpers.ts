import type { Root as HastRoot } from 'hast';
import type { Root } from 'mdast';
import { toHtml } from 'hast-util-to-html';
import { toHast } from 'mdast-util-to-hast';
import { readFileSync } from 'node:fs';
import { VFile } from 'vfile';
import { collectCrossrefTargets, type CrossrefTarget } from '../../scripts/citations/crossref-targets.js';
import { createFragmentParser, footnoteLabels } from '../../scripts/markdown/fragments.js';
import { createMarkdownParser } from '../../scripts/pipeline/parse.js';
import { captionedTableToHast, tableToHast } from '../../scripts/tables/captioned-table-hast.js';
import type { CaptionedTable } from '../../scripts/tables/captioned-table.js';
import { tableCaptionsTransform } from '../../scripts/tables/captioned-table.js';
import { periodTableToHast, tableGroupToHast } from '../../scripts/tables/period-table-hast.js';
import { pandocTableCellsTransform } from '../../scripts/tables/pandoc-table-cells.js';
import { periodTablesTransform } from '../../scripts/tables/period-tables-transform.js';
import { parse } from '../helpers/parse.js';

/** Markdown through the table steps of the resolve stage, as the pipeline runs them. */
export function resolveTables(markdown: string, dataFiles: Record<string, string> = {}): { tree: Root; file: VFile; targets: Map<string, CrossrefTarget> } {
  const { tree, file } = parse(markdown);
  const files = new Map(Object.entries(dataFiles).map(([src, path]) => [src, { file: new VFile({ path, value: readFileSync(path, 'utf8') }) }]));
  const fragments = createFragmentParser(createMarkdownParser(), footnoteLabels(tree));
  pandocTableCellsTransform(tree, file, fragments);
  tableCaptionsTransform(tree, file);
  periodTablesTransform(tree, file, { files, parseInline: fragments.inlineMany });
  return { tree, file, targets: collectCrossrefTargets(tree, file) };
}

/** The HTML of the tables' part of the document, as the render stage makes it. */
export function tablesHtml(markdown: string, dataFiles: Record<string, string> = {}): string {
  const { tree } = resolveTables(markdown, dataFiles);
  const hast = toHast(tree, { handlers: { table: tableToHast, captionedTable: (state, node: CaptionedTable) => captionedTableToHast(state, node), tableGroup: tableGroupToHast, periodTable: periodTableToHast } }) as HastRoot;
  return toHtml(hast);
}
