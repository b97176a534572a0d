import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PaperMeta } from '../../scripts/front-matter/read-front-matter.js';
import { sourceDate } from '../../scripts/manifest/source-date.js';
import { fromRoot, root } from '../helpers/paths.js';

const meta = (date?: string) => ({ date }) as PaperMeta;

/** Whether git is on PATH: a copy of the repository without it (a downloaded archive) has no commit dates to read. */
const git = (() => {
  try {
    execFileSync('git', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
if (!git) console.info('source-date: the git checkout case is skipped: git is not on PATH');

describe('the date stamped on the PDF', () => {
  it('is SOURCE_DATE_EPOCH when set, whatever else there is', async () => {
    expect((await sourceDate(meta('2001-01-01'), root, [], { SOURCE_DATE_EPOCH: '1296691200' })).date.toISOString()).toBe('2011-02-03T00:00:00.000Z');
  });

  it('is the front matter date otherwise', async () => {
    expect((await sourceDate(meta('2011-02-03'), root, [], {})).date.toISOString()).toBe('2011-02-03T00:00:00.000Z');
  });

  it.skipIf(!git)(`is the time of the last commit that touched the sources, in a git checkout${git ? '' : ' (skipped: git is not on PATH)'}`, async () => {
    const manuscript = fromRoot('manuscript/paper.md');
    const committed = execFileSync('git', ['log', '-1', '--format=%ct', '--', manuscript], { cwd: root, encoding: 'utf8' }).trim();
    if (committed === '') return; // a checkout without history (CI clones have it)
    expect((await sourceDate(meta(), root, [manuscript], {})).date.getTime()).toBe(Number(committed) * 1000);
  });

  it('is the newest modification time of the sources outside git', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'paper-date-'));
    try {
      const file = join(folder, 'paper.md');
      writeFileSync(file, 'x');
      utimesSync(file, new Date('2020-05-06T07:08:09Z'), new Date('2020-05-06T07:08:09Z'));
      expect((await sourceDate(meta(), folder, [file], {})).date.toISOString()).toBe('2020-05-06T07:08:09.000Z');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
