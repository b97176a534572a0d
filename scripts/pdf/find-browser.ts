import { access, constants } from 'node:fs/promises';
import { join } from 'node:path';
import { executableSha256 } from './browser-hash.js';
import { currentPlatform, hasPinnedBrowser, pinnedBrowser, pinnedPackage, pinnedPackageInstalled, type Platform } from './pinned-browser.js';

/**
 * Which browser prints the PDF, in order: one named explicitly (`PUPPETEER_EXECUTABLE_PATH`, else
 * `browser:` in `paper.config.yaml`); else the Chromium the lockfile pins (`pinned-browser.ts`),
 * where the platform has it; else a Chrome or Chromium installed on the machine. Only the pinned
 * one prints the same bytes on every machine; the others are for platforms it does not run on.
 */

/** Where the browser came from: the build manifest names it so, with the hash of its executable. */
export type BrowserSource =
  | { source: 'pinned'; package: string; packageVersion: string }
  | { source: 'system'; path: string }
  | { source: 'PUPPETEER_EXECUTABLE_PATH' | 'paper.config.yaml'; path: string };

/** The browser a PDF was printed with: where it came from, the sha256 of its executable, the version it reports. */
export type BrowserIdentity = BrowserSource & { sha256: string; version: string };

/** The browser chosen, ready to start. */
export interface ChosenBrowser {
  executable: string;
  origin: BrowserSource;
  /** The folder of its own libraries (the pinned browser's NSS), for `LD_LIBRARY_PATH`. */
  libraries?: string | undefined;
  /** The sha256 of its executable (the pinned one's from when it was unpacked; others' remembered by path, size and time). */
  sha256(): Promise<string>;
  /** Remove what choosing it made for this process alone (a private unpack). Never throws. */
  dispose(): Promise<void>;
}

export class BrowserMissingError extends Error {}

export interface ChooseOptions {
  env?: NodeJS.ProcessEnv | undefined;
  /** `browser:` of the paper's configuration: an absolute path outside the paper folder, checked when the configuration was read. */
  configured?: string | undefined;
  platform?: Platform | undefined;
  /** The system browsers to look for, in order (the platform's usual places by default). */
  systemCandidates?: string[] | undefined;
  /** The cache folder the pinned browser is unpacked into (the pipeline's by default). */
  cache?: string | undefined;
}

/**
 * The browser that prints the PDF (see the order above). Throws `BrowserMissingError`, one line
 * naming the ways out, when there is none.
 */
export async function chooseBrowser(options: ChooseOptions = {}): Promise<ChosenBrowser> {
  const env = options.env ?? process.env;
  const named = env.PUPPETEER_EXECUTABLE_PATH;
  if (named) {
    if (await isExecutable(named)) return explicit(named, { source: 'PUPPETEER_EXECUTABLE_PATH', path: named });
    throw new BrowserMissingError(`PUPPETEER_EXECUTABLE_PATH names \`${named}\`, which is not an executable file`);
  }
  if (options.configured) {
    if (await isExecutable(options.configured)) return explicit(options.configured, { source: 'paper.config.yaml', path: options.configured });
    throw new BrowserMissingError(`\`browser:\` in paper.config.yaml names \`${options.configured}\`, which is not an executable file`);
  }
  const platform = options.platform ?? currentPlatform();
  let pinnedAbsent = `the pinned Chromium (${pinnedPackage}) runs on Linux x64 with glibc only`;
  if (hasPinnedBrowser(platform)) {
    const installed = await pinnedPackageInstalled();
    if (installed) {
      let pinned;
      try {
        pinned = await pinnedBrowser(installed, options.cache);
      } catch (error) {
        throw new BrowserMissingError(`Cannot unpack the pinned Chromium (${pinnedPackage} ${installed.version}): ${error instanceof Error ? error.message : String(error)}`);
      }
      return {
        executable: pinned.executable,
        origin: { source: 'pinned', package: pinnedPackage, packageVersion: pinned.packageVersion },
        libraries: pinned.libraries,
        sha256: () => Promise.resolve(pinned.sha256),
        dispose: pinned.dispose,
      };
    }
    pinnedAbsent = `the pinned Chromium (${pinnedPackage}) is not installed (\`npm ci\` installs it)`;
  }
  for (const candidate of options.systemCandidates ?? systemBrowsers(platform.os, env)) {
    if (await isExecutable(candidate)) return explicit(candidate, { source: 'system', path: candidate });
  }
  throw new BrowserMissingError(
    `No browser to print the PDF: ${pinnedAbsent}, and no Chrome or Chromium is installed where one usually is. Install one, name one with PUPPETEER_EXECUTABLE_PATH or \`browser:\` in paper.config.yaml, or build the HTML alone with \`--no-pdf\``,
  );
}

/**
 * The executable path of the browser `chooseBrowser` picks with no paper configuration (for tools
 * and tests that start a browser of their own; the pinned one also wants its `libraries` on
 * `LD_LIBRARY_PATH`, which `chooseBrowser` gives).
 */
export async function findBrowser(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  return (await chooseBrowser({ env })).executable;
}

function explicit(executable: string, origin: BrowserSource): ChosenBrowser {
  let hashing: Promise<string> | undefined;
  return { executable, origin, sha256: () => (hashing ??= executableSha256(executable)), dispose: () => Promise.resolve() };
}

/** Where a Chrome or Chromium is usually installed on each platform, in order. */
export function systemBrowsers(os: NodeJS.Platform, env: NodeJS.ProcessEnv = process.env): string[] {
  if (os === 'darwin') {
    const apps = ['Google Chrome.app/Contents/MacOS/Google Chrome', 'Chromium.app/Contents/MacOS/Chromium'];
    return [...apps.map((app) => `/Applications/${app}`), ...(env.HOME ? apps.map((app) => join(env.HOME ?? '', 'Applications', app)) : [])];
  }
  if (os === 'win32') {
    const roots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter((root): root is string => Boolean(root));
    return roots.flatMap((root) => [`${root}\\Google\\Chrome\\Application\\chrome.exe`, `${root}\\Chromium\\Application\\chrome.exe`]);
  }
  return ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];
}

async function isExecutable(path: string): Promise<boolean> {
  return access(path, constants.X_OK).then(
    () => true,
    () => false,
  );
}

/** How a browser is named in messages: `@sparticuz/chromium 148.0.0 (pinned)`, `/usr/bin/chromium (system)`. */
export function describeBrowser(origin: BrowserSource): string {
  return origin.source === 'pinned' ? `${origin.package} ${origin.packageVersion} (pinned)` : origin.source === 'system' ? `${origin.path} (system)` : `${origin.path} (${origin.source})`;
}

/** Whether two browsers are the same: from the same place, with the same executable (the version each reports is left out: it is known only once the browser runs). */
export function sameBrowser(a: BrowserSource & { sha256: string }, b: BrowserSource & { sha256: string }): boolean {
  return browserKey(a) === browserKey(b);
}

function browserKey(browser: BrowserSource & { sha256: string; version?: string }): string {
  const { version: _version, ...identity } = browser;
  return JSON.stringify(Object.entries(identity).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)));
}
