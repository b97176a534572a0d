import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Before the tests: bundle scripts/ into dist/, so tests that spawn `bin/paper.js` run the current
 * code (and in-process builds record its hash as `tool.bundle`), and mark this run in the
 * environment that every process it starts inherits: the test workers too, so the browsers of
 * in-process builds carry the mark as well.
 * After the tests: no browser this run started may still be alive (a print that forgot to close
 * its browser would leave one behind on every build).
 */
export default function setup(): () => void {
  const root = fileURLToPath(new URL('..', import.meta.url));
  execFileSync(process.execPath, [`${root}scripts/tools/bundle.mjs`], { cwd: root, stdio: 'inherit' });
  const marker = `PAPER_TEST_RUN=${randomUUID()}`;
  process.env.PAPER_TEST_RUN = marker.split('=')[1];
  // No test's \`paper check\` is answered by another test's \`paper watch\` or \`paper lsp\` of the same
  // paper: the tests of the warm process (test/daemon/) take this away where they want one.
  process.env.PAPER_NO_DAEMON = '1';
  return () => {
    const orphans = browsersOf(marker);
    if (orphans.length > 0) {
      for (const pid of orphans) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // Already gone.
        }
      }
      // Vitest reports an error thrown here but still exits 0; the exit code is what CI reads.
      process.exitCode = 1;
      throw new Error(`Browser processes outlived the tests: ${orphans.join(', ')}`);
    }
  };
}

/** Chromium processes whose environment carries this run's marker. */
function browsersOf(marker: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const command = readFileSync(`/proc/${entry}/cmdline`, 'latin1');
      if (!/chrom/i.test(command)) continue;
      if (readFileSync(`/proc/${entry}/environ`, 'latin1').split('\0').includes(marker)) pids.push(Number(entry));
    } catch {
      // The process ended while we looked, or is not ours to read.
    }
  }
  return pids;
}
