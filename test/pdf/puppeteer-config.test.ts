import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fromRoot } from '../helpers/paths.js';
import { runCli } from '../helpers/run-cli.js';

/**
 * The printer reads no configuration of Puppeteer's: a cloned paper may carry a
 * `.puppeteerrc.cjs`, and Puppeteer's configuration search runs the first one found from the
 * working folder up; and that search breaks when HOME is not a folder. Both are processes: the
 * search starts at the process's working folder.
 */

const scratch = mkdtempSync(join(tmpdir(), 'paper-puppeteerrc-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the printer and Puppeteer configuration files', () => {
  const folder = join(scratch, 'paper');
  cpSync(fromRoot('test/fixtures/papers/mini'), folder, { recursive: true });
  const env = { SOURCE_DATE_EPOCH: '1296691200' };

  it('runs no .puppeteerrc.cjs from the paper folder, building from inside it', () => {
    const marker = join(scratch, 'the-configuration-ran');
    writeFileSync(join(folder, '.puppeteerrc.cjs'), `require('node:fs').writeFileSync(${JSON.stringify(marker)}, 'ran');\nmodule.exports = {};\n`);
    const run = runCli(['build', '.', '--quiet'], folder, env);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(existsSync(marker)).toBe(false);
    expect(readdirSync(join(folder, 'build')).sort()).toEqual(['manifest.json', 'paper.html', 'paper.pdf']);
  });

  it('prints with HOME=/dev/null', () => {
    // A paper folder with no configuration file, where Puppeteer's search would go on to HOME.
    const plain = join(scratch, 'plain');
    cpSync(fromRoot('test/fixtures/papers/mini'), plain, { recursive: true });
    const run = runCli(['build', '.', '--quiet'], plain, { ...env, HOME: '/dev/null' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});
