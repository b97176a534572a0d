import { cp, mkdir, readdir, readFile, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { packageRoot } from '../source/package-root.js';
import { parseCommandArgs, UsageError } from './arguments.js';
import type { CommandIo } from './io.js';

/** Files of the template whose names npm would not ship as they are, and what they become. */
const renamed = new Map([['gitignore', '.gitignore']]);

/**
 * `paper init DIR`: a new paper that `paper build DIR` builds at once (a manuscript with a
 * citation, a note and a cross-reference, a bibliography, one period table, the project config
 * and a README), from templates/new-paper/. DIR must not exist or be empty; the paper is made
 * in a temporary folder beside it and renamed into place, so a failure leaves nothing half made.
 */
export async function initCommand(args: string[], io: CommandIo): Promise<number> {
  const { positionals } = parseCommandArgs(args, {}, 1);
  const [target] = positionals;
  if (target === undefined) throw new UsageError('Name the folder for the new paper: `paper init DIR`');
  const folder = resolve(io.cwd, target);
  const existing = await readdir(folder).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? undefined : error));
  if (existing instanceof Error) {
    io.stderr(`paper init: cannot use \`${target}\`: ${existing.code === 'ENOTDIR' ? 'it is a file' : existing.message}; nothing was written`);
    return 1;
  }
  if (existing && existing.length > 0) {
    io.stderr(`paper init: \`${target}\` is not empty; choose a new folder (nothing was written)`);
    return 1;
  }
  await mkdir(dirname(folder), { recursive: true });
  const staging = join(dirname(folder), `.${basename(folder)}.init-${process.pid}`);
  try {
    await cp(join(packageRoot(), 'templates', 'new-paper'), staging, { recursive: true });
    for (const [from, to] of renamed) await rename(join(staging, from), join(staging, to));
    const table = join(staging, 'manuscript', 'tables', 'periods.yaml');
    const schema = relative(join(folder, 'manuscript', 'tables'), join(packageRoot(), 'schemas', 'period-table.schema.json')).split(sep).join('/');
    await writeFile(table, (await readFile(table, 'utf8')).replace('{{schema}}', schema));
    if (existing) await rmdir(folder);
    await rename(staging, folder);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  const files = (await readdir(folder, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile());
  const shown = files.map((entry) => relative(folder, join(entry.parentPath, entry.name)).split(sep).join('/')).sort();
  io.stderr(`Created a new paper in ${target}:\n${shown.map((path) => `  ${path}`).join('\n')}\nBuild it with \`paper build ${target}\`, check it with \`paper check ${target}\`.`);
  return 0;
}
