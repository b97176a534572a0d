import { relative, sep } from 'node:path';
import type { BrowserIdentity } from '../pdf/find-browser.js';
import type { BuildManifest, DateSource } from './build-manifest.js';
import { sha256, sha256OfFile } from './sha256.js';
import { packageVersions } from './tool-versions.js';

export interface ManifestFacts {
  /** The paper folder: every path in the manifest is relative to it. */
  root: string;
  /** The pipeline's version and code hash (`toolIdentity`). */
  tool: BuildManifest['tool'];
  /** Every file the build read or looked for (absolute paths); those absent get `sha256: null`. */
  inputs: string[];
  /** The outputs, by their names in the output folder. */
  outputs: Array<{ name: string; data: string | Uint8Array }>;
  /** The options as recorded (see `requestedOptions`). */
  options: BuildManifest['options'];
  pdf: { key: string; date: Date; dateSource: DateSource; browser: BrowserIdentity } | undefined;
  /** How many problems the checks found (warnings only, since the build succeeded). */
  messages: { warn: number; info: number };
}

/** Paths in the manifest: relative to the paper folder, with `/`, whatever the system. */
export function manifestPath(root: string, path: string): string {
  return relative(root, path).split(sep).join('/');
}

export async function makeManifest(facts: ManifestFacts): Promise<BuildManifest> {
  const inputs = await Promise.all(
    [...new Set(facts.inputs)].map(async (path) => ({ path: manifestPath(facts.root, path), sha256: await sha256OfFile(path) })),
  );
  inputs.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return {
    manifest: 1,
    tool: facts.tool,
    versions: { node: process.version, chromium: facts.pdf?.browser.version ?? null, packages: await packageVersions() },
    options: facts.options,
    inputs,
    messages: { warnings: facts.messages.warn, infos: facts.messages.info },
    outputs: facts.outputs.map(({ name, data }) => ({ path: name, sha256: sha256(data), bytes: typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength })),
    pdf: facts.pdf ? { key: facts.pdf.key, date: facts.pdf.date.toISOString(), dateSource: facts.pdf.dateSource, browser: facts.pdf.browser } : null,
  };
}

/**
 * What the PDF depends on: the HTML, the document information and date, the browser (its version
 * and the hash of its executable), and the pipeline's own code (which post-processes the print). When a build finds the same key in
 * the last manifest (and that PDF still on disk), it keeps that PDF instead of printing it again.
 */
export function pdfKey(html: string, metadata: Record<string, unknown>, browser: { version: string; sha256: string }, pipeline: string | null): string {
  const { content: _content, ...info } = metadata;
  return sha256(JSON.stringify({ html: sha256(html), info, browser: { version: browser.version, sha256: browser.sha256 }, pipeline }));
}
