import { fileURLToPath } from 'node:url';

/** The repository's root folder. */
export const root = fileURLToPath(new URL('../../', import.meta.url));

export function fromRoot(path: string): string {
  return fileURLToPath(new URL(path, new URL('../../', import.meta.url)));
}
