import { realpathSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Root } from 'mdast';
import type { Position } from 'unist';
import { VFile } from 'vfile';
import { report } from '../diagnostics/report.js';
import type { PaperMeta } from '../front-matter/read-front-matter.js';
import type { FontFile } from '../html/font-faces.js';
import { packageRoot } from '../source/package-root.js';
import { shippedFonts } from '../source/shipped-fonts.js';
import { locatePaper, type PaperLocation } from '../source/paper-location.js';
import { describeError, readSource, type UnsavedTexts } from '../source/read-source.js';
import { localImageSources, showsImages } from '../figures/image-sources.js';
import { sniffImageType } from '../figures/image-type.js';
import type { LoadedImage, LoadedImages } from '../figures/loaded-image.js';
import type { LoadedDataFile } from '../tables/directive-data-file.js';
import { dataFileSources } from '../tables/period-tables-transform.js';

/**
 * The load stage: every file a paper is made from, read into a VFile (or the reason it could not
 * be, as a message at the place that names it). With print and write, the only stage that touches
 * the file system. What only the render stage needs (the CSL style, the fonts, the stylesheet) is
 * loaded when a build gets there: `paper check` never reads it.
 */

/** The file a paper folder may hold to configure the checks. */
export const configFileName = 'paper.config.yaml';

export interface LoadedManuscript {
  location: PaperLocation;
  file: VFile;
}

/** Read the manuscript; when it cannot be read, the returned file carries the message. */
export async function loadManuscript(path: string | undefined, cwd: string, unsaved?: UnsavedTexts): Promise<LoadedManuscript | { failed: VFile; location: PaperLocation }> {
  const location = await locatePaper(path, cwd);
  const read = await readSource(location.manuscript, cwd, unsaved);
  if ('file' in read) return { location, file: read.file };
  const file = new VFile({ path: location.manuscript, cwd });
  report(file, 'manuscript-missing', `Cannot read manuscript: ${read.error}`, { line: 1, column: 1 });
  return { failed: file, location };
}

/**
 * One policy for every file a paper names in its own sources (the front matter's bibliographies
 * and style, the data files of its tables and graphs, its configuration): the file must be inside
 * the paper folder, links followed, so that building a paper someone else wrote reads nothing
 * else of the machine (a table linked to `/etc/passwd` would land in the outputs and in the
 * messages). A file named on the command line (`--bibliography`, `--style`) is the user's own
 * choice and may be anywhere.
 */
export const outsideThePaper = 'the path leads outside the paper folder';

/** Whether `path` (absolute) leaves the paper folder `root`, by its name or, once links are followed, by where it is. */
export function leavesPaper(root: string, path: string): boolean {
  const outside = (from: string, to: string) => {
    const inside = relative(from, to);
    return inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside);
  };
  if (outside(root, path)) return true;
  let real: string;
  try {
    real = realpathSync.native(path);
  } catch {
    // Not there (or not readable): reading it says so, and there is nothing to leak.
    return false;
  }
  return outside(realpathSync.native(root), real);
}

/**
 * Whether `path` (absolute) is inside the paper folder `root` by its name or, once links are
 * followed, by where it is: what a paper must never name as a program to run (`browser:` in its
 * configuration), since a paper's own files are its author's code.
 */
export function reachesIntoPaper(root: string, path: string): boolean {
  const inside = (from: string, to: string) => {
    const within = relative(from, to);
    return within === '' || !(within === '..' || within.startsWith(`..${sep}`) || isAbsolute(within));
  };
  if (inside(root, path)) return true;
  try {
    return inside(realpathSync.native(root), realpathSync.native(path));
  } catch {
    // Not there: nothing of the paper's to run.
    return false;
  }
}

/** Read a source the paper names, unless it leaves the paper folder. */
function readNamedSource(root: string, path: string, cwd: string, unsaved?: UnsavedTexts): ReturnType<typeof readSource> {
  return leavesPaper(root, path) ? Promise.resolve({ error: outsideThePaper }) : readSource(path, cwd, unsaved);
}

/**
 * Read the bibliographies the front matter names, then those given on the command line. A file
 * that cannot be read is reported where it is named: at its line in the front matter, or at 1:1
 * of the path given on the command line.
 */
export async function loadBibliographies(manuscript: LoadedManuscript, meta: PaperMeta, extra: string[], cwd: string, unsaved?: UnsavedTexts): Promise<VFile[]> {
  const files: VFile[] = [];
  const folder = dirname(manuscript.location.manuscript);
  for (const named of meta.bibliographies) {
    const read = await readNamedSource(manuscript.location.root, resolve(folder, named.value), cwd, unsaved);
    if ('file' in read) files.push(read.file);
    else {
      const hint = read.error === outsideThePaper ? `; to use a bibliography kept elsewhere, give it on the command line (\`--bibliography ${named.value}\`)` : '';
      report(manuscript.file, 'bib-missing-file', `Cannot read bibliography \`${named.value}\`: ${read.error}${hint}`, named.position);
    }
  }
  for (const path of extra) {
    const read = await readSource(resolve(cwd, path), cwd, unsaved);
    if ('file' in read) files.push(read.file);
    else {
      const missing = new VFile({ path: resolve(cwd, path), cwd });
      report(missing, 'bib-missing-file', `Cannot read bibliography \`${path}\`: ${read.error}`, { line: 1, column: 1 });
      files.push(missing);
    }
  }
  return files;
}

