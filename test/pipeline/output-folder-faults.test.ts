import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fromRoot } from '../helpers/paths.js';
import { miniPaperCopy } from '../helpers/mini-paper.js';
import { runMain, withoutTimes } from '../helpers/run-cli.js';

/**
 * An output folder the build cannot use is the user's environment, not a bug in the pipeline: exit
 * 1 with one `output-write` error naming the path and what to do, no stack trace, and the previous
 * outputs left exactly as they were. Read-only and full file systems are made in a private mount
 * namespace (`unshare -m`: a read-only bind mount, a small tmpfs), where root's writes fail as
 * anyone's would; where that is not permitted, those cases are skipped.
 */

const scratch = mkdtempSync(join(tmpdir(), 'paper-out-faults-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const paperCopy = (name: string) => miniPaperCopy(scratch, name);

/** Previous outputs in `out`, to be found unchanged after the failed build. */
function previousOutputs(out: string): void {
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'paper.html'), 'previous html');
  writeFileSync(join(out, 'manifest.json'), '{"previous": true}\n');
}

function expectPreviousOutputs(out: string, extra: string[] = []): void {
  expect(readdirSync(out).sort()).toEqual(['manifest.json', 'paper.html', ...extra].sort());
  expect(readFileSync(join(out, 'paper.html'), 'utf8')).toBe('previous html');
  expect(readFileSync(join(out, 'manifest.json'), 'utf8')).toBe('{"previous": true}\n');
}

const failed = (error: string) => `check <time>\nrender <time>\nmanuscript/paper.md:1:1  error  ${error}  output-write\n\n✖ 1 error\nBuild failed; nothing was written.\n`;

describe('an output folder the build cannot use', () => {
  it('`--out` naming a file: exit 1, the file untouched', async () => {
    const folder = paperCopy('out-file');
    writeFileSync(join(folder, 'taken'), 'a file of mine');
    const run = await runMain(['build', '.', '--no-pdf', '--out', 'taken'], folder);
    expect({ ...run, stderr: withoutTimes(run.stderr) }).toEqual({
      status: 1,
      stdout: '',
      stderr: failed('Cannot write the outputs into `taken`: it is a file, not a folder; remove it, or choose another folder with `--out`'),
    });
    expect(readFileSync(join(folder, 'taken'), 'utf8')).toBe('a file of mine');
  });

  it('`--out` below a file: exit 1, the file named', async () => {
    const folder = paperCopy('out-below-file');
    writeFileSync(join(folder, 'taken'), 'a file of mine');
    const run = await runMain(['build', '.', '--no-pdf', '--out', 'taken/build'], folder);
    expect({ ...run, stderr: withoutTimes(run.stderr) }).toEqual({
      status: 1,
      stdout: '',
      stderr: failed('Cannot write the outputs into `taken/build`: `taken` is a file, not a folder; remove it, or choose another folder with `--out`'),
    });
    expect(readFileSync(join(folder, 'taken'), 'utf8')).toBe('a file of mine');
  });

  it('a `.paper-build.lock` that is a file: exit 1 at once, the previous outputs intact', async () => {
    const folder = paperCopy('lock-file');
    const out = join(folder, 'build');
    previousOutputs(out);
    writeFileSync(join(out, '.paper-build.lock'), '');
    const run = await runMain(['build', '.', '--no-pdf'], folder);
    expect({ ...run, stderr: withoutTimes(run.stderr) }).toEqual({
      status: 1,
      stdout: '',
      stderr: failed("Cannot lock the output folder: `build/.paper-build.lock` is a file, not a build's lock (a folder); remove it"),
    });
    expectPreviousOutputs(out, ['.paper-build.lock']);
  });
});

/** Whether this process may make a private mount namespace (root, or a kernel that allows it). */
const mountNamespaces = spawnSync('unshare', ['-m', 'true']).status === 0;
if (!mountNamespaces) console.warn('output-folder-faults: `unshare -m` is not permitted here; the read-only and full file system cases are skipped');

/**
 * `paper build` in a mount namespace of its own, after `mount` (shell commands) made the output
 * folder what the case needs; `after` runs there too, since what is mounted lives only as long as
 * the namespace. Its output goes to stderr, after the build's.
 */
function buildWithMount(folder: string, mount: string, args: string[], after = ''): { status: number | null; stdout: string; stderr: string } {
  const script = `set -e\n${mount}\nset +e\n"${process.execPath}" "${fromRoot('bin/paper.js')}" "$@"\nstatus=$?\n${after}\nexit $status`;
  const run = spawnSync('unshare', ['-m', '--propagation', 'private', 'sh', '-c', script, 'sh', ...args], { cwd: folder, encoding: 'utf8', timeout: 120_000 });
  return { status: run.status, stdout: run.stdout, stderr: withoutTimes(run.stderr) };
}

describe.runIf(mountNamespaces)('an output folder on a file system that refuses writes', () => {
  // Processes: the file system is made read-only, or small, in a mount namespace of the build's own.
  it('read-only: exit 1, the previous outputs intact', () => {
    const folder = paperCopy('read-only');
    const out = join(folder, 'build');
    previousOutputs(out);
    const run = buildWithMount(folder, `mount --bind -o ro "${out}" "${out}"`, ['build', '.', '--no-pdf']);
    expect(run).toEqual({
      status: 1,
      stdout: '',
      stderr: failed('Cannot write the outputs into `build`: its file system is read-only; make it writable, or choose another folder with `--out`'),
    });
    expectPreviousOutputs(out);
  });

  it('full: exit 1, the previous outputs intact, no staging folder left', () => {
    const folder = paperCopy('full');
    const out = join(folder, 'build');
    mkdirSync(out);
    // A file system of 32 KiB holding the previous outputs: the new HTML (some 80 KB, with its fonts) does not fit.
    const mount = `mount -t tmpfs -o size=32k paper-test "${out}"\nprintf 'previous html' > "${out}/paper.html"\nprintf '{"previous": true}\\n' > "${out}/manifest.json"`;
    const run = buildWithMount(folder, mount, ['build', '.', '--no-pdf'], `ls -A "${out}" >&2\ncat "${out}/paper.html" >&2`);
    expect(run).toEqual({
      status: 1,
      stdout: '',
      stderr: `${failed('Cannot write the outputs into `build`: no space is left on its device; free some space, or choose another folder with `--out`')}manifest.json\npaper.html\nprevious html`,
    });
  });

  it('`paper verify` with a read-only temporary folder: exit 1, one line naming it', async () => {
    const folder = paperCopy('verify-read-only-tmp');
    expect((await runMain(['build', '.', '--no-pdf'], folder)).status).toBe(0);
    const temporary = join(folder, 'tmp');
    mkdirSync(temporary);
    const run = buildWithMount(folder, `mount --bind -o ro "${temporary}" "${temporary}"\nexport TMPDIR="${temporary}"`, ['verify', '.']);
    expect(run).toEqual({ status: 1, stdout: '', stderr: expect.stringMatching(/^paper verify: cannot use `[^`]+\/tmp\/paper-verify-\w+`: its file system is read-only; make it writable\n$/) });
  });
});
