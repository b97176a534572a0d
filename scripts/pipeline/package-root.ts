import { fileURLToPath } from 'node:url';

/**
 * The folder of the pipeline's own package (where `styles/` is), found from this module whether
 * it runs compiled from `dist/scripts/pipeline/` or as TypeScript from `scripts/pipeline/` in tests.
 */
export function packageRoot(): string {
  const here = fileURLToPath(new URL('.', import.meta.url));
  const marker = /[\\/]dist[\\/]scripts[\\/]pipeline[\\/]$/.test(here) ? '../../../' : '../../';
  return fileURLToPath(new URL(marker, import.meta.url));
}