/**
 * Read the data file of every directive that names one (`::period-table`, `::trend-graph`). A path
 * that leaves the paper's folder is refused, not read (see `leavesPaper`).
 */
export async function loadDataFiles(manuscript: LoadedManuscript, tree: Root, cwd: string, unsaved?: UnsavedTexts): Promise<Map<string, LoadedDataFile>> {
  const folder = dirname(manuscript.location.manuscript);
  const root = manuscript.location.root;
  const files = new Map<string, LoadedDataFile>();
  for (const src of new Set(dataFileSources(tree))) files.set(src, await readNamedSource(root, resolve(folder, src), cwd, unsaved));
  return files;
}

/**
 * Read every local image the manuscript shows (`![x](figures/plot.png)`), with what its bytes are.
 * An image is a file the paper names: read only inside the paper folder (see `leavesPaper`). Reads
 * nothing for a paper without images.
 */
export async function loadImages(manuscript: LoadedManuscript, tree: Root): Promise<LoadedImages> {
  const images = new Map<string, LoadedImage>();
  const sources = localImageSources(tree);
  if (sources.length === 0) return images;
  const folder = dirname(manuscript.location.manuscript);
  for (const src of sources) {
    const path = resolve(folder, src);
    if (leavesPaper(manuscript.location.root, path)) {
      images.set(src, { path, error: outsideThePaper });
      continue;
    }
    try {
      if (statSync(path).isDirectory()) throw Object.assign(new Error('folder'), { code: 'EISDIR' });
      const bytes = new Uint8Array(await readFile(path));
      images.set(src, { path, bytes, type: sniffImageType(bytes) });
    } catch (error) {
      images.set(src, { path, error: describeError(error) });
    }
  }
  return images;
}

/** The paper folder's `paper.config.yaml`, when there is one. */
export async function loadProjectConfig(manuscript: Pick<LoadedManuscript, 'location'>, cwd: string, unsaved?: UnsavedTexts): Promise<VFile | undefined> {
  const read = await readNamedSource(manuscript.location.root, join(manuscript.location.root, configFileName), cwd, unsaved);
  if ('file' in read) return read.file;
  if (read.error === 'no such file') return undefined;
  const file = new VFile({ path: join(manuscript.location.root, configFileName), cwd });
  report(file, 'config-schema', `Cannot read the project configuration: ${read.error}`, { line: 1, column: 1 });
  return file;
}

/** A CSL style ready for the engine, with where it was chosen (for messages about it). */
export interface LoadedStyle {
  name: string;
  xml: string;
  /** The file a message about the style belongs to: the .csl file, or the manuscript naming it. */
  file: VFile;
  position: Position | undefined;
}

/** The paper's own style, shipped with the pipeline, is the default. */
export const defaultStyle = 'paper';
const bundledStyles = new Map([[defaultStyle, 'styles/paper.csl']]);

/**
 * Find the CSL style: `--style` wins over the front matter's `csl`, which wins over the default.
 * A value ending in `.csl` is a path (relative to the working folder for `--style`, to the
 * manuscript for `csl`); anything else is the name of a bundled or citation-js style.
 */
export async function loadStyle(
  manuscript: LoadedManuscript,
  meta: PaperMeta,
  option: string | undefined,
  cwd: string,
  builtinStyles: { names(): string[]; get(name: string): string | undefined },
): Promise<LoadedStyle | { failed: VFile }> {
  const fromOption = option !== undefined;
  const value = option ?? meta.csl?.value ?? defaultStyle;
  const position = fromOption ? undefined : meta.csl?.position;
  const namer = fromOption ? new VFile({ path: '--style', cwd }) : manuscript.file;
  if (value.endsWith('.csl') || value.includes('/')) {
    const path = resolve(fromOption ? cwd : dirname(manuscript.location.manuscript), value);
    const read = fromOption ? await readSource(path, cwd) : await readNamedSource(manuscript.location.root, path, cwd);
    if ('error' in read) {
      const hint = read.error === outsideThePaper ? `; to use a style kept elsewhere, give it on the command line (\`--style ${value}\`)` : '';
      report(namer, 'style-invalid', `Cannot read CSL style \`${value}\`: ${read.error}${hint}`, position);
      return { failed: namer };
    }
    // Loaded here, not at the top: `paper check` reads no style.
    const { cslProblem } = await import('../bibliography/csl-validation.js');
    const problem = cslProblem(String(read.file.value));
    if (problem) {
      report(read.file, 'style-invalid', `Cannot use CSL style \`${value}\`: ${problem.reason}`, problem.place);
      return { failed: read.file };
    }
    return { name: value, xml: String(read.file.value), file: read.file, position: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } } };
  }
  const bundled = bundledStyles.get(value);
  if (bundled) {
    const read = await readSource(join(packageRoot(), bundled), cwd);
    if ('file' in read) return { name: value, xml: String(read.file.value), file: read.file, position: undefined };
    report(namer, 'style-invalid', `Cannot read the bundled style \`${value}\`: ${read.error}`, position);
    return { failed: namer };
  }
  const builtin = builtinStyles.get(value);
  if (builtin) return { name: value, xml: builtin, file: namer, position };
  const choices = [...bundledStyles.keys(), ...builtinStyles.names()].map((name) => `\`${name}\``).join(', ');
  report(namer, 'style-invalid', `Unknown CSL style \`${value}\`; choose one of ${choices}, or give a path to a \`.csl\` file`, position);
  return { failed: namer };
}

