import { randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { LspClient } from '../helpers/lsp-client.js';
import { miniPaperCopy } from '../helpers/mini-paper.js';
import { processesCarrying, startCli, until } from '../helpers/processes.js';
import { runCli } from '../helpers/run-cli.js';
import { startWatch, type WatchProcess } from '../watch/watch-process.js';
import { socketOf, statusOf } from './warm-socket.js';

/**
 * The warm process end to end, as a user meets it: a real `paper watch` (and a real `paper lsp`)
 * answering a real `paper check` and `paper build` run in another process, against the same
 * commands run cold with `--no-daemon`.
 */

const scratch = mkdtempSync(join(tmpdir(), 'paper-warm-process-'));
const runtime = join(scratch, 'runtime');
mkdirSync(runtime, { mode: 0o700 });
/** What the processes of these tests share: their socket folder, and asking allowed (the test run forbids it elsewhere). */
const env = { PAPER_NO_DAEMON: undefined, XDG_RUNTIME_DIR: runtime, SOURCE_DATE_EPOCH: '1764000000' };
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('paper watch', () => {
  let watch: WatchProcess | undefined;
  afterAll(() => watch?.killAll());

  it('answers paper check in another process as that process would, until it is killed', async () => {
    const folder = miniPaperCopy(scratch, 'watched');
    const manuscript = join(folder, 'manuscript/paper.md');
    writeFileSync(manuscript, readFileSync(manuscript, 'utf8').replace('As @smith2000', 'As @smith2001'));
    watch = await startWatch(folder, { env });
    const socket = socketOf(folder, runtime);
    await until(() => existsSync(socket), 'the socket of paper watch');
    expect(await statusOf(socket)).toMatchObject({ pid: watch.pid, answered: 0 });

    for (const args of [['check', '.'], ['check', '.', '--format', 'json'], ['check', 'manuscript/paper.md', '--quiet']]) {
      const cold = runCli([...args, '--no-daemon'], folder, env);
      expect(cold.status).toBe(1);
      expect(runCli(args, folder, env)).toEqual(cold);
    }
    expect(await statusOf(socket)).toMatchObject({ answered: 3 });

    // Killed: its socket stays behind; the next check runs cold, the same, and removes it.
    watch.killAll();
    await watch.exited;
    expect(existsSync(socket)).toBe(true);
    expect(runCli(['check', '.'], folder, env)).toEqual(runCli(['check', '.', '--no-daemon'], folder, env));
    expect(existsSync(socket)).toBe(false);
  });

  it('hands a build interrupted in its client the interrupt, and the client exits as a cold build does', async () => {
    const folder = miniPaperCopy(scratch, 'interrupted');
    // A browser that never answers keeps the build in its print stage, its HTML staged.
    const browser = join(scratch, 'stuck-chromium');
    writeFileSync(browser, '#!/bin/sh\nsleep 300\n');
    chmodSync(browser, 0o755);
    const mark = randomUUID();
    const stuck = { ...env, PUPPETEER_EXECUTABLE_PATH: browser, PAPER_BROWSER_TIMEOUT: '100000', PAPER_WARM_TEST: mark };
    watch = await startWatch(folder, { env: stuck });
    const socket = socketOf(folder, runtime);
    await until(() => existsSync(socket), 'the socket of paper watch');
    // The watch carries the mark too: the browser is the one that sleeps.
    const browsers = () => processesCarrying('PAPER_WARM_TEST', mark).filter((process) => process.command.includes('sleep 300'));
    const interrupted = async (args: string[]) => {
      const running = startCli(['build', '.', '--quiet', ...args], folder, stuck);
      const out = join(folder, 'build');
      await until(() => browsers().length > 0, 'the browser');
      await until(() => existsSync(out) && readdirSync(out).some((name) => name.startsWith('.staging-') && existsSync(join(out, name, 'paper.html'))), 'the build to stage its HTML');
      process.kill(running.pid, 'SIGINT');
      const done = await running.done;
      await until(() => browsers().length === 0, 'the browser to be killed', 10_000);
      return done;
    };
    try {
      const cold = await interrupted(['--no-daemon']);
      expect(cold).toEqual({ status: 130, signal: null, stdout: '', stderr: 'paper build: interrupted by SIGINT; nothing was written, the previous outputs are unchanged\n' });
      // Its staging folder removed, nothing placed: the output folder is left empty, by either.
      expect(leftIn(join(folder, 'build'))).toEqual([]);
      rmSync(join(folder, 'build'), { recursive: true });
      expect(await interrupted([])).toEqual(cold);
      expect(await statusOf(socket)).toMatchObject({ pid: watch.pid, answered: 1 });
      expect(leftIn(join(folder, 'build'))).toEqual([]);
    } finally {
      for (const { pid } of processesCarrying('PAPER_WARM_TEST', mark)) process.kill(pid, 'SIGKILL');
      watch.killAll();
    }
  });
});

/** What a folder holds, folders and hidden files too; undefined when it does not exist. */
function leftIn(folder: string): string[] | undefined {
  return existsSync(folder) ? (readdirSync(folder, { recursive: true }) as string[]).sort() : undefined;
}

describe('paper lsp', () => {
  it('answers paper check from the files on disk, not from the editor’s unsaved text', async () => {
    const folder = miniPaperCopy(scratch, 'edited');
    const manuscript = join(folder, 'manuscript/paper.md');
    const text = readFileSync(manuscript, 'utf8');
    // The LSP client starts its server with this process's variables.
    const saved = { ...process.env };
    delete process.env.PAPER_NO_DAEMON;
    process.env.XDG_RUNTIME_DIR = runtime;
    process.env.SOURCE_DATE_EPOCH = env.SOURCE_DATE_EPOCH;
    const lsp = new LspClient(folder);
    for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
    Object.assign(process.env, saved);
    try {
      await lsp.initialize(folder);
      const socket = socketOf(folder, runtime);
      await until(() => existsSync(socket), 'the socket of paper lsp');
      const uri = await lsp.open(manuscript, text.replace('As @smith2000', 'As @smith2001'));
      expect(uri).toBe(pathToFileURL(manuscript).href);
      await lsp.diagnosticsOf(uri, (diagnostics) => diagnostics.some((diagnostic) => diagnostic.message.includes('smith2001')));

      const cold = runCli(['check', '.', '--no-daemon'], folder, env);
      expect(cold).toEqual({ status: 0, stdout: '', stderr: '' });
      expect(runCli(['check', '.'], folder, env)).toEqual(cold);
      expect(await statusOf(socket)).toMatchObject({ pid: lsp.child.pid, answered: 1 });
    } finally {
      await lsp.stop();
    }
  });
});
