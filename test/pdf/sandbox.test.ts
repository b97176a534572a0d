import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { testBrowser } from '../helpers/browser.js';
import { fromRoot } from '../helpers/paths.js';
import { runMain } from '../helpers/run-cli.js';

/**
 * Chromium's sandbox is turned off only where it must be: for root (Chromium refuses to start
 * sandboxed as root), and where the sandbox cannot start (no user namespaces, no setuid helper),
 * in which case the browser is started again without it. The browsers here are shell scripts that
 * write down their arguments and start the real Chromium. A build as another user is a process
 * run with that user's id, so these run only as root.
 */

const isRoot = process.getuid?.() === 0;
const nobody = 65534;
const scratch = mkdtempSync(join(tmpdir(), 'paper-sandbox-'));
chmodSync(scratch, 0o755);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let papers = 0;
/** A paper folder, a browser that logs its arguments to `launches`, both usable by `owner`. */
async function setUp(owner: number, refusesSandbox = false): Promise<{ folder: string; browser: string; launches: () => string[] }> {
  const folder = join(scratch, `paper-${++papers}`);
  cpSync(fromRoot('test/fixtures/papers/mini'), folder, { recursive: true });
  const log = join(folder, 'launches.log');
  writeFileSync(log, '');
  const { executablePath: chromium, libraries } = await testBrowser();
  const libraryPath = libraries ? `LD_LIBRARY_PATH="${libraries}" ` : '';
  // Like Chromium on a kernel without user namespaces: it dies at start unless told --no-sandbox.
  const refusal = refusesSandbox
    ? `case " $* " in *" --no-sandbox "*) ;; *)\n  echo "[1:1:FATAL:zygote_host_impl_linux.cc(128)] No usable sandbox! If you want to live dangerously and need an immediate workaround, you can try using --no-sandbox." >&2\n  exit 133 ;;\nesac\n`
    : '';
  const browser = join(folder, 'logging-chromium');
  writeFileSync(browser, `#!/bin/sh\necho "$*" >> "${log}"\n${refusal}${libraryPath}exec "${chromium}" "$@"\n`);
  chmodSync(browser, 0o755);
  for (const path of walk(folder)) chownSync(path, owner, owner);
  const launches = () => readFileSync(log, 'utf8').split('\n').filter(Boolean);
  return { folder, browser, launches };
}

function walk(folder: string): string[] {
  return [folder, ...readdirSync(folder, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? walk(join(folder, entry.name)) : [join(folder, entry.name)]))];
}

/** `paper build` run as another user: a process with that user's ids. */
function buildAs(user: number, folder: string, browser: string): { status: number | null; stderr: string } {
  const result = spawnSync(process.execPath, [fromRoot('bin/paper.js'), 'build', '.', '--quiet'], {
    cwd: folder,
    uid: user,
    gid: user,
    encoding: 'utf8',
    env: { ...process.env, HOME: folder, PUPPETEER_EXECUTABLE_PATH: browser, SOURCE_DATE_EPOCH: '1296691200' },
    timeout: 120_000,
  });
  return { status: result.status, stderr: result.stderr };
}

const sandboxOff = (launch: string) => launch.split(' ').includes('--no-sandbox');

/** Whether that user can run this checkout's `paper` at all (a checkout in a folder only root may enter cannot). */
const canRunAs = (user: number) => isRoot && spawnSync(process.execPath, [fromRoot('bin/paper.js'), '--version'], { uid: user, gid: user }).status === 0;
const nobodyCanRun = canRunAs(nobody);

describe.runIf(isRoot)("Chromium's sandbox", () => {
  it('is off for root, which Chromium does not run sandboxed', async () => {
    const { folder, browser, launches } = await setUp(0);
    const run = await runMain(['build', '.', '--quiet'], folder, { PUPPETEER_EXECUTABLE_PATH: browser, SOURCE_DATE_EPOCH: '1296691200' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(launches().map(sandboxOff)).toEqual([true]);
  });

  if (!nobodyCanRun) it.skip(`as another user: uid ${nobody} cannot read this checkout (${fromRoot('')}), so no build of theirs can run`, () => undefined);

  it.runIf(nobodyCanRun)('is on for any other user', async () => {
    const { folder, browser, launches } = await setUp(nobody);
    const run = buildAs(nobody, folder, browser);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    // Started sandboxed; where this machine cannot sandbox, started once more without.
    expect(sandboxOff(launches()[0] ?? '')).toBe(false);
    expect(launches().slice(1).map(sandboxOff)).toEqual(launches().length === 2 ? [true] : []);
  });

  it.runIf(nobodyCanRun)('is off, at a second start, where it cannot start', async () => {
    const { folder, browser, launches } = await setUp(nobody, true);
    const run = buildAs(nobody, folder, browser);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(launches().map(sandboxOff)).toEqual([false, true]);
  });
});
