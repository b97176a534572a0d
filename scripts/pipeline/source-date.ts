import { execFile } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { promisify } from 'node:util';
import type { PaperMeta } from '../front-matter/read-front-matter.js';

const run = promisify(execFile);

/**
 * The date a build stamps on the PDF, never the clock, so rebuilding the same sources gives the same
 * bytes: `SOURCE_DATE_EPOCH` (reproducible-builds.org) when set, else the front matter's `date`,
 * else the time of the last commit that touched the sources, else (outside git) the newest of the
 * sources' modification times.
 */
export async function sourceDate(meta: PaperMeta, root: string, sources: string[], env: NodeJS.ProcessEnv = process.env): Promise<Date> {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000);
  if (meta.date) {
    const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(meta.date) ? `${meta.date}T00:00:00Z` : meta.date);
    if (!Number.isNaN(date.getTime())) return date;
  }
  try {
    const { stdout } = await run('git', ['log', '-1', '--format=%ct', '--', ...sources], { cwd: root });
    if (/^\d+$/.test(stdout.trim())) return new Date(Number(stdout.trim()) * 1000);
  } catch {
    // Not a git checkout, or no git: fall back to the files themselves.
  }
  const times = await Promise.all(sources.map((path) => stat(path).then((info) => info.mtimeMs, () => 0)));
  return new Date(Math.floor(Math.max(0, ...times) / 1000) * 1000);
}
