import { join, resolve } from 'node:path';
import { chooseBrowser, sameBrowser } from '../pdf/find-browser.js';
import { locatePaper } from '../source/paper-location.js';
import { datedSources, epochDate, historyDate } from './source-date.js';
import { readManifest, type BuildManifest } from './build-manifest.js';
import { manifestPath } from './make-manifest.js';
import { sha256OfFile } from './sha256.js';
import { toolIdentity } from './tool-versions.js';

export interface BuildRequest {
  path?: string | undefined;
  cwd: string;
  out?: string | undefined;
  pdf: boolean;
  style?: string | undefined;
  paperSize?: string | undefined;
  bibliographies: string[];
}

/**
 * Whether the last build in the output folder was made from exactly these sources, options and
 * tools, found by hashing alone: the inputs its manifest lists, its outputs, the pipeline's code,
 * and for the PDF the browser (where it comes from and its executable's hash) and the date the PDF would get. Returns the last build's
 * manifest and folder when nothing has changed; undefined means build.
 */
export async function upToDate(request: BuildRequest, env: NodeJS.ProcessEnv = process.env): Promise<{ out: string; manifest: BuildManifest } | undefined> {
  const location = await locatePaper(request.path, request.cwd);
  const root = location.root;
  const out = outputFolderOf(request, root);
  const manifest = await readManifest(out);
  if (!manifest) return undefined;
  const options = requestedOptions(request, root);
  if (JSON.stringify(options) !== JSON.stringify(manifest.options)) return undefined;
  if (!manifest.inputs.some((input) => input.path === manifestPath(root, location.manuscript))) return undefined;
  const tool = await toolIdentity();
  if (tool.bundle === null || tool.bundle !== manifest.tool.bundle || tool.version !== manifest.tool.version) return undefined;
  for (const input of manifest.inputs) if ((await sha256OfFile(join(root, input.path))) !== input.sha256) return undefined;
  for (const output of manifest.outputs) if ((await sha256OfFile(join(out, output.path))) !== output.sha256) return undefined;
  if (manifest.outputs.some((output) => output.path === 'paper.pdf') !== options.pdf) return undefined;
  if (options.pdf && !(await samePdfConditions(manifest, root, env))) return undefined;
  return { out, manifest };
}

/** Where a build writes: `--out` (relative to the working folder), else `build/` in the paper folder. */
export function outputFolderOf(request: Pick<BuildRequest, 'cwd' | 'out'>, root: string): string {
  return resolve(request.cwd, request.out ?? join(root, 'build'));
}

/** The options as the manifest records them: paths made relative to the paper folder. */
export function requestedOptions(request: BuildRequest, root: string): BuildManifest['options'] {
  const style = request.style === undefined ? null : isStylePath(request.style) ? manifestPath(root, resolve(request.cwd, request.style)) : request.style;
  return {
    pdf: request.pdf,
    style,
    paperSize: request.paperSize ?? null,
    bibliographies: request.bibliographies.map((path) => manifestPath(root, resolve(request.cwd, path))),
  };
}

/** `--style` names a file (ends in `.csl` or has a folder) or a style by name. */
export function isStylePath(style: string): boolean {
  return style.endsWith('.csl') || style.includes('/');
}

/** The same browser would print, and the PDF would carry the same date. */
async function samePdfConditions(manifest: BuildManifest, root: string, env: NodeJS.ProcessEnv): Promise<boolean> {
  const pdf = manifest.pdf;
  if (!pdf) return false;
  // The configuration is an input whose hash is unchanged: a browser it named then, it names now.
  const configured = pdf.browser.source === 'paper.config.yaml' ? pdf.browser.path : undefined;
  const chosen = await chooseBrowser({ env, configured }).catch(() => undefined);
  if (chosen === undefined) return false;
  try {
    if (!sameBrowser(pdf.browser, { ...chosen.origin, sha256: await chosen.sha256() })) return false;
  } catch {
    return false;
  } finally {
    await chosen.dispose();
  }
  const epoch = epochDate(env);
  if (epoch) return epoch.toISOString() === pdf.date;
  if (pdf.dateSource === 'SOURCE_DATE_EPOCH') return false;
  // A date in the front matter is in the manuscript, whose hash is unchanged.
  if (pdf.dateSource === 'front-matter') return true;
  const inputs = manifest.inputs.map((input) => join(root, input.path));
  return (await historyDate(root, datedSources(root, inputs))).date.toISOString() === pdf.date;
}
