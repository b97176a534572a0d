import { readFileSync } from 'node:fs';

/**
 * Whether a package was loaded, from the module URLs a process recorded (a loader hook's `load`, or
 * `require.cache`): loaded from node_modules, or bundled into a chunk of dist/ that was loaded, known
 * there by esbuild's comment before the package's code.
 */
export function packageLoaded(loadedUrls: string, packageName: string): boolean {
  if (loadedUrls.includes(`/node_modules/${packageName}/`)) return true;
  return chunksLoaded(loadedUrls).some((chunk) => chunk.includes(`// node_modules/${packageName}/`));
}

const chunkTexts = new Map<string, string>();

function chunksLoaded(loadedUrls: string): string[] {
  const urls = new Set(loadedUrls.split('\n').filter((url) => url.startsWith('file://') && url.includes('/dist/')));
  return [...urls].map((url) => {
    let text = chunkTexts.get(url);
    if (text === undefined) chunkTexts.set(url, (text = readFileSync(new URL(url), 'utf8')));
    return text;
  });
}
