import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrowserIdentity } from '../pdf/find-browser.js';

/** The file a build writes beside its outputs, naming what it was made from and with. */
export const manifestName = 'manifest.json';

/** The outputs a build can make, by their names in the output folder. */
export const outputNames = { html: 'paper.html', pdf: 'paper.pdf' } as const;

/**
 * The folder in the output folder where a build's outputs and manifest wait while they are moved
 * into place (pipeline/write.ts). It outlives its build only when the build was killed in those
 * few renames; the next build moves what is left before it reads the folder.
 */
export const placingName = '.placing';

/** A file the build read, by its path relative to the paper folder; `sha256: null` when it was looked for and absent. */
export interface ManifestInput {
  path: string;
  sha256: string | null;
}

export interface ManifestOutput {
  path: string;
  sha256: string;
  bytes: number;
}

/** Where the PDF's date came from: it decides what a later build must look at to reuse the PDF. */
export type DateSource = 'SOURCE_DATE_EPOCH' | 'front-matter' | 'git' | 'file-times';

/**
 * `build/manifest.json`. Everything in it is a function of the sources, the options and the
 * tools (no clock, no absolute path of the paper), so two builds of the same sources on one
 * machine write the same manifest, and `paper verify` can compare it too.
 */
export interface BuildManifest {
  manifest: 1;
  tool: { version: string; bundle: string | null };
  versions: { node: string; chromium: string | null; packages: Record<string, string> };
  options: {
    pdf: boolean;
    style: string | null;
    paperSize: string | null;
    bibliographies: string[];
  };
  inputs: ManifestInput[];
  /** The warnings (and notes) the checks printed, counted: a build with nothing to do says how many there were. */
  messages: { warnings: number; infos: number };
  outputs: ManifestOutput[];
  /** Present when a PDF was made: what it depends on beyond the HTML. */
  pdf: { key: string; date: string; dateSource: DateSource; browser: BrowserIdentity } | null;
}

export function serializeManifest(manifest: BuildManifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** The manifest of the last build in `out`, or undefined when there is none (or it is not one). */
export async function readManifest(out: string): Promise<BuildManifest | undefined> {
  return parseManifest(await readFile(join(out, manifestName), 'utf8').catch(() => ''));
}

/** A manifest's text as a manifest, or undefined when it is not one. */
export function parseManifest(text: string): BuildManifest | undefined {
  try {
    const value = JSON.parse(text) as Partial<BuildManifest>;
    if (value.manifest !== 1 || !Array.isArray(value.inputs) || !Array.isArray(value.outputs) || !value.options || !value.tool) return undefined;
    return value as BuildManifest;
  } catch {
    return undefined;
  }
}
