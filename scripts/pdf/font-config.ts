import { createHash } from 'node:crypto';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { cacheFolder, type CacheFolder } from '../source/cache-folder.js';
import { shippedFonts } from '../source/shipped-fonts.js';

/**
 * The fonts of the printing browser's "machine": a fontconfig configuration (`FONTCONFIG_FILE`)
 * that holds the shipped fonts and nothing else, never the machine's or the user's. The page's
 * `@font-face` rules cover every character a shipped font has; what is left, a character none of
 * them has, Chromium looks for among the fonts fontconfig lists, and would draw from whatever
 * the machine happens to have installed (so the PDF's bytes, and its look, would depend on the
 * machine). With this configuration it finds only the shipped ones, and draws the missing glyph's
 * box; the render stage warns of it (`font-glyph-missing`).
 *
 * Why not an empty configuration: Chromium needs at least one font from fontconfig (with none, it
 * stops on a fatal error in Skia's font manager as the page lays out). Fontconfig cannot read
 * WOFF2 in the browser's build of it, so the shipped files are converted to TrueType, once: the
 * folder is made in the pipeline's cache, named by a hash of the shipped files.
 */

/** The layout of the folder, in its name: another layout is another folder. */
const layout = 1;

export interface FontConfig {
  /** The configuration file, for `FONTCONFIG_FILE`. */
  file: string;
  dispose(): Promise<void>;
}

/** The configuration, made when the cache does not hold it yet. */
export async function shippedFontConfig(cache?: string): Promise<FontConfig> {
  const fonts = shippedFonts();
  const data = await Promise.all(fonts.map((font) => readFile(font.path)));
  const hash = createHash('sha256');
  for (const [index, font] of fonts.entries()) hash.update(`${basename(font.path)}\0`).update(data[index] ?? '');
  const name = `fontconfig-${hash.digest('hex').slice(0, 16)}-v${layout}`;
  const folder: CacheFolder = await cacheFolder(
    name,
    async (target) => {
      // Loaded here: only the first build on a machine converts.
      const { convert } = await import('fontverter');
      await mkdir(join(target, 'fonts'));
      await Promise.all(fonts.map(async (font, index) => writeFile(join(target, 'fonts', `${basename(font.path, '.woff2')}.ttf`), await convert(data[index] ?? new Uint8Array(), 'sfnt'))));
      // Written last: a folder with it is whole.
      await writeFile(join(target, 'fonts.conf'), configuration());
    },
    { root: cache, isWhole: async (path) => (await stat(join(path, 'fonts.conf'))).isFile() },
  );
  return { file: join(folder.path, 'fonts.conf'), dispose: folder.dispose };
}

/**
 * The configuration: the fonts beside it (a relative folder, so the folder can be renamed into
 * place after it is written), the generic families the page may fall back to mapped to the shipped
 * ones, no cache folder (fontconfig then writes nothing: twenty files are read in milliseconds),
 * and no `<include>`, so neither the machine's `/etc/fonts` nor the user's configuration is read.
 */
function configuration(): string {
  const alias = (family: string, to: string) => `  <alias binding="same"><family>${family}</family><prefer><family>${to}</family></prefer></alias>\n`;
  return (
    '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n<fontconfig>\n' +
    '  <dir prefix="relative">fonts</dir>\n' +
    alias('serif', 'Noto Serif') +
    alias('DejaVu Serif', 'Noto Serif') +
    alias('sans-serif', 'DejaVu Sans') +
    alias('monospace', 'DejaVu Sans Mono') +
    '</fontconfig>\n'
  );
}

/**
 * The browser's environment: the caller's, with the font configuration above in place of any the
 * user set (`FONTCONFIG_PATH` and `FONTCONFIG_SYSROOT` would lead fontconfig elsewhere), and the
 * folder of the browser's own libraries first on `LD_LIBRARY_PATH` when it has one.
 */
export function browserEnvironment(base: NodeJS.ProcessEnv, fontConfig: string, libraries?: string): NodeJS.ProcessEnv {
  const { FONTCONFIG_PATH: _path, FONTCONFIG_SYSROOT: _sysroot, ...env } = base;
  env.FONTCONFIG_FILE = fontConfig;
  if (libraries) env.LD_LIBRARY_PATH = [libraries, ...(base.LD_LIBRARY_PATH ?? '').split(':').filter(Boolean)].join(':');
  return env;
}
