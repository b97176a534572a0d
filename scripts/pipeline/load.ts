import { dirname, join, relative, resolve, sep } from 'node:path';
import { VFile } from 'vfile';
import { configFileName } from './project-config.js';
import { report } from '../diagnostics/report.js';
import type { PaperMeta } from '../front-matter/read-front-matter.js';
import type { LoadedDataFile } from '../tables/directive-data-file.js';
import { locatePaper, type PaperLocation } from '../source/paper-location.js';
import { readSource } from '../source/read-source.js';

/** The load stage: the only stage besides print and write that touches the file system. */

export interface LoadedManuscript {
  location: PaperLocation;
  file: VFile;
}

/** Read the manuscript; when it cannot be read, the returned file carries the message. */
export async function loadManuscript(path: string | undefined, cwd: string): Promise<LoadedManuscript | { failed: VFile }> {
  const location = await locatePaper(path, cwd);
  const read = await readSource(location.manuscript, cwd);
  if ('file' in read) return { location, file: read.file };
  const file = new VFile({ path: location.manuscript, cwd });
  report(file, 'manuscript-missing', `Cannot read manuscript: ${read.error}`, { line: 1, column: 1 });
  return { failed: file };
}

export interface BibliographySource {
  /** As written: a front matter path is relative to the manuscript, a command-line path to the working folder. */
  path: string;
  from: 'front-matter' | 'command-line';
}

/**
 * Read the bibliographies the front matter names, then those given on the command line. A file
 * that cannot be read is reported where it is named: at its line in the front matter, or at 1:1
 * of the path given on the command line.
 */
export async function loadBibliographies(manuscript: LoadedManuscript, meta: PaperMeta, extra: string[], cwd: string): Promise<VFile[]> {
  const files: VFile[] = [];
  const folder = dirname(manuscript.location.manuscript);
  for (const named of meta.bibliographies) {
    const read = await readSource(resolve(folder, named.value), cwd);
    if ('file' in read) files.push(read.file);
    else report(manuscript.file, 'bib-missing-file', `Cannot read bibliography \`${named.value}\`: ${read.error}`, named.position);
  }
  for (const path of extra) {
    const read = await readSource(resolve(cwd, path), cwd);
    if ('file' in read) files.push(read.file);
    else {
      const missing = new VFile({ path: resolve(cwd, path), cwd });
      report(missing, 'bib-missing-file', `Cannot read bibliography \`${path}\`: ${read.error}`, { line: 1, column: 1 });
      files.push(missing);
    }
  }
  return files;
}

/** Read every period table's data file. A path that leaves the paper's folder is refused, not read. */
export async function loadTableFiles(manuscript: LoadedManuscript, sources: string[], cwd: string): Promise<Map<string, LoadedDataFile>> {
  const folder = dirname(manuscript.location.manuscript);
  const root = manuscript.location.root;
  const files = new Map<string, LoadedDataFile>();
  for (const src of new Set(sources)) {
    const path = resolve(folder, src);
    const inside = relative(root, path);
    if (inside.startsWith(`..${sep}`) || inside === '..' || resolve(root, inside) !== path) {
      files.set(src, { error: 'the path leads outside the paper folder' });
      continue;
    }
    const read = await readSource(path, cwd);
    files.set(src, read);
  }
  return files;
}

/** The paper folder's `paper.config.yaml`, when there is one. */
export async function loadProjectConfig(manuscript: LoadedManuscript, cwd: string): Promise<VFile | undefined> {
  const read = await readSource(join(manuscript.location.root, configFileName), cwd);
  if ('file' in read) return read.file;
  if (read.error === 'no such file') return undefined;
  const file = new VFile({ path: join(manuscript.location.root, configFileName), cwd });
  report(file, 'config-schema', `Cannot read the project configuration: ${read.error}`, { line: 1, column: 1 });
  return file;
}
