import { dirname, join, resolve } from 'node:path';
import type { Position } from 'unist';
import { VFile } from 'vfile';
import { cslProblem } from '../bibliography/csl-validation.js';
import { report } from '../diagnostics/report.js';
import type { PaperMeta } from '../front-matter/read-front-matter.js';
import type { LoadedManuscript } from './load.js';
import { packageRoot } from '../source/package-root.js';
import { readSource } from '../source/read-source.js';

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
    const read = await readSource(path, cwd);
    if ('error' in read) {
      report(namer, 'style-invalid', `Cannot read CSL style \`${value}\`: ${read.error}`, position);
      return { failed: namer };
    }
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
