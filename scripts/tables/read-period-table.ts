import type { VFile } from 'vfile';
import { report } from '../diagnostics/report.js';
import { reportSchemaIssues } from '../source/schema-issues.js';
import type { DataSource } from '../source/data-source.js';
import { parseYamlSource } from '../source/yaml-source.js';
import { readCsvTable } from './csv-period-table.js';
import type { PeriodColumn } from './period-table-node.js';
import { periodTableSchema, type PeriodTableData } from './period-table-schema.js';

export interface PeriodTableSource {
  data: PeriodTableData;
  columns: PeriodColumn[];
  source: DataSource;
}

/**
 * Read a period table's data file (already loaded into `file`): YAML, or CSV (`.csv`) from a
 * spreadsheet, both checked against the same schema. Every problem is a `table-schema` message at
 * its line and column. Returns the data only when it is entirely valid.
 */
export function readPeriodTable(file: VFile): PeriodTableSource | undefined {
  const parsed = file.extname?.toLowerCase() === '.csv' ? readCsvTable(file) : parseYamlSource(file, String(file.value), 0, 'table-schema');
  if (!parsed) return undefined;
  const { source, value } = parsed;
  const result = periodTableSchema.safeParse(value);
  if (!result.success) {
    reportSchemaIssues(source, result.error.issues, value);
    return undefined;
  }
  const before = file.messages.length;
  const columns = readColumns(result.data, source);
  checkCells(result.data, columns, source);
  if (file.messages.slice(before).some((message) => message.fatal)) return undefined;
  return { data: result.data, columns, source };
}

function readColumns(data: PeriodTableData, source: DataSource): PeriodColumn[] {
  const columns: PeriodColumn[] = [];
  for (const [index, written] of data.columns.entries()) {
    const label = typeof written === 'string' ? written : written.label;
    const tone = typeof written === 'string' ? undefined : written.tone;
    const [first, last] = label.split('-').map(Number) as [number, number?];
    const column: PeriodColumn = { label, first, last: last ?? first, tone };
    const place = source.positionAt(typeof written === 'string' ? ['columns', index] : ['columns', index, 'label']);
    const previous = columns.at(-1);
    if (column.last < column.first) {
      report(source.file, 'table-schema', `Column \`${label}\` ends before it starts`, place);
    } else if (columns.some((other) => other.label === label)) {
      report(source.file, 'table-schema', `Column \`${label}\` is listed twice`, place);
    } else if (previous && column.first <= previous.last) {
      const clash = columns.find((other) => column.first <= other.last && column.last >= other.first);
      const reason = clash
        ? `Column \`${label}\` overlaps column \`${clash.label}\``
        : `Column \`${label}\` comes before column \`${previous.label}\`; list columns in chronological order`;
      report(source.file, 'table-schema', reason, place);
    }
    columns.push(column);
  }
  return columns;
}

function checkCells(data: PeriodTableData, columns: PeriodColumn[], source: DataSource): void {
  const labels = columns.map((column) => column.label);
  for (const [rowIndex, row] of data.rows.entries()) {
    const covered = new Map<number, string>();
    for (const [label, cell] of Object.entries(row.cells)) {
      const path = ['rows', rowIndex, 'cells', label];
      const index = labels.indexOf(label);
      if (index < 0) {
        report(source.file, 'table-schema', `\`${label}\` is not a column of this table; the columns are ${labels.map((l) => `\`${l}\``).join(', ')}`, source.positionAt(path, 'key'));
        continue;
      }
      const until = typeof cell === 'object' && cell !== null && !Array.isArray(cell) && 'until' in cell ? cell.until : undefined;
      const end = until === undefined ? index : labels.indexOf(until);
      if (until !== undefined && end <= index) {
        const reason = end < 0 ? `\`${until}\` is not a column of this table` : `A cell in column \`${label}\` cannot span until the earlier column \`${until}\``;
        report(source.file, 'table-schema', reason, source.positionAt([...path, 'until']));
        continue;
      }
      for (let column = index; column <= end; column++) {
        const owner = covered.get(column);
        if (owner !== undefined) {
          report(source.file, 'table-schema', `Column \`${labels[column]}\` of row \`${row.category}\` is filled twice (by \`${owner}\` and \`${label}\`)`, source.positionAt(path, 'key'));
        }
        covered.set(column, label);
      }
    }
  }
}
