import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, mkdtempSync, rmSync, statSync, truncateSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pinnedVersion } from '../helpers/browser.js';
import { afterAll, describe, expect, it } from 'vitest';
import { hasPinnedBrowser, pinnedBrowser, pinnedPackageInstalled } from '../../scripts/pdf/pinned-browser.js';

/**
 * The Chromium the lockfile pins (@sparticuz/chromium), unpacked from its brotli files into a
 * cache folder named with its version: once, whole or not at all, by two builds at once too, with
 * the hash of its binary kept beside it. Each test unpacks into a cache folder of its own.
 */

const scratch = mkdtempSync(join(tmpdir(), 'paper-pinned-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('the pinned browser', () => {
  it('is for Linux on x64 with glibc only', () => {
    expect(hasPinnedBrowser({ os: 'linux', arch: 'x64', glibc: '2.36' })).toBe(true);
    expect(hasPinnedBrowser({ os: 'linux', arch: 'x64', glibc: undefined })).toBe(false);
    expect(hasPinnedBrowser({ os: 'linux', arch: 'arm64', glibc: '2.36' })).toBe(false);
    expect(hasPinnedBrowser({ os: 'darwin', arch: 'x64', glibc: undefined })).toBe(false);
    expect(hasPinnedBrowser({ os: 'win32', arch: 'x64', glibc: undefined })).toBe(false);
  });

  it('is unpacked once by two builds starting at once, into one folder named with its version, with its hash', async () => {
    const cache = join(scratch, 'at-once');
    const installed = await pinnedPackageInstalled();
    expect(installed?.version).toBe(pinnedVersion);
    if (!installed) return;
    const [first, second] = await Promise.all([pinnedBrowser(installed, cache), pinnedBrowser(installed, cache)]);
    expect(readdirSync(cache)).toEqual([`chromium-${pinnedVersion}-v1`]);
    expect(first.executable).toBe(join(cache, `chromium-${pinnedVersion}-v1`, 'chromium'));
    expect(second.executable).toBe(first.executable);
    expect([first.unpacked, second.unpacked].filter(Boolean)).toHaveLength(1);
    expect(first.sha256).toBe(sha256(first.executable));
    expect(second.sha256).toBe(first.sha256);
    expect(statSync(first.executable).mode & 0o755).toBe(0o755);
    expect(readdirSync(first.libraries)).toEqual(expect.arrayContaining(['libnss3.so', 'libnspr4.so', 'libexpat.so.1']));
    // Found whole the next time: not unpacked again.
    const third = await pinnedBrowser(installed, cache);
    expect(third).toMatchObject({ executable: first.executable, sha256: first.sha256, unpacked: false });
  });

  it('is unpacked again when the folder is not whole, and leaves no temporary folder', async () => {
    const cache = join(scratch, 'damaged');
    const installed = await pinnedPackageInstalled();
    if (!installed) return;
    const whole = await pinnedBrowser(installed, cache);
    truncateSync(whole.executable, 1000);
    const again = await pinnedBrowser(installed, cache);
    expect(again.unpacked).toBe(true);
    expect(sha256(again.executable)).toBe(whole.sha256);
    expect(readdirSync(cache)).toEqual([`chromium-${pinnedVersion}-v1`]);
  });

  it('is unpacked into a private temporary folder, removed after, when the cache cannot be written', async () => {
    const installed = await pinnedPackageInstalled();
    if (!installed) return;
    const file = join(scratch, 'a-file');
    writeFileSync(file, '');
    const pinned = await pinnedBrowser(installed, join(file, 'cache'));
    expect(pinned.executable.startsWith(join(tmpdir(), `paper-chromium-${pinnedVersion}-v1-`))).toBe(true);
    expect(pinned.sha256).toBe(sha256(pinned.executable));
    await pinned.dispose();
    expect(existsSync(pinned.executable)).toBe(false);
  });
});
