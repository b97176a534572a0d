import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The fonts shipped with the project, as files of npm packages, so every machine has the same
 * ones: Noto Serif for text (Latin with diacritics, Cyrillic), DejaVu Sans for the signs Noto Serif
 * lacks (the trend arrows, ≥, ↩), and DejaVu Sans Mono for code (Latin, Cyrillic, Greek, box
 * drawing; what it lacks falls back to the text's fonts, see `html/font-faces.ts`). Two stages use
 * the one list: the render stage subsets them into the page's `@font-face` rules, and the printer
 * gives the browser these files, and no others, as the fonts of its machine (`pdf/font-config.ts`), so a character they lack is never drawn from a
 * font of the machine the PDF happens to be printed on.
 */
export interface ShippedFont {
  /** The file's name for messages and cache keys: `noto-serif-latin`, `dejavu-sans`, `dejavu-mono`. */
  name: string;
  /** What it sets: the text, or code (`code`, `pre`, `kbd`, `samp`, a TeX error), monospaced. */
  role: 'text' | 'code';
  weight: 400 | 700;
  style: 'normal' | 'italic';
  /** The WOFF2 file in the package. */
  path: string;
}

/** The families, by the names a reader sees in messages: the text's, then code's. */
export const shippedFamilies = ['Noto Serif', 'DejaVu Sans', 'DejaVu Sans Mono'] as const;

const faces = [
  { weight: 400, style: 'normal' },
  { weight: 700, style: 'normal' },
  { weight: 400, style: 'italic' },
  { weight: 700, style: 'italic' },
] as const;

/** Every shipped file, face by face; within a face, in order: a character is drawn from the first file that has it. */
export function shippedFonts(): ShippedFont[] {
  const require = createRequire(import.meta.url);
  const noto = dirname(require.resolve('@fontsource/noto-serif/package.json'));
  const dejavu = dirname(require.resolve('@fontsource/dejavu-sans/package.json'));
  const mono = dirname(require.resolve('@fontsource/dejavu-mono/package.json'));
  const files: ShippedFont[] = [];
  for (const face of faces) {
    for (const subset of ['latin', 'latin-ext', 'cyrillic']) {
      files.push({ ...face, role: 'text', name: `noto-serif-${subset}`, path: join(noto, 'files', `noto-serif-${subset}-${face.weight}-${face.style}.woff2`) });
    }
    files.push({ ...face, role: 'text', name: 'dejavu-sans', path: join(dejavu, 'files', `dejavu-sans-latin-${face.weight}-${face.style}.woff2`) });
  }
  // After the text's files: the text's faces are subset, and listed to the printer, as before.
  for (const face of faces) files.push({ ...face, role: 'code', name: 'dejavu-mono', path: join(mono, 'files', `dejavu-mono-latin-${face.weight}-${face.style}.woff2`) });
  return files;
}
