import { createHash, randomUUID } from 'node:crypto';
import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { BuildManifest } from '../../scripts/manifest/build-manifest.js';
import { fromRoot } from '../helpers/paths.js';
import { miniPaperCopy } from '../helpers/mini-paper.js';
import { processesCarrying, startCli, until } from '../helpers/processes.js';
import { runMain } from '../helpers/run-cli.js';

/**
 * A build killed with SIGKILL (no cleanup: `kill -9`, the OOM killer, a power cut) at any moment:
 * what it leaves in the output folder is the previous set of outputs or the new one, never the
 * HTML of one build beside the PDF or manifest of another, except for the three renames that put
 * the outputs in place, which a later build completes from `.placing` (the README says why they are
 * not one rename); and the next build succeeds. These are processes: the test kills them.
 */

const scratch = mkdtempSync(join(tmpdir(), 'paper-killed-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const preload = fromRoot('test/pipeline/fault-injection.mjs');
const names = ['paper.html', 'paper.pdf', 'manifest.json'] as const;
const epoch = { SOURCE_DATE_EPOCH: '1296000000' };
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

const paperCopy = (name: string) => miniPaperCopy(scratch, name);

/** A change to the text, so the next build's HTML, PDF and manifest all differ from the last. */
function edit(folder: string, mark: string): void {
  appendFileSync(join(folder, 'manuscript', 'paper.md'), `\nA sentence added by edit ${mark}.\n`);
}

/** The outputs in a folder by their hashes (absent ones left out), and whether some wait in `.placing` and which. */
interface Outputs {
  placed: Partial<Record<(typeof names)[number], string>>;
  pending: boolean;
  waiting: Partial<Record<(typeof names)[number], string>>;
}

function outputsIn(out: string): Outputs {
  const read = (folder: string) => {
    const found: Outputs['placed'] = {};
    for (const name of names) if (existsSync(join(folder, name))) found[name] = sha256(readFileSync(join(folder, name)));
    return found;
  };
  const pending = existsSync(join(out, '.placing'));
  return { placed: read(out), pending, waiting: pending ? read(join(out, '.placing')) : {} };
}

/** Every output complete and the one its manifest names, and no other output beside them. */
function expectComplete(out: string): void {
  const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as BuildManifest;
  for (const output of manifest.outputs) expect(sha256(readFileSync(join(out, output.path))), output.path).toBe(output.sha256);
  expect(readFileSync(join(out, 'paper.html'), 'utf8').trimEnd().endsWith('</html>')).toBe(true);
  if (existsSync(join(out, 'paper.pdf'))) expect(readFileSync(join(out, 'paper.pdf'), 'latin1').trimEnd().endsWith('%%EOF')).toBe(true);
  expect(readdirSync(out).filter((name) => !name.startsWith('.')).sort()).toEqual([...manifest.outputs.map((output) => output.path), 'manifest.json'].sort());
  expect(existsSync(join(out, '.placing'))).toBe(false);
}

/**
 * What a killed build left: the previous set or the new one, whole. The one exception is a kill
 * between the renames that place the outputs: then each output is the previous or the new one, and
 * every new one not yet in place waits in `.placing`, from where the next build moves it.
 */
function expectPreviousOrNew(left: Outputs, previous: Outputs['placed'], next: Outputs['placed'], context: string): void {
  if (!left.pending) {
    expect([previous, next], `${context}: neither the previous outputs nor the new ones`).toContainEqual(left.placed);
    return;
  }
  for (const name of names) {
    expect([previous[name], next[name]], `${context}: ${name}`).toContain(left.placed[name]);
    if (left.placed[name] !== next[name]) expect(left.waiting[name], `${context}: ${name} waiting in .placing`).toBe(next[name]);
  }
}

/** Kill what the killed build left running (its browser), by the mark in its environment. */
async function killLeftovers(mark: string): Promise<void> {
  for (const { pid } of processesCarrying('PAPER_KILLED_TEST', mark)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Gone already.
    }
  }
  await until(() => processesCarrying('PAPER_KILLED_TEST', mark).length === 0, 'the killed build’s browser to be gone', 10_000);
}

async function buildOnce(folder: string, mark: string, env: NodeJS.ProcessEnv = {}) {
  const run = await startCli(['build', '.'], folder, { ...epoch, PAPER_KILLED_TEST: mark, ...env }).done;
  await killLeftovers(mark);
  return run;
}

describe('a build killed after any step of its write stage', () => {
  it('leaves the previous outputs or the new ones, and the next build places the new ones', async () => {
    const folder = paperCopy('steps');
    const out = join(folder, 'build');
    const mark = randomUUID();
    expect((await buildOnce(folder, mark)).status).toBe(0);
    let step = 1;
    let verifiedOnce = false;
    for (; step < 40; step += 1) {
      const previous = outputsIn(out).placed;
      edit(folder, `step ${step}`);
      const killed = await buildOnce(folder, mark, { NODE_OPTIONS: `--import ${preload}`, PAPER_KILL_OUT: out, PAPER_KILL_AFTER_STEP: String(step) });
      if (killed.signal === null) {
        // Past the last step: the build ran to its end.
        expect(killed.status, killed.stderr).toBe(0);
        expectComplete(out);
        break;
      }
      expect(killed.signal, killed.stderr).toBe('SIGKILL');
      const left = outputsIn(out);
      const context = `killed after ${/step \d+: .*$/.exec(killed.stderr.trimEnd())?.[0] ?? `step ${step}`}`;
      // The killed build's lock is taken over once stale (concurrent-builds.test.ts); removed here to keep the test short.
      rmSync(join(out, '.paper-build.lock'), { recursive: true, force: true });
      if (left.pending && !verifiedOnce) {
        verifiedOnce = true;
        // `paper verify` places what waits before it compares: the outputs are the new build's, reproduced.
        const verified = await runMain(['verify', '.', '--quiet'], folder, epoch);
        expect(verified.status, `${context}\n${verified.stdout}${verified.stderr}`).toBe(0);
      }
      const next = await buildOnce(folder, mark);
      expect(next.status, `${context}\n${next.stderr}`).toBe(0);
      expectComplete(out);
      expectPreviousOrNew(left, previous, outputsIn(out).placed, context);
    }
    // Every step was walked: the folder, the staging folder, the lock, the renames, the clean-up.
    expect(step).toBeGreaterThan(6);
    expect(verifiedOnce).toBe(true);
  }, 300_000);
});

describe('a build killed at a random moment of a stage', () => {
  for (const stage of ['check', 'render', 'print', 'write'] as const) {
    it(`in ${stage}: leaves the previous outputs or the new ones, each complete, and the next build succeeds`, async () => {
      const folder = paperCopy(`stage-${stage}`);
      const out = join(folder, 'build');
      const mark = randomUUID();
      const first = await buildOnce(folder, mark);
      expect(first.status, first.stderr).toBe(0);
      // How long the stage took in that build: the kill comes at a random moment within it.
      const [, time, unit] = new RegExp(`^${stage} +([\\d.]+) (m?s)`, 'm').exec(first.stderr) ?? [];
      const took = Number(time) * (unit === 's' ? 1000 : 1);
      const delay = Math.floor(Math.random() * (took > 0 ? took : 100));
      const previous = outputsIn(out).placed;
      edit(folder, stage);
      const killed = await buildOnce(folder, mark, { NODE_OPTIONS: `--import ${preload}`, PAPER_KILL_IN_STAGE: stage, PAPER_KILL_DELAY: String(delay) });
      const context = `killed ${delay} ms into ${stage}`;
      expect(killed.signal, `${context}\n${killed.stderr}`).toBe('SIGKILL');
      expect(killed.stderr, context).not.toMatch(new RegExp(`^${stage} `, 'm'));
      const left = outputsIn(out);
      const next = await buildOnce(folder, mark);
      expect(next.status, `${context}\n${next.stderr}`).toBe(0);
      expectComplete(out);
      expectPreviousOrNew(left, previous, outputsIn(out).placed, context);
    }, 120_000);
  }
});
