import { spawn } from 'node:child_process';
import { chmodSync, chownSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../scripts/cli/main.js';
import { answerForPaper } from '../../scripts/cli/warm-serving.js';
import { sameness, type WarmAnswer } from '../../scripts/daemon/warm-protocol.js';
import type { WarmServer } from '../../scripts/daemon/warm-server.js';
import { miniPaperCopy } from '../helpers/mini-paper.js';
import { until } from '../helpers/processes.js';
import { runMain } from '../helpers/run-cli.js';
import { socketOf, statusOf, talk } from './warm-socket.js';

/** The warm process's socket: what it accepts, what it declines, and what it survives. */

const scratch = mkdtempSync(join(tmpdir(), 'paper-warm-server-'));
const runtime = join(scratch, 'runtime');
const saved = process.env.XDG_RUNTIME_DIR;
const asking = { PAPER_NO_DAEMON: undefined };
let folder: string;
let server: WarmServer;
let said = '';

async function warmProcess(paper: string): Promise<WarmServer | undefined> {
  return answerForPaper({ root: paper, run: (argv, io) => main(argv, io, false), io: { cwd: paper, stdout: () => undefined, stderr: (text) => (said += `${text}\n`) }, who: 'paper watch' });
}

beforeAll(async () => {
  mkdirSync(runtime, { mode: 0o700 });
  process.env.XDG_RUNTIME_DIR = runtime;
  folder = miniPaperCopy(scratch, 'mini');
  const started = await warmProcess(folder);
  if (!started) throw new Error(said);
  server = started;
});
afterAll(async () => {
  await server.close();
  if (saved === undefined) delete process.env.XDG_RUNTIME_DIR;
  else process.env.XDG_RUNTIME_DIR = saved;
  rmSync(scratch, { recursive: true, force: true });
});

const line = (value: unknown) => `${JSON.stringify(value)}\n`;
const run = (argv: string[], cwd = folder, env: NodeJS.ProcessEnv = process.env) => line({ kind: 'run', argv, cwd, ...sameness(env) });

describe('the warm process', () => {
  it('listens on a socket named for the paper folder, in the private folder', () => {
    expect(server.path).toBe(socketOf(folder, runtime));
    expect(lstatSync(server.path).isSocket()).toBe(true);
    expect(lstatSync(join(runtime, 'paper')).mode & 0o777).toBe(0o700);
  });

  it('answers a malformed request with an error, and goes on answering', async () => {
    expect(await talk(server.path, ['not json\n'])).toEqual([{ error: 'a malformed request: not JSON' }]);
    expect(await talk(server.path, [line({ kind: 'run', argv: 'check', cwd: folder })])).toEqual([{ error: 'a malformed request: `argv` is not a list of strings' }]);
    expect(await talk(server.path, [line({ kind: 'run', argv: ['check'], cwd: 'relative' })])).toEqual([{ error: 'a malformed request: `cwd` is not an absolute path' }]);
    expect(await talk(server.path, [line(['run'])])).toEqual([{ error: 'a malformed request: no known `kind`' }]);
    expect(await talk(server.path, ['x'.repeat(2 << 20)])).toEqual([{ error: 'the request is too long' }]);
    expect(await statusOf(server.path)).toEqual({ pid: process.pid, root: folder, answered: 0 });
  });

  it('declines what its answer would not be the client’s own for, and the client then runs it cold', async () => {
    const other = miniPaperCopy(scratch, 'other');
    const declined = (answers: WarmAnswer[]) => answers.map((answer) => ('decline' in answer ? answer.decline : JSON.stringify(answer)));
    expect(declined(await talk(server.path, [run(['check', other])]))).toEqual(['it answers for another paper folder']);
    expect(declined(await talk(server.path, [run(['init', join(folder, 'new')])]))).toEqual(['it answers `paper check` and `paper build` only']);
    expect(declined(await talk(server.path, [run(['check', '.'], folder, { ...process.env, SOURCE_DATE_EPOCH: '1', LC_ALL: 'C' })]))).toEqual(['its environment differs (LC_ALL, SOURCE_DATE_EPOCH)']);
    expect(declined(await talk(server.path, [line({ ...JSON.parse(run(['check', '.'])), code: 'another' })]))).toEqual(['it runs other code (another build of `paper`, or another Node.js)']);
    expect(declined(await talk(server.path, [line({ ...JSON.parse(run(['check', '.'])), umask: 0o777 })]))).toEqual(['its umask differs']);
    expect(server.answered).toBe(0);
  });

  it('is not asked with --no-daemon, PAPER_NO_DAEMON or PAPER_DEBUG', async () => {
    const before = server.answered;
    expect((await runMain(['check', '.', '--no-daemon'], folder, asking)).status).toBe(0);
    expect((await runMain(['check', '.'], folder, { PAPER_NO_DAEMON: '1' })).status).toBe(0);
    expect((await runMain(['check', '.'], folder, { ...asking, PAPER_DEBUG: '1' })).status).toBe(0);
    expect(server.answered).toBe(before);
    expect((await runMain(['check', '.'], folder, asking)).status).toBe(0);
    expect(server.answered).toBe(before + 1);
  });

  it('gives a build the interrupt its client forwards', async () => {
    const answers = await talk(server.path, [run(['build', '.', '--force', '--no-pdf', '--out', 'interrupted'])], { afterAccepted: [line({ interrupt: 'SIGINT' })] });
    // After the progress line of the stage it was in, as a cold build interrupted there.
    expect(answers[0]).toEqual({ accepted: true });
    expect(answers.slice(-2)).toEqual([{ stderr: 'paper build: interrupted by SIGINT; nothing was written, the previous outputs are unchanged' }, { exit: 130 }]);
    expect(existsSync(join(folder, 'interrupted'))).toBe(false);
  });

  it('is not hurt by a client that goes in the middle of a build', async () => {
    const before = server.answered;
    const answers = await talk(server.path, [run(['build', '.', '--force', '--no-pdf', '--out', 'cut'])], { closeAfter: (answer) => 'stderr' in answer });
    expect(answers.slice(0, 1)).toEqual([{ accepted: true }]);
    // The next command waits for the build's end (they take turns), and is answered.
    expect(await runMain(['check', '.'], folder, asking)).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(server.answered).toBe(before + 2);
    // The build stopped as one whose terminal closed, or was done: never half placed.
    const placed = existsSync(join(folder, 'cut')) ? readdirSync(join(folder, 'cut')).sort() : [];
    expect([[], ['manifest.json', 'paper.html']]).toContainEqual(placed);
  });

  it('leaves its socket to the first warm process of the paper', async () => {
    said = '';
    expect(await warmProcess(folder)).toBeUndefined();
    expect(said).toBe('paper watch: `paper check` and `paper build` of this paper run cold, not here: another `paper watch` or `paper lsp` answers for this paper\n');
    expect((await statusOf(server.path)).pid).toBe(process.pid);
  });

  it('refuses a socket folder open to other users, and the client does not use it', async () => {
    const before = server.answered;
    const place = join(runtime, 'paper');
    chmodSync(place, 0o755);
    try {
      said = '';
      expect(await warmProcess(miniPaperCopy(scratch, 'open-folder'))).toBeUndefined();
      expect(said).toBe(`paper watch: \`paper check\` and \`paper build\` of this paper run cold, not here: \`${place}\` is open to other users (mode 755; 700 is needed)\n`);
      expect((await runMain(['check', '.'], folder, asking)).status).toBe(0);
      expect(server.answered).toBe(before);
    } finally {
      chmodSync(place, 0o700);
    }
  });

  it.runIf(process.getuid?.() === 0)('refuses a socket folder of another user', async () => {
    const elsewhere = join(scratch, 'elsewhere');
    mkdirSync(join(elsewhere, 'paper'), { recursive: true, mode: 0o700 });
    chownSync(join(elsewhere, 'paper'), 65534, 65534);
    process.env.XDG_RUNTIME_DIR = elsewhere;
    try {
      said = '';
      expect(await warmProcess(folder)).toBeUndefined();
      expect(said).toContain(`\`${join(elsewhere, 'paper')}\` belongs to another user`);
    } finally {
      process.env.XDG_RUNTIME_DIR = runtime;
    }
  });

  it('runs a command cold when the socket’s process is gone, removes the socket, and a new warm process takes the place', async () => {
    const paper = miniPaperCopy(scratch, 'stale');
    const path = socketOf(paper, runtime);
    const stale = spawn(process.execPath, ['-e', `require('node:net').createServer().listen(${JSON.stringify(path)}, () => console.log('listening'))`]);
    let out = '';
    stale.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    await until(() => out.includes('listening'), 'the socket of the process to kill');
    stale.kill('SIGKILL');
    await new Promise((resolve) => stale.on('exit', resolve));
    expect(lstatSync(path).isSocket()).toBe(true);
    const cold = await runMain(['check', '.', '--no-daemon'], paper, asking);
    expect(await runMain(['check', '.'], paper, asking)).toEqual(cold);
    expect(existsSync(path)).toBe(false);

    const again = spawn(process.execPath, ['-e', `require('node:net').createServer().listen(${JSON.stringify(path)}, () => console.log('listening'))`]);
    out = '';
    again.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    await until(() => out.includes('listening'), 'the socket of the process to kill');
    again.kill('SIGKILL');
    await new Promise((resolve) => again.on('exit', resolve));
    const successor = await warmProcess(paper);
    expect(successor).toBeDefined();
    try {
      expect(await runMain(['check', '.'], paper, asking)).toEqual(cold);
      expect(successor?.answered).toBe(1);
    } finally {
      await successor?.close();
    }
    expect(existsSync(path)).toBe(false);
  });
});
