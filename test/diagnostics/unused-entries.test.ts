import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageLines } from '../../scripts/diagnostics/format-messages.js';
import { check } from '../../scripts/pipeline/check.js';
import { fromRoot } from '../helpers/paths.js';
import { runMain, withoutTimes } from '../helpers/run-cli.js';

/**
 * `bib-unused-entry` must not drown everything else (one shared Zotero library gave 247 of them):
 * in the terminal, two or more in one bibliography file are one line, at the first of them;
 * `--verbose` lists each, and `--format json` always does. They all count in the totals. The
 * fixture paper cites one entry of references.bib, keeps one by `nocite` and leaves four unused
 * (one of which also lacks a title), and leaves the single entry of extra.bib unused.
 */

const scratch = mkdtempSync(join(tmpdir(), 'paper-unused-'));
const folder = join(scratch, 'paper');
beforeAll(() => cpSync(fromRoot('test/fixtures/papers/unused-entries'), folder, { recursive: true }));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const summarised = `bibliography/references.bib:9:7  warning  4 entries are neither cited nor in \`nocite\`; \`--verbose\` lists them  bib-unused-entry
bibliography/references.bib:32:7-32:17  warning  Entry \`unused2004\` has no \`title\`, which a \`misc\` entry needs  bib-missing-field
bibliography/extra.bib:1:7-1:16  warning  Entry \`alone2006\` is neither cited nor in \`nocite\`  bib-unused-entry

⚠ 6 warnings
`;

const listed = `bibliography/references.bib:9:7-9:17  warning  Entry \`unused2001\` is neither cited nor in \`nocite\`  bib-unused-entry
bibliography/references.bib:24:7-24:17  warning  Entry \`unused2002\` is neither cited nor in \`nocite\`  bib-unused-entry
bibliography/references.bib:32:7-32:17  warning  Entry \`unused2004\` has no \`title\`, which a \`misc\` entry needs  bib-missing-field
bibliography/references.bib:32:7-32:17  warning  Entry \`unused2004\` is neither cited nor in \`nocite\`  bib-unused-entry
bibliography/references.bib:37:9-37:19  warning  Entry \`unused2005\` is neither cited nor in \`nocite\`  bib-unused-entry
bibliography/extra.bib:1:7-1:16  warning  Entry \`alone2006\` is neither cited nor in \`nocite\`  bib-unused-entry

⚠ 6 warnings
`;

describe('unused bibliography entries', () => {
  it('are one line for each file in the terminal, and still count in the totals', async () => {
    expect(await runMain(['check', '.'], folder)).toEqual({ status: 0, stdout: '', stderr: summarised });
  });

  it('are each a line of their own with --verbose', async () => {
    expect(await runMain(['check', '.', '--verbose'], folder)).toEqual({ status: 0, stdout: '', stderr: listed });
  });

  it('are each a message of their own in --format json', async () => {
    const run = await runMain(['check', '.', '--format', 'json'], folder);
    expect(run.status).toBe(0);
    const files = JSON.parse(run.stdout) as Array<{ path: string; messages: Array<{ ruleId: string; reason: string; line: number }> }>;
    const unused = files.flatMap((file) => file.messages.filter((message) => message.ruleId === 'bib-unused-entry').map((message) => `${file.path}:${message.line} ${message.reason}`));
    expect(unused).toEqual([
      'bibliography/references.bib:9 Entry `unused2001` is neither cited nor in `nocite`',
      'bibliography/references.bib:24 Entry `unused2002` is neither cited nor in `nocite`',
      'bibliography/references.bib:32 Entry `unused2004` is neither cited nor in `nocite`',
      'bibliography/references.bib:37 Entry `unused2005` is neither cited nor in `nocite`',
      'bibliography/extra.bib:1 Entry `alone2006` is neither cited nor in `nocite`',
    ]);
  });

  it('count one by one against --max-warnings', async () => {
    const run = await runMain(['check', '.', '--max-warnings', '5'], folder);
    expect(run).toEqual({ status: 1, stdout: '', stderr: `${summarised}Too many warnings: 6, at most 5 allowed (--max-warnings)\n` });
  });

  it('are summarised by `paper build` too, and listed by its --verbose', async () => {
    const build = await runMain(['build', '.', '--no-pdf', '--force', '--out', join(scratch, 'out')], folder);
    expect(build.status).toBe(0);
    expect(withoutTimes(build.stderr).replaceAll(scratch, '<scratch>')).toBe(`check <time>\nrender <time>\nwrite <time>\n${summarised}Wrote <scratch>/out/paper.html, <scratch>/out/manifest.json (<time>)\n`);
    const verbose = await runMain(['build', '.', '--no-pdf', '--force', '--verbose', '--out', join(scratch, 'out')], folder);
    expect(verbose.stderr).toContain(listed);
  });

  it('are summarised at their severity when the project makes them errors', async () => {
    const configured = join(scratch, 'configured');
    cpSync(folder, configured, { recursive: true });
    writeFileSync(join(configured, 'paper.config.yaml'), 'rules:\n  bib-unused-entry: error\n  bib-missing-field: off\n');
    expect(await runMain(['check', '.'], configured)).toEqual({
      status: 1,
      stdout: '',
      stderr: `bibliography/references.bib:9:7  error  4 entries are neither cited nor in \`nocite\`; \`--verbose\` lists them  bib-unused-entry
bibliography/extra.bib:1:7-1:16  error  Entry \`alone2006\` is neither cited nor in \`nocite\`  bib-unused-entry

✖ 5 errors
`,
    });
  });

  it('are one line in `paper watch` too (its terminal and its page banner), and each a line with --verbose', async () => {
    const { files } = await check({ path: folder, cwd: folder, bibliographies: [] });
    const lines = (verbose: boolean) => messageLines(files, { cwd: folder, verbose });
    expect(lines(false)).toEqual(summarised.split('\n').slice(0, 3));
    expect(lines(true)).toEqual(listed.split('\n').slice(0, 6));
    // The option is known to `paper watch` (and `paper verify`): the next mistake is the one reported.
    expect((await runMain(['watch', '.', '--verbose', '--port', '70000'], folder)).stderr.split('\n')[0]).toBe('paper watch: `--port` is at most 65535, not 70000');
    expect((await runMain(['verify', '.', '--verbose', '--out', join(scratch, 'none')], folder)).stderr).toMatch(/^paper verify: no build to verify: /);
  });
});
