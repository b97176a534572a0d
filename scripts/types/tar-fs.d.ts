// tar-fs ships no types; this is the part the pinned browser's unpacking uses (scripts/pdf/pinned-browser.ts).
declare module 'tar-fs' {
  import type { Writable } from 'node:stream';
  export function extract(cwd: string, options?: { chown?: boolean; readable?: boolean; writable?: boolean }): Writable;
}
