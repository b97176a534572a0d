import { chmodSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { BuildManifest } from '../../scripts/manifest/build-manifest.js';
import { changesBetween } from '../../scripts/manifest/compare-builds.js';
import { executableSha256 } from '../../scripts/pdf/browser-hash.js';
import type { BrowserIdentity } from '../../scripts/pdf/find-browser.js';
import { cacheRoot } from '../../scripts/source/cache-folder.js';
import { miniPaperCopy } from '../helpers/mini-paper.js';
import { pinnedVersion } from '../helpers/browser.js';
import { runMain } from '../helpers/run-cli.js';

/**
 * The manifest names the browser by where it came from (the pinned package and its version, a
 * system path, or the setting that named it) and by the sha256 of its executable. The up-to-date
 * test and the kept PDF compare that identity; `paper verify` says when the browser differs.
 */

const scratch = mkdtempSync(join(tmpdir(), 'paper-browser-identity-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const manifestOf = (folder: string) => JSON.parse(readFileSync(join(folder, 'build', 'manifest.json'), 'utf8')) as BuildManifest;
const pinnedFolder = join(cacheRoot(), `chromium-${pinnedVersion}-v1`);

describe('the hash of a browser that is not the pinned one', () => {
  it('is taken once, and again only when the file changes (path, size, time)', async () => {
    const path = join(scratch, 'some-browser');
    writeFileSync(path, 'a browser');
    const stored = new Map<string, Uint8Array>();
    let writes = 0;
    const cache = { get: (key: string) => Promise.resolve(stored.get(key)), set: (key: string, data: Uint8Array) => {
        stored.set(key, data);
        writes++;
        return Promise.resolve();
      },
    };
    const expected = createHash('sha256').update('a browser').digest('hex');
    expect(await executableSha256(path, cache)).toBe(expected);
    expect(await executableSha256(path, cache)).toBe(expected);
    expect(writes).toBe(1);
    utimesSync(path, new Date(1_000_000_000_000), new Date(1_000_000_000_000));
    expect(await executableSha256(path, cache)).toBe(expected);
    expect(writes).toBe(2);
    writeFileSync(path, 'another browser');
    expect(await executableSha256(path, cache)).toBe(createHash('sha256').update('another browser').digest('hex'));
  });
});

describe('`paper verify`, on a build printed by another browser', () => {
  const pinned = { source: 'pinned', package: '@sparticuz/chromium', packageVersion: '143.0.4', sha256: 'a'.repeat(64), version: 'HeadlessChrome/143.0.7499.0' } as const;
  const system = { source: 'system', path: '/usr/bin/chromium', sha256: 'b'.repeat(64), version: 'Chrome/156.0.8078.114' } as const;
  const manifest = (browser: BrowserIdentity): BuildManifest => ({
    manifest: 1,
    tool: { version: '0.1.0', bundle: null },
    versions: { node: 'v20', chromium: browser.version, packages: {} },
    options: { pdf: true, style: null, paperSize: null, bibliographies: [] },
    inputs: [],
    messages: { warnings: 0, infos: 0 },
    outputs: [],
    pdf: { key: 'k', date: '2011-02-03T00:00:00.000Z', dateSource: 'SOURCE_DATE_EPOCH', browser },
  });

  it('says which browser printed each', () => {
    expect(changesBetween(manifest(system), manifest(pinned))).toEqual([
      'the browser differs: the build was printed by /usr/bin/chromium (system; Chrome/156.0.8078.114, sha256 bbbbbbbbbbbb…), the rebuild by @sparticuz/chromium 143.0.4 (pinned; HeadlessChrome/143.0.7499.0, sha256 aaaaaaaaaaaa…)',
    ]);
    expect(changesBetween(manifest(pinned), manifest({ ...pinned, sha256: 'c'.repeat(64) }))).toEqual([
      'the browser differs: the build was printed by @sparticuz/chromium 143.0.4 (pinned; HeadlessChrome/143.0.7499.0, sha256 aaaaaaaaaaaa…), the rebuild by @sparticuz/chromium 143.0.4 (pinned; HeadlessChrome/143.0.7499.0, sha256 cccccccccccc…)',
    ]);
    expect(changesBetween(manifest(pinned), manifest(pinned))).toEqual([]);
  });

  it('finds a build up to date with the same browser, builds and prints again with another, and says so in verify', async () => {
    const folder = miniPaperCopy(scratch, 'paper');
    const epoch = { SOURCE_DATE_EPOCH: '1296691200', PUPPETEER_EXECUTABLE_PATH: undefined };
    expect((await runMain(['build', '.', '--quiet'], folder, epoch)).status).toBe(0);
    const printed = manifestOf(folder);
    expect(printed.pdf?.browser.source).toBe('pinned');
    expect((await runMain(['build', '.'], folder, epoch)).stderr).toMatch(/^Up to date: /);

    // Another executable (that starts the same Chromium): another browser.
    const wrapper = join(scratch, 'wrapped-chromium');
    writeFileSync(wrapper, `#!/bin/sh\nLD_LIBRARY_PATH="${pinnedFolder}/lib" exec "${pinnedFolder}/chromium" "$@"\n`);
    chmodSync(wrapper, 0o755);
    const other = await runMain(['build', '.'], folder, { ...epoch, PUPPETEER_EXECUTABLE_PATH: wrapper });
    expect(other.status).toBe(0);
    expect(other.stderr).toMatch(/^check /);
    expect(other.stderr).toMatch(/^print +[\d.]+ m?s$/m);
    expect(manifestOf(folder).pdf?.browser).toEqual({
      source: 'PUPPETEER_EXECUTABLE_PATH',
      path: wrapper,
      sha256: createHash('sha256').update(readFileSync(wrapper)).digest('hex'),
      version: printed.pdf?.browser.version,
    });

    const verify = await runMain(['verify', '.', '--quiet'], folder, epoch);
    expect(verify.status).toBe(1);
    const pinnedHash = printed.pdf?.browser.sha256.slice(0, 12) ?? '';
    const wrapperHash = createHash('sha256').update(readFileSync(wrapper)).digest('hex').slice(0, 12);
    expect(verify.stdout.replaceAll(scratch, '<tmp>')).toMatch(
      `Since that build: the browser differs: the build was printed by <tmp>/wrapped-chromium (PUPPETEER_EXECUTABLE_PATH; ${printed.pdf?.browser.version}, sha256 ${wrapperHash}…), the rebuild by @sparticuz/chromium ${pinnedVersion} (pinned; ${printed.pdf?.browser.version}, sha256 ${pinnedHash}…).\n`,
    );
  });
});
