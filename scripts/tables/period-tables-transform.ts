import type { Paragraph, PhrasingContent, Root, RootContent } from 'mdast';
import type { ContainerDirective, LeafDirective } from 'mdast-util-directive';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { report } from '../diagnostics/report.js';
import type { InlineParser } from '../markdown/fragments.js';
import { buildPeriodTable } from './build-period-table.js';
import { numberCaptionedTable, takesTableNumber } from './captioned-table.js';
import { directiveDataFile, type LoadedDataFile } from './directive-data-file.js';
import type { PeriodTable, TableCaption, TableGroup } from './period-table-node.js';
import { readPeriodTable } from './read-period-table.js';

export const periodTableDirective = 'period-table';
export const tableGroupDirective = 'table-group';


export interface PeriodTablesOptions {
  /** Data files by the `src` written in the directive. */
  files: ReadonlyMap<string, LoadedDataFile>;
  parseInline: InlineParser;
  /** How a data file becomes a table's source; the transform reads each file once. */
  read?: (data: VFile) => ReturnType<typeof readPeriodTable>;
}

/** The options as the transform passes them on: each data file read once, and the failed tables noted. */
interface TableReading extends PeriodTablesOptions {
  failed: Set<string>;
}

/**
 * The ids of the period tables whose data could not be read or did not fit the schema (each
 * already reported once): a graph that draws from one of them, or a cross-reference to one, is a
 * consequence of that error, not a second one.
 */
export type FailedTables = ReadonlySet<string>;

/** Directives that name a data file (`src`): the load stage reads those files before resolving. */
const dataDirectives = new Set([periodTableDirective, 'trend-graph']);

/** The `src` of every `::period-table` and `::trend-graph` directive, so the load stage can read them first. */
export function dataFileSources(tree: Root): string[] {
  const sources: string[] = [];
  visit(tree, 'leafDirective', (node) => {
    const src = dataDirectives.has(node.name) ? node.attributes?.src : undefined;
    if (src) sources.push(src);
  });
  return sources;
}

/**
 * Replace `:::table-group` and `::period-table` directives with period table nodes built from their
 * data files, and number them: groups and lone tables 1, 2, …; tables in a group 1.1, 1.2, ….
 * Captioned Markdown tables with a `tbl` id (`tableCaptionsTransform`, run before) take their
 * numbers in the same series, in document order: "Table 3" after group 2. Returns the ids of the
 * tables that could not be built (`FailedTables`), for the graphs drawn from them.
 */
export function periodTablesTransform(tree: Root, file: VFile, options: PeriodTablesOptions): FailedTables {
  let counter = 0;
  const failed = new Set<string>();
  // A data file placed twice is read (and its problems reported) once.
  const read = new Map<VFile, ReturnType<typeof readPeriodTable>>();
  const reader = options.read ?? readPeriodTable;
  const readOnce = (data: VFile) => {
    if (!read.has(data)) read.set(data, reader(data));
    return read.get(data);
  };
  const reading: TableReading = { ...options, read: readOnce, failed };
  visit(tree, (node, index, parent) => {
    if (!parent || index === undefined) return;
    if (node.type === 'containerDirective' && node.name === tableGroupDirective) {
      counter += 1;
      parent.children[index] = tableGroup(node, String(counter), file, reading) as RootContent;
      return SKIP;
    }
    if (node.type === 'captionedTable') {
      if (takesTableNumber(node)) numberCaptionedTable(node, String((counter += 1)));
      return SKIP;
    }
    if (node.type === 'leafDirective' && node.name === periodTableDirective) {
      counter += 1;
      const table = periodTable(node, String(counter), file, reading);
      // A table that failed stays a directive: its id is still a known target, so cross-references
      // to it do not add errors on top of the one already reported.
      if (table) parent.children[index] = table;
      return SKIP;
    }
    return undefined;
  });
  return failed;
}

function tableGroup(node: ContainerDirective, label: string, file: VFile, options: TableReading): TableGroup {
  const caption: PhrasingContent[] = [];
  const tables: PeriodTable[] = [];
  const failed: LeafDirective[] = [];
  for (const child of node.children) {
    if (child.type === 'leafDirective' && child.name === periodTableDirective) {
      const number = `${label}.${tables.length + failed.length + 1}`;
      const table = periodTable(child, number, file, options);
      if (table) tables.push(table);
      else failed.push(child);
    } else if (child.type === 'paragraph') {
      caption.push(...(caption.length > 0 ? [{ type: 'break' as const }] : []), ...(child as Paragraph).children);
    } else {
      report(file, 'table-schema', `A table group holds a caption and \`::${periodTableDirective}\` directives, not \`${child.type}\``, child);
    }
  }
  const identifier = node.attributes?.id ?? `tbl-${label}`;
  const groupCaption: TableCaption = { type: 'tableCaption', children: caption };
  return { type: 'tableGroup', identifier, label, children: [groupCaption, ...tables], failed, position: node.position };
}

function periodTable(node: LeafDirective, label: string, file: VFile, options: TableReading): PeriodTable | undefined {
  const identifier = node.attributes?.id ?? `tbl-${label.replaceAll('.', '-')}`;
  const data = directiveDataFile(node, options.files, file, 'Table', `::${periodTableDirective}{src="tables/name.yaml"}`);
  const source = data && (options.read ?? readPeriodTable)(data);
  if (!source) {
    options.failed.add(identifier);
    // The directive stays as the failed table, with the id the table would have had: cross-references
    // to it (`@tbl-1-2` too) are then not reported on top of its own error.
    node.attributes = { ...node.attributes, id: identifier };
    return undefined;
  }
  const table = buildPeriodTable(source, identifier, options.parseInline);
  return { ...table, label, position: node.position };
}
