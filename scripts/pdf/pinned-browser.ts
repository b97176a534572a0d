import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createBrotliDecompress } from 'node:zlib';
import { cacheFolder, type CacheFolder } from '../source/cache-folder.js';
import { installedPackage } from '../source/package-root.js';

/**
 * The browser the lockfile pins: the Chromium of `@sparticuz/chromium` (an exact version in
 * package.json), so every machine that runs `npm ci` prints the PDF with the same browser and gets
 * the same bytes. The package ships it brotli-packed (`bin/chromium.br`, and `bin/al2023.tar.br`
 * with the NSS libraries it links to, `bin/swiftshader.tar.br` with its software GL) for Linux on
 * x64 with glibc. Its own JavaScript is not used: it unpacks into `/tmp/chromium`, a name every
 * user and build of the machine shares, and needs Node.js 22. This unpacks it once into the
 * pipeline's cache (`node_modules/.cache/paper/chromium-VERSION-v1/`, see `source/cache-folder.ts`)
 * and hashes the binary as it is written: the hash is kept beside it, for the build manifest.
 */

export const pinnedPackage = '@sparticuz/chromium';

/** The layout of the unpacked folder, in its name: another layout is another folder. */
const layout = 1;

export interface PinnedBrowser {
  executable: string;
  /** The folder of its own libraries, for `LD_LIBRARY_PATH`. */
  libraries: string;
  /** The package's version (what the lockfile pins). */
  packageVersion: string;
  /** The sha256 of the executable, taken as it was unpacked. */
  sha256: string;
  /** True when this call unpacked it. */
  unpacked: boolean;
  /** Remove a private copy (made when the cache cannot be written). Never throws. */
  dispose(): Promise<void>;
}

/** What is kept beside the binary, read to know the folder is whole. */
interface Unpacked {
  package: string;
  version: string;
  sha256: string;
  bytes: number;
}

export interface Platform {
  os: NodeJS.Platform;
  arch: string;
  /** The C library's version when it is glibc, else undefined (musl, or not Linux). */
  glibc: string | undefined;
}

export function currentPlatform(): Platform {
  const report = process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined;
  const header = report?.header;
  return { os: process.platform, arch: process.arch, glibc: header?.glibcVersionRuntime };
}

/** Whether the pinned package has a Chromium for this platform: Linux, x64, glibc. */
export function hasPinnedBrowser(platform: Platform): boolean {
  return platform.os === 'linux' && platform.arch === 'x64' && platform.glibc !== undefined;
}

/** Where the package is and its version, or undefined when it is not installed. */
export async function pinnedPackageInstalled(): Promise<{ folder: string; version: string } | undefined> {
  const folder = installedPackage(pinnedPackage);
  if (!folder) return undefined;
  const { version } = JSON.parse(await readFile(join(folder, 'package.json'), 'utf8')) as { version: string };
  return { folder, version };
}

/**
 * The pinned Chromium, unpacked (once: later calls find it in the cache). `cache` is the cache's
 * folder (the pipeline's by default; tests give their own).
 */
export async function pinnedBrowser(installed: { folder: string; version: string }, cache?: string): Promise<PinnedBrowser> {
  const bin = join(installed.folder, 'bin');
  let sha256 = '';
  const folder: CacheFolder = await cacheFolder(
    `chromium-${installed.version}-v${layout}`,
    async (target) => {
      const [hash] = await Promise.all([
        unpackFile(join(bin, 'chromium.br'), join(target, 'chromium')),
        unpackTar(join(bin, 'al2023.tar.br'), target),
        unpackTar(join(bin, 'swiftshader.tar.br'), target),
      ]);
      const info: Unpacked = { package: pinnedPackage, version: installed.version, sha256: hash, bytes: (await stat(join(target, 'chromium'))).size };
      // Written last: a folder with it is whole.
      await writeFile(join(target, 'unpacked.json'), `${JSON.stringify(info, null, 2)}\n`);
    },
    { root: cache, isWhole: async (path) => (await wholeFolder(path, installed.version)) !== undefined },
  );
  const info = await wholeFolder(folder.path, installed.version);
  if (!info) throw new Error(`the unpacked browser in ${folder.path} is incomplete`);
  sha256 = info.sha256;
  return { executable: join(folder.path, 'chromium'), libraries: join(folder.path, 'lib'), packageVersion: installed.version, sha256, unpacked: folder.made, dispose: folder.dispose };
}

/** The record of a whole unpacked folder: of this version, with its binary of the size recorded. */
async function wholeFolder(path: string, version: string): Promise<Unpacked | undefined> {
  const info = JSON.parse(await readFile(join(path, 'unpacked.json'), 'utf8')) as Partial<Unpacked>;
  if (info.version !== version || typeof info.sha256 !== 'string' || typeof info.bytes !== 'number') return undefined;
  const binary = await stat(join(path, 'chromium'));
  return binary.size === info.bytes && (binary.mode & 0o111) !== 0 ? (info as Unpacked) : undefined;
}

/** A brotli-packed file unpacked to `target` (executable), returning the sha256 of what was written. */
async function unpackFile(source: string, target: string): Promise<string> {
  const hash = createHash('sha256');
  const hashing = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      done(null, chunk);
    },
  });
  await pipeline(createReadStream(source), createBrotliDecompress(), hashing, createWriteStream(target, { mode: 0o755 }));
  return hash.digest('hex');
}

/** A brotli-packed tar archive unpacked into `target`, files owned by whoever unpacks it. */
async function unpackTar(source: string, target: string): Promise<void> {
  // Loaded here: only the first build on a machine unpacks.
  const { extract } = await import('tar-fs');
  await pipeline(createReadStream(source), createBrotliDecompress(), extract(target, { chown: false }));
}
