import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { fromRoot } from './paths.js';
import { runMain, type CliRun } from './run-cli.js';

/**
 * A fixture paper (`test/fixtures/papers/<name>`) copied to a temporary folder and built once, to
 * HTML, before the tests of the `describe` that calls this; the folder removed after them. The
 * run and the page are read through the returned object once built.
 */
export function builtFixturePaper(name: string): { folder: string; readonly run: CliRun; readonly html: string } {
  const folder = mkdtempSync(join(tmpdir(), `paper-${name}-`));
  let run: CliRun | undefined;
  let html: string | undefined;
  beforeAll(async () => {
    cpSync(fromRoot(`test/fixtures/papers/${name}`), folder, { recursive: true });
    run = await runMain(['build', '.', '--no-pdf', '--quiet'], folder, {});
    html = readFileSync(join(folder, 'build', 'paper.html'), 'utf8');
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  return {
    folder,
    get run() {
      if (!run) throw new Error(`the ${name} paper is not built yet`);
      return run;
    },
    get html() {
      if (html === undefined) throw new Error(`the ${name} paper is not built yet`);
      return html;
    },
  };
}
