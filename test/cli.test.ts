import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fromRoot } from './helpers/paths.js';
import { runCli, runMain, withoutTimes } from './helpers/run-cli.js';

/**
 * The `paper` command on bad input, one golden folder per case in test/fixtures/cli/: the paper,
 * `args` (the command line), and `expected` (exit code, then everything the command printed).
 * Each case runs on a copy of its folder, so no source file can change. Regenerate the expected
 * files on purpose with `UPDATE=1 npx vitest run test/cli.test.ts`.
 *
 * The cases call `main()` in this process, except `footnote-and-crossref`: `paper check`'s
 * end-to-end test, run as `bin/paper.js` in its own process.
 */

/** `paper check`'s end-to-end test: the real bin/paper.js as a user runs it, a check with errors, its exit code and output. */
const endToEnd = 'footnote-and-crossref';

const fixtures = fromRoot('test/fixtures/cli');
const { version } = JSON.parse(readFileSync(fromRoot('package.json'), 'utf8')) as { version: string };
const scratch = mkdtempSync(join(tmpdir(), 'paper-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function runCase(name: string): Promise<{ printed: string; folder: string; status: number | null }> {
  const folder = join(scratch, name);
  cpSync(join(fixtures, name), folder, { recursive: true });
  const args = readFileSync(join(folder, 'args'), 'utf8').trim().split(/\s+/);
  // Every case names its paper folder (`.`), except those whose point is a missing path.
  const withPath = args[0] === 'build' || args[0] === 'check' ? [args[0], ...(args.some((arg) => arg.endsWith('.md')) ? [] : ['.']), ...args.slice(1)] : args;
  const run = name === endToEnd ? runCli(withPath, folder) : await runMain(withPath, folder);
  const printed = withoutTimes(`exit ${run.status}\n--- stdout\n${run.stdout}--- stderr\n${run.stderr}`.replaceAll(folder, '<case>'));
  return { printed, folder, status: run.status };
}

describe('paper on bad input (golden fixtures)', () => {
  for (const name of readdirSync(fixtures).sort()) {
    it(name, async () => {
      const { printed, folder, status } = await runCase(name);
      const expectedPath = join(fixtures, name, 'expected');
      if (process.env.UPDATE) writeFileSync(expectedPath, printed);
      expect(printed).toBe(readFileSync(expectedPath, 'utf8'));
      expect(printed).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
      if (status !== 0) expect(existsSync(join(folder, 'build'))).toBe(false);
    });
  }
});

describe('a failed build', () => {
  it('leaves the previous outputs exactly as they were, and no temporary files', async () => {
    const folder = join(scratch, 'previous-outputs');
    cpSync(join(fixtures, 'unknown-citation-key'), folder, { recursive: true });
    const out = join(folder, 'out');
    mkdirSync(out);
    writeFileSync(join(out, 'paper.html'), 'previous html');
    writeFileSync(join(out, 'paper.pdf'), 'previous pdf');
    const run = await runMain(['build', '.', '--out', 'out'], folder);
    expect(run.status).toBe(1);
    expect(readFileSync(join(out, 'paper.html'), 'utf8')).toBe('previous html');
    expect(readFileSync(join(out, 'paper.pdf'), 'utf8')).toBe('previous pdf');
    expect(readdirSync(out).sort()).toEqual(['paper.html', 'paper.pdf']);
  });

  it('never writes a source file', async () => {
    const folder = join(scratch, 'sources-untouched');
    cpSync(fromRoot('test/fixtures/papers/mini'), folder, { recursive: true });
    const before = snapshot(folder);
    expect((await runMain(['build', '.', '--no-pdf'], folder)).status).toBe(0);
    const after = snapshot(folder);
    for (const [path, content] of before) expect(after.get(path), path).toBe(content);
  });
});

describe('usage', () => {
  // The end-to-end test of the bare `paper` and `--help`: bin/paper.js in its own process, exit code and all.
  it('prints help and exits 0 on --help, 2 without a command', () => {
    const help = runCli(['build', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: paper build [PATH]');
    const bare = runCli([]);
    expect(bare.status).toBe(2);
    expect(bare.stdout).toContain('Commands:');
  });

  // The end-to-end test of `--version`: bin/paper.js in its own process.
  it('prints the version of the package on --version, and exits 0', () => {
    const run = runCli(['--version']);
    expect(run).toEqual({ status: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('refuses an unknown command with exit 2', async () => {
    const run = await runMain(['publish']);
    expect(run.status).toBe(2);
    expect(run.stderr.split('\n')[0]).toBe('paper: unknown command `publish`');
  });

  it('refuses a second PATH and a bad --max-warnings with exit 2', async () => {
    expect((await runMain(['check', 'a.md', 'b.md'])).stderr.split('\n')[0]).toBe('paper check: Unexpected argument `b.md`');
    const run = await runMain(['check', '--max-warnings', 'many']);
    expect(run.status).toBe(2);
    expect(run.stderr.split('\n')[0]).toBe('paper check: `--max-warnings` takes a whole number, not `many`');
  });
});

function snapshot(folder: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'build') walk(path);
      } else files.set(path, readFileSync(path, 'utf8'));
    }
  };
  walk(folder);
  return files;
}
