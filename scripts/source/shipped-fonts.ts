import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The fonts shipped with the project, as files of npm packages, so every machine has the same
 * ones: Noto Serif for text (Latin with diacritics, Cyrillic), DejaVu Sans for the signs Noto Serif
 * lacks (the trend arrows, ≥, ↩). Two stages use the one list: the render stage subsets them into
 * the page's `@font-face` rules, and the printer gives the browser these files, and no others, as
 * the fonts of its machine (`pdf/font-config.ts`), so a character they lack is never drawn from a
 * font of the machine the PDF happens to be printed on.
 */
export interface ShippedFont {
  /** The file's name for messages and cache keys: `noto-serif-latin`, `dejavu-sans`. */
  name: string;
  weight: 400 | 700;
  style: 'normal' | 'italic';
  /** The WOFF2 file in the package. */
  path: string;
}

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
  const files: ShippedFont[] = [];
  for (const face of faces) {
    for (const subset of ['latin', 'latin-ext', 'cyrillic']) {
      files.push({ ...face, name: `noto-serif-${subset}`, path: join(noto, 'files', `noto-serif-${subset}-${face.weight}-${face.style}.woff2`) });
    }
    files.push({ ...face, name: 'dejavu-sans', path: join(dejavu, 'files', `dejavu-sans-latin-${face.weight}-${face.style}.woff2`) });
  }
  return files;
}