/**
 * A file the load stage looks for, found or not, and whether the paper's own sources name it (its
 * front matter or its directives): such a file is read only inside the paper folder (`leavesPaper`).
 */
export interface SoughtFile {
  path: string;
  named: boolean;
}

/**
 * Every file the check looks for, where the loaders above look for it, read or not: the manuscript,
 * the bibliographies of the front matter and of the command line, the data files of the directives
 * (`sources`, as written in them), the project configuration. `paper watch` watches them all, so a
 * file that goes missing, or is named before it exists, is built as soon as it is there.
 */
export function filesSought(manuscript: LoadedManuscript, meta: PaperMeta, extra: string[], sources: Iterable<string>, cwd: string, images: LoadedImages = new Map()): SoughtFile[] {
  const folder = dirname(manuscript.location.manuscript);
  return [
    { path: manuscript.location.manuscript, named: false },
    ...meta.bibliographies.map((named) => ({ path: resolve(folder, named.value), named: true })),
    ...extra.map((path) => ({ path: resolve(cwd, path), named: false })),
    ...[...sources].map((src) => ({ path: resolve(folder, src), named: true })),
    ...[...images.values()].map((image) => ({ path: image.path, named: true })),
    { path: join(manuscript.location.root, configFileName), named: true },
  ];
}

/** The file `loadStyle` looks for, read or not: a `.csl` path (named by the paper when the front matter gives it), a bundled style's file, or none for a citation-js style. */
export function styleSought(manuscript: LoadedManuscript, meta: PaperMeta, option: string | undefined, cwd: string): SoughtFile | undefined {
  const value = option ?? meta.csl?.value ?? defaultStyle;
  if (value.endsWith('.csl') || value.includes('/')) return { path: resolve(option !== undefined ? cwd : dirname(manuscript.location.manuscript), value), named: option === undefined };
  const bundled = bundledStyles.get(value);
  return bundled === undefined ? undefined : { path: join(packageRoot(), bundled), named: false };
}

/** Every file a build read (its images and the style sheets of its features too), and the project configuration it looked for (absent is a fact too). */
export function inputsOf(files: VFile[], style: LoadedStyle, root: string, { images = new Map(), stylesheets = [] }: { images?: LoadedImages; stylesheets?: readonly FeatureStylesheet[] } = {}): string[] {
  const paths = [...files, style.file].map((file) => file.path).filter((path): path is string => Boolean(path));
  const imagePaths = [...images.values()].flatMap((image) => ('bytes' in image ? [image.path] : []));
  return [...paths, ...imagePaths, join(root, configFileName), stylesheetPath(), ...stylesheets.map(featureStylesheetPath)];
}

/** The style sheet every paper is rendered with (screen and print). */
export const stylesheetPath = () => join(packageRoot(), 'styles', 'paper.css');

/**
 * Style sheets added after `paper.css` only for a paper that has what they style (`styles/NAME.css`),
 * so that a paper without it renders byte for byte as before.
 */
export const featureStylesheets = ['tables', 'figures', 'title-block'] as const;
export type FeatureStylesheet = (typeof featureStylesheets)[number];
const featureStylesheetPath = (name: FeatureStylesheet) => join(packageRoot(), 'styles', `${name}.css`);

export async function loadStylesheet(features: readonly FeatureStylesheet[] = []): Promise<string> {
  const sheets = await Promise.all([stylesheetPath(), ...features.map(featureStylesheetPath)].map((path) => readFile(path, 'utf8')));
  return sheets.join('\n');
}

/** The shipped fonts (`source/shipped-fonts.ts`), read: the render stage keeps only the glyphs the paper uses. */
export async function loadFontFiles(): Promise<FontFile[]> {
  return Promise.all(shippedFonts().map(async ({ path, ...face }) => ({ ...face, data: await readFile(path) })));
}
