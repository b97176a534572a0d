import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { fromRoot } from '../helpers/paths.js';

/**
 * MathJax is loaded only for a paper with math: `paper check` (the bundled command, in a process of
 * its own) on the mini paper, which has none, never loads mathjax-full; on the math paper it does,
 * since a TeX error is found by drawing the equation.
 */
function loadsMathJax(paper: string): boolean {
  const script = `
    const { createRequire } = await import('node:module');
    const require = createRequire(import.meta.url);
    const { main } = await import(${JSON.stringify(fromRoot('dist/main.js'))});
    const io = { cwd: ${JSON.stringify(fromRoot('.'))}, stdout() {}, stderr() {} };
    await main(['check', ${JSON.stringify(paper)}], io);
    console.log(Object.keys(require.cache).some((path) => path.includes('mathjax-full')));`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000 });
  expect(run.stderr).toBe('');
  return run.stdout.trim() === 'true';
}

describe('the math code', () => {
  it('is not loaded by paper check on a paper without math', () => {
    expect(loadsMathJax(fromRoot('test/fixtures/papers/mini'))).toBe(false);
  });

  it('is loaded by paper check on a paper with math', () => {
    expect(loadsMathJax(fromRoot('test/fixtures/papers/math/paper.md'))).toBe(true);
  });
});
