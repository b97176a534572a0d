import type { Position } from 'unist';
import type { VFile } from 'vfile';
import { fileLocation } from './file-location.js';
import { isMap, isScalar, isSeq, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import { report } from '../diagnostics/report.js';
import type { RuleId } from '../diagnostics/rules.js';
import type { DataSource } from './data-source.js';

/**
 * YAML text inside a file, with positions. `origin` is the offset of the YAML text in the file:
 * 0 for a data file, the start of the front matter's content for a manuscript.
 */
export interface YamlSource extends DataSource {
  document: Document.Parsed;
  origin: number;
}

/** Aliases expanded before the data is refused: a "billion laughs" document fails fast. */
const maxAliasCount = 100;

/**
 * Parse YAML text, reporting every syntax error and warning at its place under `ruleId`.
 * Returns the document and its plain value, or `undefined` when the text is not valid YAML.
 */
export function parseYamlSource(
  file: VFile,
  text: string,
  origin: number,
  ruleId: RuleId,
): { source: YamlSource; value: unknown } | undefined {
  const document = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  const source: YamlSource = {
    file,
    document,
    origin,
    ruleId,
    positionAt: (path, which) => positionAtPath(source, path, which),
    textOffset: (path) => {
      const offset = verbatimValueOffset(source, nodeAtPath(document.contents, path));
      return offset === undefined ? undefined : origin + offset;
    },
  };
  for (const error of document.errors) {
    report(file, ruleId, `Invalid YAML: ${firstLine(error.message)}`, positionOf(source, error.pos));
  }
  if (document.errors.length > 0) return undefined;
  try {
    return { source, value: document.toJS({ maxAliasCount }) };
  } catch (error) {
    const reason = error instanceof Error ? firstLine(error.message) : String(error);
    report(file, ruleId, `Invalid YAML: ${reason}`, positionOf(source, [0, text.length]));
    return undefined;
  }
}

/** The position of a range of offsets within the YAML text, as a position in the file. */
export function positionOf(source: YamlSource, range: readonly [number, number]): Position {
  const place = fileLocation(source.file);
  const start = place.toPoint(source.origin + range[0]);
  const end = place.toPoint(source.origin + range[1]);
  const fallback = { line: 1, column: 1, offset: 0 };
  return { start: start ?? fallback, end: end ?? start ?? fallback };
}

/** The position of the YAML node at `path`, or of its deepest existing ancestor. */
export function positionAtPath(source: YamlSource, path: readonly PropertyKey[], which: 'key' | 'value' = 'value'): Position {
  const node = nodeAtPath(source.document.contents, path, which);
  const range = node?.range ?? source.document.range;
  return positionOf(source, [range[0], range[1]]);
}

/** The YAML node at `path`; for the last segment of a map, its key node when `which` is `key`. */
export function nodeAtPath(root: unknown, path: readonly PropertyKey[], which: 'key' | 'value' = 'value'): YamlNode | undefined {
  let current: unknown = root;
  let found = isNode(root) ? root : undefined;
  for (const [index, segment] of path.entries()) {
    const last = index === path.length - 1;
    if (isMap(current)) {
      const pair = current.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
      if (!pair) return found;
      if (last && which === 'key' && isNode(pair.key)) return pair.key;
      current = pair.value;
    } else if (isSeq(current) && typeof segment === 'number') {
      current = current.items[segment];
    } else {
      return found;
    }
    if (isNode(current)) found = current;
    else return found;
  }
  return found;
}

/** A scalar's text offset in the YAML when its value appears there verbatim (plain or simply quoted). */
export function verbatimValueOffset(source: YamlSource, node: YamlNode | undefined): number | undefined {
  if (!isScalar(node) || typeof node.value !== 'string' || !node.range) return undefined;
  const raw = sourceText(source).slice(node.range[0], node.range[1]);
  const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
  const start = quoted ? 1 : 0;
  return raw.slice(start, start + node.value.length) === node.value ? node.range[0] + start : undefined;
}

function sourceText(source: YamlSource): string {
  return String(source.file.value).slice(source.origin);
}

function isNode(value: unknown): value is YamlNode {
  return isMap(value) || isSeq(value) || isScalar(value);
}

function firstLine(text: string): string {
  return text.split('\n')[0]?.trim() ?? text;
}
