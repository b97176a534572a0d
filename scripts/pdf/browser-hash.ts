import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { diskCache, type DiskCache } from '../source/disk-cache.js';

/**
 * The sha256 of a browser's executable, which the build manifest names it by. Hashing 200 MB takes
 * about a second, too long for every build and for the up-to-date test that says "nothing to do":
 * so a hash is remembered in the disk cache under the file's real path, size and modification
 * time, and taken again only when one of them changes (an upgrade rewrites the file). The pinned
 * browser's hash is taken once as it is unpacked (`pinned-browser.ts`) and never comes here.
 */
export async function executableSha256(path: string, cache: DiskCache = diskCache('browser-hashes')): Promise<string> {
  const real = await realpath(path);
  const info = await stat(real);
  const key = createHash('sha256').update(`${real}\0${info.size}\0${Math.floor(info.mtimeMs)}`).digest('hex');
  const remembered = await cache.get(key);
  if (remembered && /^[0-9a-f]{64}$/.test(Buffer.from(remembered).toString('utf8'))) return Buffer.from(remembered).toString('utf8');
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(real)) hash.update(chunk as Buffer);
  const sha256 = hash.digest('hex');
  await cache.set(key, Buffer.from(sha256));
  return sha256;
}
