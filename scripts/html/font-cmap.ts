/**
 * The characters a TrueType/OpenType font has glyphs for, read from its `cmap` table (formats 4
 * and 12, which every Unicode font carries). A font's declared `unicode-range` is only a promise:
 * Noto Serif's "math" subset, for one, declares the arrows but draws none.
 */
export function cmapCodePoints(font: Uint8Array): Set<number> {
  const view = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const tables = view.getUint16(4);
  let cmap = -1;
  for (let index = 0; index < tables; index++) {
    const record = 12 + index * 16;
    if (String.fromCharCode(font[record] ?? 0, font[record + 1] ?? 0, font[record + 2] ?? 0, font[record + 3] ?? 0) === 'cmap') cmap = view.getUint32(record + 8);
  }
  const points = new Set<number>();
  if (cmap < 0) return points;
  const subtables = view.getUint16(cmap + 2);
  for (let index = 0; index < subtables; index++) {
    const offset = cmap + view.getUint32(cmap + 4 + index * 8 + 4);
    const format = view.getUint16(offset);
    if (format === 4) readFormat4(view, offset, points);
    else if (format === 12) readFormat12(view, offset, points);
  }
  return points;
}

function readFormat4(view: DataView, offset: number, points: Set<number>): void {
  const segments = view.getUint16(offset + 6) / 2;
  const ends = offset + 14;
  const starts = ends + segments * 2 + 2;
  const deltas = starts + segments * 2;
  const rangeOffsets = deltas + segments * 2;
  for (let segment = 0; segment < segments; segment++) {
    const end = view.getUint16(ends + segment * 2);
    const start = view.getUint16(starts + segment * 2);
    const delta = view.getInt16(deltas + segment * 2);
    const rangeOffset = view.getUint16(rangeOffsets + segment * 2);
    for (let code = start; code <= end && code !== 0xffff; code++) {
      let glyph: number;
      if (rangeOffset === 0) glyph = (code + delta) & 0xffff;
      else {
        const at = rangeOffsets + segment * 2 + rangeOffset + (code - start) * 2;
        glyph = view.getUint16(at);
        if (glyph !== 0) glyph = (glyph + delta) & 0xffff;
      }
      if (glyph !== 0) points.add(code);
    }
  }
}

function readFormat12(view: DataView, offset: number, points: Set<number>): void {
  const groups = view.getUint32(offset + 12);
  for (let group = 0; group < groups; group++) {
    const record = offset + 16 + group * 12;
    const start = view.getUint32(record);
    const end = view.getUint32(record + 4);
    const glyph = view.getUint32(record + 8);
    for (let code = start; code <= end; code++) if (glyph + (code - start) !== 0) points.add(code);
  }
}
