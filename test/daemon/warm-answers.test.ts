import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../scripts/cli/main.js';
import { answerForPaper } from '../../scripts/cli/warm-serving.js';
import type { WarmServer } from '../../scripts/daemon/warm-server.js';
import { miniPaperCopy } from '../helpers/mini-paper.js';
import { fromRoot } from '../helpers/paths.js';
import { runMain, withoutTimes, type CliRun } from '../helpers/run-cli.js';
import { filesIn } from './warm-socket.js';

/**
 * `paper check` and `paper build` answered by a warm process against the same commands run cold,
 * both through `main()` in this process: the warm process is a `WarmServer` here, answering on its
 * socket with `main()` as `paper watch` does, and the client finds it there as a real one would.
 * Output, exit code and every file in the paper folder afterwards must be the same; and the
 * server's count says the warm answer was the warm process's, not a cold run's.
 */

const scratch = mkdtempSync(join(tmpdir(), 'paper-warm-'));
const runtime = join(scratch, 'runtime');
const saved = process.env.XDG_RUNTIME_DIR;
/** The variables of a run that may ask (the test run sets PAPER_NO_DAEMON for every other test). */
const asking = { PAPER_NO_DAEMON: undefined, SOURCE_DATE_EPOCH: '1764000000' };

beforeAll(() => {
  mkdirSync(runtime, { mode: 0o700 });
  process.env.XDG_RUNTIME_DIR = runtime;
});
afterAll(() => {
  if (saved === undefined) delete process.env.XDG_RUNTIME_DIR;
  else process.env.XDG_RUNTIME_DIR = saved;
  rmSync(scratch, { recursive: true, force: true });
});

let said = '';
/** A warm process for `folder`, answering with `main()` as `paper watch` does. */
async function warmProcess(folder: string): Promise<WarmServer> {
  const server = await answerForPaper({ root: folder, run: (argv, io) => main(argv, io, false), io: { cwd: folder, stdout: () => undefined, stderr: (text) => (said += text) }, who: 'test' });
  if (!server) throw new Error(`No warm process: ${said}`);
  return server;
}

/** A run as the golden CLI tests print it: times and the folder's path left out. */
const printed = (run: CliRun, folder: string) => withoutTimes(`exit ${run.status}\n--- stdout\n${run.stdout}--- stderr\n${run.stderr}`.replaceAll(folder, '<case>'));

describe('a command answered by the warm process', () => {
  const fixtures = fromRoot('test/fixtures/cli');
  // Every golden case of `paper check` and `paper build`: errors, warnings, JSON, usage errors, missing files.
  for (const name of readdirSync(fixtures).sort()) {
    const [command, ...args] = readFileSync(join(fixtures, name, 'args'), 'utf8').trim().split(/\s+/);
    if (command !== 'check' && command !== 'build') continue;
    it(`prints, exits and writes as a cold run: ${name}`, async () => {
      const argv = [command, ...(args.some((arg) => arg.endsWith('.md')) ? [] : ['.']), ...args];
      const folder = join(scratch, name);
      cpSync(join(fixtures, name), folder, { recursive: true });
      const cold = await runMain([...argv, '--no-daemon'], folder, asking);
      const coldFiles = filesIn(folder);
      rmSync(folder, { recursive: true });
      cpSync(join(fixtures, name), folder, { recursive: true });
      const server = await warmProcess(folder);
      try {
        const warm = await runMain(argv, folder, asking);
        expect(server.answered).toBe(1);
        expect(printed(warm, folder)).toBe(printed(cold, folder));
        expect(filesIn(folder)).toEqual(coldFiles);
      } finally {
        await server.close();
      }
    });
  }

  describe('builds of the mini paper', () => {
    let folder: string;
    let server: WarmServer;
    beforeAll(async () => {
      folder = miniPaperCopy(scratch, 'mini-build');
      server = await warmProcess(folder);
    });
    afterAll(() => server.close());

    /** Cold, then warm; their outputs each time, from the same state of the folder. */
    async function both(argv: string[], cwd = folder): Promise<{ cold: CliRun; warm: CliRun; coldFiles: Record<string, string>; warmFiles: Record<string, string> }> {
      const before = server.answered;
      const start = filesIn(folder);
      const cold = await runMain([...argv, '--no-daemon'], cwd, asking);
      const coldFiles = filesIn(folder);
      restore(folder, start);
      const warm = await runMain(argv, cwd, asking);
      expect(server.answered).toBe(before + 1);
      return { cold, warm, coldFiles, warmFiles: filesIn(folder) };
    }

    it('writes the same HTML, PDF and manifest, byte for byte, with the same output', async () => {
      const { cold, warm, coldFiles, warmFiles } = await both(['build', '.']);
      expect(cold.status).toBe(0);
      expect(Object.keys(warmFiles).filter((path) => path.startsWith('build/')).sort()).toEqual(['build/manifest.json', 'build/paper.html', 'build/paper.pdf']);
      expect(warmFiles).toEqual(coldFiles);
      expect(printed(warm, folder)).toBe(printed(cold, folder));
    });

    it('says it is up to date as a cold run does', async () => {
      const { cold, warm } = await both(['build', '.']);
      expect(cold.stderr).toMatch(/^Up to date: /);
      expect(printed(warm, folder)).toBe(printed(cold, folder));
    });

    it('fails as a cold run does, leaving the previous outputs as they were', async () => {
      const manuscript = join(folder, 'manuscript/paper.md');
      const text = readFileSync(manuscript, 'utf8');
      writeFileSync(manuscript, text.replace('As @smith2000', 'As @smith2001'));
      try {
        const before = filesIn(join(folder, 'build'));
        const { cold, warm, coldFiles, warmFiles } = await both(['build', '.', '--quiet']);
        expect(cold.status).toBe(1);
        expect(cold.stderr).toContain('Build failed; nothing was written.');
        expect(printed(warm, folder)).toBe(printed(cold, folder));
        expect(warmFiles).toEqual(coldFiles);
        expect(filesIn(join(folder, 'build'))).toEqual(before);
      } finally {
        writeFileSync(manuscript, text);
      }
    });

    it('checks a manuscript named relative to the working folder, and prints paths relative to it', async () => {
      const manuscript = join(folder, 'manuscript/paper.md');
      const text = readFileSync(manuscript, 'utf8');
      writeFileSync(manuscript, text.replace('As @smith2000', 'As @smith2001'));
      try {
        const { cold, warm } = await both(['check', 'paper.md', '--verbose'], join(folder, 'manuscript'));
        expect(cold.stderr).toMatch(/^paper\.md:\d+/);
        expect(printed(warm, folder)).toBe(printed(cold, folder));
      } finally {
        writeFileSync(manuscript, text);
      }
    });
  });
});

/** Put the folder back as `files` (from `filesIn`) had it: files made since removed, changed ones rewritten. */
function restore(folder: string, files: Record<string, string>): void {
  for (const path of Object.keys(filesIn(folder))) if (!(path in files)) rmSync(join(folder, path));
  for (const [path, entry] of Object.entries(files)) {
    const bytes = Buffer.from(entry.slice(entry.indexOf(' ') + 1), 'base64');
    if (!existsSync(join(folder, path)) || !readFileSync(join(folder, path)).equals(bytes)) writeFileSync(join(folder, path), bytes);
  }
}
