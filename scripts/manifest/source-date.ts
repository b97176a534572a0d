import { execFile } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { isAbsolute, relative } from 'node:path';
import { promisify } from 'node:util';
import type { DateSource } from './build-manifest.js';

const run = promisify(execFile);

export interface SourceDate {
  date: Date;
  source: DateSource;
}

/**
 * The date a build stamps on the PDF, never the clock, so rebuilding the same sources gives the same
 * bytes: `SOURCE_DATE_EPOCH` (reproducible-builds.org) when set, else the front matter's `date`,
 * else the time of the last commit that touched the sources, else (outside git) the newest of the
 * sources' modification times.
 */
export async function sourceDate(meta: { date?: string | undefined }, root: string, sources: string[], env: NodeJS.ProcessEnv = process.env): Promise<SourceDate> {
  const epoch = epochDate(env);
  if (epoch) return { date: epoch, source: 'SOURCE_DATE_EPOCH' };
  if (meta.date) {
    const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(meta.date) ? `${meta.date}T00:00:00Z` : meta.date);
    if (!Number.isNaN(date.getTime())) return { date, source: 'front-matter' };
  }
  return historyDate(root, sources);
}

/** `SOURCE_DATE_EPOCH` as a date, when it is set to a whole number of seconds. */
export function epochDate(env: NodeJS.ProcessEnv = process.env): Date | undefined {
  const epoch = env.SOURCE_DATE_EPOCH;
  return epoch && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : undefined;
}

/** The time of the last commit that touched the sources, else the newest of their modification times. */
export async function historyDate(root: string, sources: string[]): Promise<SourceDate> {
  try {
    const { stdout } = await run('git', ['log', '-1', '--format=%ct', '--', ...sources], { cwd: root });
    if (/^\d+$/.test(stdout.trim())) return { date: new Date(Number(stdout.trim()) * 1000), source: 'git' };
  } catch {
    // Not a git checkout, or no git: fall back to the files themselves.
  }
  const times = await Promise.all(sources.map((path) => stat(path).then((info) => info.mtimeMs, () => 0)));
  return { date: new Date(Math.floor(Math.max(0, ...times) / 1000) * 1000), source: 'file-times' };
}

/** The sources whose history dates a paper: those inside its folder (git knows nothing of the others). */
export function datedSources(root: string, paths: string[]): string[] {
  return paths.filter((path) => {
    const inside = relative(root, path);
    return inside !== '' && !inside.startsWith('..') && !isAbsolute(inside);
  });
}
