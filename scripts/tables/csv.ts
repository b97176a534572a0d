/**
 * CSV as spreadsheets write it (RFC 4180: quoted fields with `""` for a quote, fields across line
 * ends inside quotes), keeping where every field starts, so errors point at its line and column.
 * Written here because the CSV libraries report records' lines but not fields' places. The
 * separator is `,`, or `;` when the header line has more of those (as spreadsheets set to a
 * locale with a decimal comma export).
 */
export interface CsvField {
  value: string;
  /** Offset of the field's first character (its opening quote, if quoted). */
  start: number;
  /** Offset of the value's first character. */
  contentStart: number;
  quoted: boolean;
}

export interface CsvRecord {
  fields: CsvField[];
}

export interface CsvProblem {
  reason: string;
  offset: number;
}

export function parseCsv(text: string): { records: CsvRecord[]; problems: CsvProblem[] } {
  const start = text.startsWith('\uFEFF') ? 1 : 0;
  const separator = pickSeparator(text, start);
  const records: CsvRecord[] = [];
  const problems: CsvProblem[] = [];
  let fields: CsvField[] = [];
  let index = start;
  while (index <= text.length) {
    const fieldStart = index;
    let value = '';
    let quoted = false;
    if (text[index] === '"') {
      quoted = true;
      index += 1;
      let closed = false;
      while (index < text.length) {
        const char = text[index];
        if (char === '"') {
          if (text[index + 1] === '"') {
            value += '"';
            index += 2;
            continue;
          }
          index += 1;
          closed = true;
          break;
        }
        value += char;
        index += 1;
      }
      if (!closed) problems.push({ reason: 'This quoted field is never closed; end it with `"`', offset: fieldStart });
      // Text after the closing quote and before the separator is kept, as spreadsheets do.
      while (index < text.length && text[index] !== separator && text[index] !== '\n' && text[index] !== '\r') value += text[index++];
    } else {
      while (index < text.length && text[index] !== separator && text[index] !== '\n' && text[index] !== '\r') value += text[index++];
    }
    fields.push({ value, start: fieldStart, contentStart: quoted ? fieldStart + 1 : fieldStart, quoted });
    if (text[index] === separator) {
      index += 1;
      continue;
    }
    if (text[index] === '\r') index += 1;
    if (text[index] === '\n') index += 1;
    if (!(fields.length === 1 && fields[0]?.value === '' && !fields[0].quoted)) records.push({ fields });
    fields = [];
    if (index >= text.length) break;
  }
  return { records, problems };
}

/** The offset in the file of `field.value[index]`: a quoted field's `""` stand for one `"`. */
export function offsetInField(text: string, field: CsvField, index: number): number {
  if (!field.quoted) return field.contentStart + index;
  let offset = field.contentStart;
  for (let read = 0; read < index; read++) offset += text[offset] === '"' ? 2 : 1;
  return offset;
}

function pickSeparator(text: string, start: number): ',' | ';' {
  const end = text.indexOf('\n', start);
  const header = text.slice(start, end < 0 ? undefined : end).replace(/"[^"]*"/g, '');
  return (header.match(/;/g)?.length ?? 0) > (header.match(/,/g)?.length ?? 0) ? ';' : ',';
}
