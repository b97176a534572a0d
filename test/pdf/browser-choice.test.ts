import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pinnedVersion } from '../helpers/browser.js';
import { afterAll, describe, expect, it } from 'vitest';
import type { BuildManifest } from '../../scripts/manifest/build-manifest.js';
import { chooseBrowser, systemBrowsers } from '../../scripts/pdf/find-browser.js';
import { cacheRoot } from '../../scripts/source/cache-folder.js';
import { miniPaperCopy } from '../helpers/mini-paper.js';
import { runMain } from '../helpers/run-cli.js';

/**
 * Which browser prints: an explicit one (PUPPETEER_EXECUTABLE_PATH, else `browser:` in
 * paper.config.yaml), else the pinned Chromium where the platform has it, else a system Chrome or
 * Chromium; none is one line that names the ways out. The pinned one wins over a system Chromium
 * installed on the machine (Debian's, here), so the PDF tests print with it.
 */

const scratch = mkdtempSync(join(tmpdir(), 'paper-choice-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function executable(name: string): string {
  const path = join(scratch, name);
  writeFileSync(path, '#!/bin/sh\nexit 1\n');
  chmodSync(path, 0o755);
  return path;
}

const linux = { os: 'linux', arch: 'x64', glibc: '2.36' } as const;
const mac = { os: 'darwin', arch: 'arm64', glibc: undefined } as const;

describe('the choice of the browser', () => {
  const named = executable('named-chromium');
  const configured = executable('configured-chromium');
  const system = executable('system-chromium');

  it('takes PUPPETEER_EXECUTABLE_PATH first, then `browser:` of the configuration', async () => {
    const env = { PUPPETEER_EXECUTABLE_PATH: named };
    expect((await chooseBrowser({ env, configured, platform: linux, systemCandidates: [system] })).origin).toEqual({ source: 'PUPPETEER_EXECUTABLE_PATH', path: named });
    expect((await chooseBrowser({ env: {}, configured, platform: linux, systemCandidates: [system] })).origin).toEqual({ source: 'paper.config.yaml', path: configured });
  });

  it('takes the pinned Chromium before a system one, on Linux x64 with glibc', async () => {
    const chosen = await chooseBrowser({ env: {}, platform: linux, systemCandidates: [system] });
    expect(chosen.origin).toEqual({ source: 'pinned', package: '@sparticuz/chromium', packageVersion: pinnedVersion });
    expect(chosen.executable).toBe(join(cacheRoot(), `chromium-${pinnedVersion}-v1`, 'chromium'));
    expect(chosen.libraries).toBe(join(cacheRoot(), `chromium-${pinnedVersion}-v1`, 'lib'));
  });

  it('takes a system browser where there is no pinned one', async () => {
    const chosen = await chooseBrowser({ env: {}, platform: mac, systemCandidates: [join(scratch, 'not-there'), system] });
    expect(chosen.origin).toEqual({ source: 'system', path: system });
    expect(await chosen.sha256()).toBe(createHash('sha256').update(readFileSync(system)).digest('hex'));
  });

  it('says in one line what to do when there is none', async () => {
    await expect(chooseBrowser({ env: {}, platform: mac, systemCandidates: [join(scratch, 'not-there')] })).rejects.toThrow(
      /^No browser to print the PDF: the pinned Chromium \(@sparticuz\/chromium\) runs on Linux x64 with glibc only, and no Chrome or Chromium is installed where one usually is\. Install one, name one with PUPPETEER_EXECUTABLE_PATH or `browser:` in paper\.config\.yaml, or build the HTML alone with `--no-pdf`$/,
    );
    await expect(chooseBrowser({ env: { PUPPETEER_EXECUTABLE_PATH: join(scratch, 'gone') } })).rejects.toThrow(`PUPPETEER_EXECUTABLE_PATH names \`${join(scratch, 'gone')}\`, which is not an executable file`);
  });

  it('looks for a system Chrome or Chromium where each platform installs them', () => {
    expect(systemBrowsers('darwin', { HOME: '/Users/ann' })).toEqual([
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
      '/Users/ann/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Users/ann/Applications/Chromium.app/Contents/MacOS/Chromium',
    ]);
    expect(systemBrowsers('win32', { PROGRAMFILES: 'C:\\Program Files', LOCALAPPDATA: 'C:\\Users\\ann\\AppData\\Local' })).toEqual([
      'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
      'C:\\Program Files\\Chromium\\Application\\chrome.exe',
      'C:\\Users\\ann\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe',
      'C:\\Users\\ann\\AppData\\Local\\Chromium\\Application\\chrome.exe',
    ]);
    expect(systemBrowsers('linux')).toEqual(['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable']);
  });
});

describe('a build on this machine', () => {
  it('prints with the pinned Chromium, though a system Chromium is installed, and names it in the manifest', async () => {
    const folder = miniPaperCopy(scratch, 'pinned');
    const run = await runMain(['build', '.', '--quiet'], folder, { SOURCE_DATE_EPOCH: '1296691200', PUPPETEER_EXECUTABLE_PATH: undefined });
    expect(run).toMatchObject({ status: 0, stderr: '' });
    const manifest = JSON.parse(readFileSync(join(folder, 'build', 'manifest.json'), 'utf8')) as BuildManifest;
    const binary = join(cacheRoot(), `chromium-${pinnedVersion}-v1`, 'chromium');
    expect(manifest.pdf?.browser).toEqual({
      source: 'pinned',
      package: '@sparticuz/chromium',
      packageVersion: pinnedVersion,
      sha256: createHash('sha256').update(readFileSync(binary)).digest('hex'),
      // The package's major version is its Chromium's.
      version: expect.stringMatching(new RegExp(`^HeadlessChrome/${pinnedVersion.split('.')[0]}\\.`)),
    });
    expect(manifest.versions.chromium).toBe(manifest.pdf?.browser.version);
    // Whatever else the machine has.
    if (existsSync('/usr/bin/chromium')) expect(JSON.stringify(manifest)).not.toContain('/usr/bin/chromium');
  });
});
