import { cpSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fromRoot } from '../helpers/paths.js';
import { startWatch, type WatchProcess, type WatchStatus } from './watch-process.js';

/**
 * Inputs of a running `paper watch` that go missing and come back: the manuscript (moved away by a
 * rename, a `git stash`, a branch switch), a table's data, a bibliography, a whole folder, a file
 * named before it exists. Each is reported within a few builds (counted, never timed: the build
 * number in the status says how many builds it took) and built again when it is back.
 */

const scratch = mkdtempSync(join(tmpdir(), 'paper-watch-inputs-'));
const folder = join(scratch, 'paper');
cpSync(fromRoot('test/fixtures/papers/mini'), folder, { recursive: true });
const manuscript = join(folder, 'manuscript', 'paper.md');
const away = join(scratch, 'away');
mkdirSync(away);

let watch: WatchProcess | undefined;
afterAll(() => {
  watch?.killAll();
  rmSync(scratch, { recursive: true, force: true });
});

/** A watch of its own for each test (the one before is stopped), and its first build, clean. */
async function freshWatch(): Promise<{ running: WatchProcess; first: WatchStatus }> {
  watch?.killAll();
  const running = await startWatch(folder);
  watch = running;
  const first = await running.statusWhen((status) => status.build === 1, 'the first build');
  expect(first).toMatchObject({ errors: 0, fresh: true });
  return { running, first };
}

/** How many builds an event may take: the save itself, and one more for a save seen mid-write. */
const fewBuilds = 3;

/** Wait for a clean, fresh build after `after`, and say how many builds that took. */
async function cleanAfter(running: WatchProcess, after: WatchStatus): Promise<WatchStatus> {
  const status = await running.statusWhen((current) => current.build > after.build && current.errors === 0 && current.fresh, 'a clean build', 30_000);
  expect(status.build - after.build).toBeLessThanOrEqual(fewBuilds);
  return status;
}

/** Wait for a build with errors after `after`, check it took few builds, and that no build follows while nothing changes. */
async function failedAfter(running: WatchProcess, after: WatchStatus): Promise<WatchStatus> {
  const status = await running.statusWhen((current) => current.build > after.build && current.errors > 0, 'the error to be reported', 30_000);
  expect(status.build - after.build).toBeLessThanOrEqual(fewBuilds);
  // Nothing changes now: however long this looks (it depends on the machine), no build comes.
  for (let look = 0; look < 5; look++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await running.status()).build).toBe(status.build);
  }
  return status;
}

/** Move `from` to `to` for the length of `during`, and back (also when `during` fails, so the next test starts clean). */
async function awayDuring(from: string, to: string, during: () => Promise<void>): Promise<void> {
  renameSync(from, to);
  try {
    await during();
  } finally {
    renameSync(to, from);
  }
}

describe('paper watch, when an input goes missing', () => {

  it('reports a manuscript moved away within a few builds, on the page and the terminal, and builds it again once it is back', async () => {
    const { running, first } = await freshWatch();
    let missing = first;
    await awayDuring(manuscript, join(away, 'paper.md'), async () => {
      missing = await failedAfter(running, first);
      const line = 'manuscript/paper.md:1:1  error  Cannot read manuscript: no such file  manuscript-missing';
      expect(missing).toMatchObject({ fresh: false, errors: 1, messages: [line] });
      expect(running.stderr()).toContain(line);
      const page = await (await fetch(running.url)).text();
      expect(page).toContain('<strong>1 error: this page shows the last build that had none</strong>');
      expect(page).toContain(`<div>${line}</div>`);
    });
    await cleanAfter(running, missing);
  });

  it('builds again when a table’s data comes back', async () => {
    const { running, first } = await freshWatch();
    let missing = first;
    await awayDuring(join(folder, 'manuscript', 'tables', 'period.yaml'), join(away, 'period.yaml'), async () => {
      missing = await failedAfter(running, first);
      expect(missing.messages[0]).toBe('manuscript/paper.md:28:1-28:53  error  Cannot read table data `tables/period.yaml`: no such file  table-source-missing');
    });
    await cleanAfter(running, missing);
  });

  it('builds again when a bibliography comes back', async () => {
    const { running, first } = await freshWatch();
    let missing = first;
    await awayDuring(join(folder, 'bibliography', 'refs.bib'), join(away, 'refs.bib'), async () => {
      missing = await failedAfter(running, first);
      expect(missing.messages[0]).toBe('manuscript/paper.md:9:15-9:39  error  Cannot read bibliography `../bibliography/refs.bib`: no such file  bib-missing-file');
    });
    await cleanAfter(running, missing);
  });

  it('builds again when the folder of the tables comes back', async () => {
    const { running, first } = await freshWatch();
    let missing = first;
    await awayDuring(join(folder, 'manuscript', 'tables'), join(away, 'tables'), async () => {
      missing = await failedAfter(running, first);
      expect(missing.messages[0]).toBe('manuscript/paper.md:28:1-28:53  error  Cannot read table data `tables/period.yaml`: no such file  table-source-missing');
    });
    await cleanAfter(running, missing);
  });

  it('builds when a file the manuscript names, in a folder that does not exist yet, is made', async () => {
    const { running, first } = await freshWatch();
    writeFileSync(manuscript, readFileSync(manuscript, 'utf8').replace('The graph is @fig-trend.', 'The graph is @fig-trend.\n\n::period-table{#tbl-later src="later/period.csv"}'));
    const missing = await failedAfter(running, first);
    expect(missing.messages).toEqual(['manuscript/paper.md:35:1-35:50  error  Cannot read table data `later/period.csv`: no such file  table-source-missing']);
    mkdirSync(join(folder, 'manuscript', 'later'));
    cpSync(join(folder, 'manuscript', 'tables', 'period.csv'), join(folder, 'manuscript', 'later', 'period.csv'));
    await cleanAfter(running, missing);
  });
});
