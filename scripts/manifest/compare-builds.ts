import { describeBrowser, sameBrowser, type BrowserIdentity } from '../pdf/find-browser.js';
import type { BuildManifest } from './build-manifest.js';

/** One line of `paper verify`: an output, and whether the rebuild made the same bytes. */
export interface OutputComparison {
  path: string;
  identical: boolean;
  recorded: string | undefined;
  rebuilt: string | undefined;
}

/** The outputs of two builds compared by hash, in the order the rebuild lists them, then any the rebuild no longer makes. */
export function compareOutputs(recorded: Array<{ path: string; sha256: string | null }>, rebuilt: Array<{ path: string; sha256: string | null }>): OutputComparison[] {
  const before = new Map(recorded.map((output) => [output.path, output.sha256 ?? undefined]));
  const after = new Map(rebuilt.map((output) => [output.path, output.sha256 ?? undefined]));
  const paths = [...after.keys(), ...[...before.keys()].filter((path) => !after.has(path))];
  return paths.map((path) => {
    const was = before.get(path);
    const now = after.get(path);
    return { path, identical: was !== undefined && was === now, recorded: was, rebuilt: now };
  });
}

/** Why two builds could differ, before any byte is compared: the inputs, options or tools changed. */
export function changesBetween(recorded: BuildManifest, rebuilt: BuildManifest): string[] {
  const changes: string[] = [];
  const inputs = compareOutputs(recorded.inputs, rebuilt.inputs).filter((input) => !input.identical && (input.recorded ?? null) !== (input.rebuilt ?? null));
  for (const input of inputs) changes.push(`${input.path} ${input.recorded === undefined ? 'is new' : input.rebuilt === undefined ? 'is gone' : 'changed'}`);
  if (JSON.stringify(recorded.options) !== JSON.stringify(rebuilt.options)) changes.push('the options differ');
  if (JSON.stringify(recorded.tool) !== JSON.stringify(rebuilt.tool)) changes.push('the pipeline differs');
  const [before, after] = [recorded.pdf?.browser, rebuilt.pdf?.browser];
  const browserChanged = isBrowserIdentity(before) && isBrowserIdentity(after) && !sameBrowser(before, after);
  if (browserChanged) changes.push(`the browser differs: the build was printed by ${browserWords(before)}, the rebuild by ${browserWords(after)}`);
  // The browser's version is said with the browser when that line is there.
  const versions = (manifest: BuildManifest) => JSON.stringify(browserChanged ? { ...manifest.versions, chromium: null } : manifest.versions);
  if (versions(recorded) !== versions(rebuilt)) changes.push('the versions of Node.js, Chromium or packages differ');
  return changes;
}

/** A manifest's browser as recorded by this version of the pipeline (older manifests named the executable's size and time instead). */
function isBrowserIdentity(value: unknown): value is BrowserIdentity {
  return typeof value === 'object' && value !== null && 'source' in value && 'sha256' in value;
}

/** `@sparticuz/chromium 148.0.0 (pinned; HeadlessChrome/148.0.7778.0, sha256 3f2a…)`. */
function browserWords(browser: BrowserIdentity): string {
  return `${describeBrowser(browser).replace(/\)$/, '')}; ${browser.version}, sha256 ${browser.sha256.slice(0, 12)}…)`;
}
