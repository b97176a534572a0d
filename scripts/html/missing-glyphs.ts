import type { Root } from 'mdast';
import type { Node, Position } from 'unist';
import { visitParents } from 'unist-util-visit-parents';
import type { VFile } from 'vfile';
import { location } from 'vfile-location';
import { report } from '../diagnostics/report.js';
import { shippedFamilies } from '../source/shipped-fonts.js';
import { sourceFileOf } from '../source/source-file.js';

/**
 * A character that no shipped font has is a `font-glyph-missing` warning, not a silent fallback:
 * the printer's browser sees the shipped fonts alone (`pdf/font-config.ts`), so the PDF shows an
 * empty box there, and a reader's browser draws it from whatever font it has. The warning names the
 * character and its code point, at the first place the sources use it: the manuscript's text (its
 * tree keeps the positions of what it was parsed from, in the manuscript or a table's data file),
 * else a bibliography's text (the references and citations the CSL engine writes from it), else the
 * manuscript as a whole (text the pipeline adds, such as the running head).
 */
export function reportMissingGlyphs(missing: readonly number[], tree: Root, manuscript: VFile, bibliographies: readonly VFile[]): void {
  if (missing.length === 0) return;
  const wanted = new Set(missing);
  const found = new Map<number, { file: VFile; position: Position | undefined }>();
  const look = (value: string, file: VFile, position: Position | undefined) => {
    for (const char of value) {
      const code = char.codePointAt(0) ?? 0;
      if (wanted.has(code) && !found.has(code)) found.set(code, { file, position });
    }
  };
  const walk = (root: Node, above: readonly Node[]) =>
    visitParents(root, (node, ancestors) => {
      const path = [...above, ...ancestors];
      if ('value' in node && typeof node.value === 'string') look(node.value, sourceFileOf([...path, node], manuscript), node.position);
      // A graph's caption is beside its children, not among them.
      if (node.type === 'trendGraph' && 'caption' in node && Array.isArray(node.caption)) {
        for (const part of node.caption as Node[]) walk(part, [...path, node]);
      }
    });
  walk(tree, []);
  for (const file of bibliographies) {
    const text = String(file.value);
    const points = location(file);
    for (const code of missing) {
      if (found.has(code)) continue;
      const offset = text.indexOf(String.fromCodePoint(code));
      const point = offset < 0 ? undefined : points.toPoint(offset);
      if (point) found.set(code, { file, position: { start: point, end: points.toPoint(offset + String.fromCodePoint(code).length) ?? point } });
    }
  }
  for (const code of missing) {
    const at = narrowed(code, found.get(code));
    const reason = `No shipped font (${shippedFamilies.join(', ')}) has a glyph for \`${String.fromCodePoint(code)}\` (U+${code.toString(16).toUpperCase().padStart(4, '0')})${at ? ', first used here' : ''}: the PDF leaves a blank in its place`;
    report(at?.file ?? manuscript, 'font-glyph-missing', reason, at?.position);
  }
}

/**
 * The character itself, within the node where it was found, when the source there holds it as
 * written (not as an entity or escape): else the node's place.
 */
function narrowed(code: number, at: { file: VFile; position: Position | undefined } | undefined): typeof at {
  const start = at?.position?.start.offset;
  const end = at?.position?.end.offset;
  if (!at || start === undefined || end === undefined) return at;
  const char = String.fromCodePoint(code);
  const offset = String(at.file.value).slice(start, end).indexOf(char);
  if (offset < 0) return at;
  const points = location(at.file);
  const from = points.toPoint(start + offset);
  const to = points.toPoint(start + offset + char.length);
  return from && to ? { file: at.file, position: { start: from, end: to } } : at;
}
