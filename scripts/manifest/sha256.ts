import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The sha256 of a file's bytes, or null when it cannot be read (it does not exist). */
export async function sha256OfFile(path: string): Promise<string | null> {
  return readFile(path).then(sha256, () => null);
}
