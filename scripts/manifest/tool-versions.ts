import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { installedPackage, packageRoot } from '../source/package-root.js';
import { sha256 } from './sha256.js';

/** The packages whose versions decide what a build makes: parsing, citations, HTML, PDF, fonts. */
const keyPackages = [
  'unified',
  'remark-parse',
  'remark-gfm',
  'remark-rehype',
  'rehype-stringify',
  'micromark',
  'yaml',
  'zod',
  '@citation-js/core',
  '@citation-js/plugin-bibtex',
  '@citation-js/plugin-csl',
  'citeproc',
  'puppeteer-core',
  '@sparticuz/chromium',
  'pdf-lib',
  'subset-font',
  '@fontsource/noto-serif',
  '@fontsource/dejavu-sans',
];

/**
 * The pipeline itself: its version, and a hash of the bundled code in dist/ that runs (so a
 * changed pipeline is a change even when the version number is not). The bundler writes the hash
 * beside the chunks (`dist/bundle-id.txt`, the same hash of every chunk's name and content); a
 * dist/ without it is hashed here. Once per process: the code that runs does not change under it.
 */
export function toolIdentity(): Promise<{ version: string; bundle: string | null }> {
  identity ??= readToolIdentity();
  return identity;
}

let identity: Promise<{ version: string; bundle: string | null }> | undefined;

async function readToolIdentity(): Promise<{ version: string; bundle: string | null }> {
  const root = packageRoot();
  const { version } = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { version: string };
  const dist = join(root, 'dist');
  const written = await readFile(join(dist, 'bundle-id.txt'), 'utf8').catch(() => undefined);
  if (written && /^[0-9a-f]{64}\n$/.test(written)) return { version, bundle: written.trim() };
  const names = (await readdir(dist).catch(() => [] as string[])).filter((name) => name.endsWith('.js')).sort();
  if (names.length === 0) return { version, bundle: null };
  const parts = await Promise.all(names.map(async (name) => `${name}\0${sha256(await readFile(join(dist, name)))}`));
  return { version, bundle: sha256(parts.join('\n')) };
}

/** The installed versions of the key packages, found as Node.js would find them from the pipeline. */
export async function packageVersions(): Promise<Record<string, string>> {
  const versions: Record<string, string> = {};
  for (const name of keyPackages) {
    const folder = installedPackage(name);
    if (!folder) continue;
    const manifest = join(folder, 'package.json');
    const { version } = JSON.parse(await readFile(manifest, 'utf8')) as { version?: string };
    if (version) versions[name] = version;
  }
  return versions;
}
