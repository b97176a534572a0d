/**
 * What an image file holds, told by its bytes (the name may lie: a `.png` saved as JPEG is common,
 * and Chromium shows it whatever its type): the formats a browser shows, and PDF, which it does not
 * show in an `<img>`.
 */
export type ImageType = 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp' | 'image/svg+xml' | 'application/pdf';

const ascii = (bytes: Uint8Array, from: number, text: string) => [...text].every((char, index) => bytes[from + index] === char.charCodeAt(0));

/** The type of an image file's bytes, or undefined when they are none of the kinds the paper shows. */
export function sniffImageType(bytes: Uint8Array): ImageType | undefined {
  if (bytes[0] === 0x89 && ascii(bytes, 1, 'PNG\r\n\x1a\n')) return 'image/png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (ascii(bytes, 0, 'GIF87a') || ascii(bytes, 0, 'GIF89a')) return 'image/gif';
  if (ascii(bytes, 0, 'RIFF') && ascii(bytes, 8, 'WEBP')) return 'image/webp';
  if (ascii(bytes, 0, '%PDF-')) return 'application/pdf';
  if (isSvg(bytes)) return 'image/svg+xml';
  return undefined;
}

/** SVG is XML text: an `<svg` element near the start, after any XML declaration, comments and doctype. */
function isSvg(bytes: Uint8Array): boolean {
  const head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 4096)).replace(/^\uFEFF/, '');
  if (!/^\s*</.test(head)) return false;
  const start = head.replace(/<\?xml[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>[]*(\[[\s\S]*?\])?\s*>/gi, '').trimStart();
  return /^<svg[\s>]/i.test(start);
}
