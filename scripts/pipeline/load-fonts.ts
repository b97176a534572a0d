import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { FontFile, SubsetCache } from '../html/font-faces.js';
import { packageRoot } from '../source/package-root.js';

/**
 * The fonts shipped with the project (npm packages, so every machine has the same ones): Noto
 * Serif for text (Latin with diacritics, Cyrillic), DejaVu Sans for the signs Noto Serif lacks
 * (the trend arrows, ≥, ↩). The render stage keeps only the glyphs the paper uses.
 */
const faces = [
  { weight: 400, style: 'normal' },
  { weight: 700, style: 'normal' },
  { weight: 400, style: 'italic' },
  { weight: 700, style: 'italic' },
] as const;

export async function loadFontFiles(): Promise<FontFile[]> {
  const require = createRequire(import.meta.url);
  const noto = dirname(require.resolve('@fontsource/noto-serif/package.json'));
  const dejavu = dirname(require.resolve('@fontsource/dejavu-sans/package.json'));
  const files: FontFile[] = [];
  for (const face of faces) {
    // Order matters: a character is drawn from the first file that has it.
    for (const subset of ['latin', 'latin-ext', 'cyrillic']) {
      files.push({ ...face, name: `noto-serif-${subset}`, data: await readFile(join(noto, 'files', `noto-serif-${subset}-${face.weight}-${face.style}.woff2`)) });
    }
    files.push({ ...face, name: 'dejavu-sans', data: await readFile(join(dejavu, 'files', `dejavu-sans-latin-${face.weight}-${face.style}.woff2`)) });
  }
  return files;
}

/**
 * Font subsets already made, kept in `node_modules/.cache/paper/fonts/` by content hash: a rebuild
 * of the same text reuses them instead of running harfbuzz again (a few hundred milliseconds).
 * Writes go through a temporary name, so builds running at once never read half a file.
 */
export function fontSubsetCache(): SubsetCache {
  const folder = join(packageRoot(), 'node_modules', '.cache', 'paper', 'fonts');
  return {
    get: (key) => readFile(join(folder, key)).then((data) => new Uint8Array(data), () => undefined),
    set: async (key, data) => {
      try {
        await mkdir(folder, { recursive: true });
        const temporary = join(folder, `${key}.${process.pid}.tmp`);
        await writeFile(temporary, data);
        await rename(temporary, join(folder, key));
      } catch {
        // A cache that cannot be written only costs time.
      }
    },
  };
}
