import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runBounded } from '../helpers/run-bounded.js';

/**
 * A table's dashed lines are recognised in time linear in their length. The first reading,
 * `(?:-+[ \t]*)+`, could split a run of dashes in 2^n ways before failing on a last character that
 * is not a dash: a mutated table of the property tests (61 dashes, then `(`) kept a test worker
 * busy for minutes. The check runs in a process of its own, killed after 20 s, so a return of that
 * reading fails here instead of stalling the suite.
 */
const scratch = mkdtempSync(join(tmpdir(), 'paper-dashed-lines-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('dashed lines', () => {
  it('that end in another character are read at once, in every place a table rule may stand', () => {
    const long = '-'.repeat(64);
    const hostile = [
      `Header\n${long}(\nrow\n`,
      `Header\n${long} ${long}x\n`,
      `${long}\n Centered   Default\n  Header    Aligned\n----------- ----------------------------------------------------(\n  First    row\n\n${long}\n`,
      `${'- '.repeat(40)}a\n`,
    ];
    writeFileSync(join(scratch, 'paper.md'), `---\ntitle: Dashes\n---\n\n${hostile.join('\n\n')}`);
    const run = runBounded(['check', 'paper.md'], scratch, { timeoutMs: 20_000, heapMb: 256 });
    expect(run.signal).toBeNull();
    expect(run.status).toBe(0);
  });
});
