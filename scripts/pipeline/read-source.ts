import { readFile, stat } from 'node:fs/promises';
import { VFile } from 'vfile';

/** A file the pipeline reads, or the reason it could not, in words for the author. */
export type ReadResult = { file: VFile } | { error: string };

/** Read a UTF-8 source file into a VFile (a leading byte order mark is dropped). */
export async function readSource(path: string, cwd: string): Promise<ReadResult> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) return { error: 'it is a folder, not a file' };
    const text = await readFile(path, 'utf8');
    return { file: new VFile({ path, cwd, value: text.startsWith('\uFEFF') ? text.slice(1) : text }) };
  } catch (error) {
    return { error: describeError(error) };
  }
}

export function describeError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a folder, not a file';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
