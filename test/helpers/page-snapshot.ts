import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { renderGray, type GrayImage, type PdfSource } from './pdf-reader.js';

/** The resolution pages are compared at: enough to see a figure, an equation or a table move. */
const dpi = 30;

/**
 * A PDF page compared with its committed snapshot (a gzipped gray image at 30 dpi): the share of
 * pixels that differ by more than a quarter of the gray scale. `UPDATE=1` writes the snapshot
 * again. Fonts are rasterized a little differently by one canvas build or another, so a page is
 * "the same" within a tolerance, not byte for byte.
 */
export async function pageDifference(pdf: PdfSource, page: number, snapshot: string): Promise<number> {
  const now = await renderGray(pdf, page, dpi);
  if (process.env.UPDATE) {
    mkdirSync(dirname(snapshot), { recursive: true });
    const header = Buffer.alloc(8);
    header.writeUInt32LE(now.width, 0);
    header.writeUInt32LE(now.height, 4);
    writeFileSync(snapshot, gzipSync(Buffer.concat([header, now.pixels]), { level: 9 }));
  }
  if (!existsSync(snapshot)) throw new Error(`No snapshot ${snapshot}: make it with UPDATE=1 and look at the page first`);
  const stored = gunzipSync(readFileSync(snapshot));
  const before: GrayImage = { width: stored.readUInt32LE(0), height: stored.readUInt32LE(4), pixels: new Uint8Array(stored.subarray(8)) };
  if (before.width !== now.width || before.height !== now.height) return 1;
  let differing = 0;
  for (let index = 0; index < now.pixels.length; index++) if (Math.abs((now.pixels[index] ?? 0) - (before.pixels[index] ?? 0)) > 64) differing++;
  return differing / now.pixels.length;
}
