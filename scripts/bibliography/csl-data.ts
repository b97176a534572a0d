/**
 * CSL-JSON (`.json`) and CSL-YAML (`.yaml`, `.yml`) bibliographies, as Pandoc accepts them (and as
 * Zotero and Better BibTeX export them): a list of CSL items, or a mapping whose `references` is
 * that list. Both are read by the YAML parser (JSON is YAML), so every problem has its line and
 * column. Dates may be written as CSL-JSON's `date-parts`, or as Pandoc's CSL-YAML allows: a year,
 * an EDTF-like string (`2004-03-01`, `1998/2000`), or `{year, month, day}`; they become
 * `date-parts`, which citeproc-js reads. Pure: no I/O.
 */
import type { Position } from 'unist';
import type { VFile } from 'vfile';
import { report } from '../diagnostics/report.js';
import { parseYamlSource } from '../source/yaml-source.js';

export interface CslDataEntry {
  id: string;
  item: { id: string; type: string; [field: string]: unknown };
  /** The place of the item's `id` value. */
  keyPosition: Position;
  /** The place of the whole item. */
  position: Position;
}

/** Whether a bibliography file is CSL data rather than BibTeX, by its extension. */
export function isCslData(path: string | undefined): boolean {
  return /\.(json|ya?ml)$/i.test(path ?? '');
}

const dateVariables = ['accessed', 'available-date', 'event-date', 'issued', 'original-date', 'submitted'];

/** Read the CSL items of a file; problems are `bib-syntax` messages at their place, and only drop their own item. */
export function readCslData(file: VFile): CslDataEntry[] {
  const parsed = parseYamlSource(file, String(file.value), 0, 'bib-syntax');
  if (!parsed) return [];
  const { source, value } = parsed;
  const isMapping = typeof value === 'object' && value !== null && !Array.isArray(value);
  const list = Array.isArray(value) ? value : isMapping ? (value as Record<string, unknown>).references : undefined;
  const base: PropertyKey[] = Array.isArray(value) ? [] : ['references'];
  if (!Array.isArray(list)) {
    report(file, 'bib-syntax', 'Expected a list of CSL items, or a mapping whose `references` is that list', source.positionAt([]));
    return [];
  }
  const entries: CslDataEntry[] = [];
  list.forEach((raw: unknown, index) => {
    const path = [...base, index];
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      report(file, 'bib-syntax', `Item ${index + 1} is not a mapping of CSL variables`, source.positionAt(path));
      return;
    }
    const record = raw as Record<string, unknown>;
    const id = typeof record.id === 'string' || typeof record.id === 'number' ? String(record.id).trim() : '';
    if (id === '') {
      report(file, 'bib-syntax', `Item ${index + 1} has no \`id\`; it cannot be cited`, source.positionAt(path));
      return;
    }
    const item: CslDataEntry['item'] = { ...record, id, type: typeof record.type === 'string' && record.type !== '' ? record.type : 'document' };
    for (const variable of dateVariables) {
      if (variable in item) {
        const date = cslDate(item[variable]);
        if (date === undefined) delete item[variable];
        else item[variable] = date;
      }
    }
    for (const variable of nameVariables) if (variable in item) item[variable] = cslNames(item[variable]);
    for (const [variable, value] of Object.entries(item)) {
      // What no CSL variable holds (an object or a list outside names and dates) is made text or dropped, so that no engine trips on it.
      if (nameVariables.includes(variable) || dateVariables.includes(variable) || variable === 'id' || variable === 'type') continue;
      if (Array.isArray(value)) item[variable] = value.filter((part) => typeof part === 'string' || typeof part === 'number').join('; ');
      else if (typeof value === 'boolean') item[variable] = String(value);
      else if (typeof value !== 'string' && typeof value !== 'number') delete item[variable];
    }
    entries.push({ id, item, keyPosition: source.positionAt([...path, 'id']), position: source.positionAt(path) });
  });
  return entries;
}

const nameVariables = ['author', 'chair', 'collection-editor', 'compiler', 'composer', 'container-author', 'contributor', 'curator', 'director', 'editor', 'editorial-director', 'editor-translator', 'executive-producer', 'guest', 'host', 'illustrator', 'interviewer', 'narrator', 'organizer', 'original-author', 'performer', 'producer', 'recipient', 'reviewed-author', 'script-writer', 'series-creator', 'translator'];

/** Names as CSL-JSON's list of name objects: a string is a literal name; a part that is not text is dropped. */
function cslNames(value: unknown): Array<Record<string, string>> {
  const list = Array.isArray(value) ? value : [value];
  return list.flatMap((name: unknown) => {
    if (typeof name === 'string' && name.trim() !== '') return [{ literal: name }];
    if (typeof name !== 'object' || name === null || Array.isArray(name)) return [];
    const parts = Object.entries(name).filter((entry): entry is [string, string | number] => typeof entry[1] === 'string' || typeof entry[1] === 'number');
    return parts.length === 0 ? [] : [Object.fromEntries(parts.map(([part, text]) => [part, String(text)]))];
  });
}

/** A date as CSL-JSON's `{ date-parts }` (kept as written when it is one already, or has `raw` or `literal`). */
function cslDate(value: unknown): unknown {
  if (typeof value === 'number') return { 'date-parts': [[value]] };
  if (typeof value === 'string') {
    const parts = value.split('/').map((part) => /^(-?\d{1,4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?$/.exec(part.trim()));
    if (parts.length > 2 || parts.some((match) => match === null)) return { literal: value };
    return { 'date-parts': parts.map((match) => (match ?? []).slice(1).filter((part): part is string => part !== undefined).map(Number)) };
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    const parts = record['date-parts'];
    if (Array.isArray(parts)) {
      const numeric = parts.filter(Array.isArray).map((part: unknown[]) => part.map(Number).filter((number) => Number.isInteger(number)).slice(0, 3)).filter((part) => part.length > 0);
      return numeric.length > 0 ? { ...record, 'date-parts': numeric.slice(0, 2) } : undefined;
    }
    if (typeof record.raw === 'string') return { raw: record.raw };
    if (typeof record.literal === 'string') return { literal: record.literal };
    if ('year' in record) {
      const part = [record.year, record.month, record.day].map(Number).filter((number) => Number.isInteger(number));
      return part.length > 0 ? { 'date-parts': [part] } : undefined;
    }
  }
  return undefined;
}
