import { chmodSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { miniPaperCopy } from '../helpers/mini-paper.js';
import { runMain } from '../helpers/run-cli.js';

/**
 * `browser:` in paper.config.yaml names the browser that prints, but a paper folder may come from
 * anyone (`git clone`), and its configuration with it: a browser shipped inside the paper would run
 * that paper's code on build. So it must be an absolute path outside the paper folder, links
 * followed; anything else is a `config-schema` error at the value that says why, and nothing is
 * run. The browsers here are shell scripts that leave a mark when they run.
 */

const scratch = mkdtempSync(join(tmpdir(), 'paper-config-browser-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A "browser" that says it ran and dies: its words end up in the `pdf-print` message. */
function fakeBrowser(path: string): string {
  writeFileSync(path, '#!/bin/sh\necho "the configured browser ran" >&2\nexit 1\n');
  chmodSync(path, 0o755);
  return path;
}

async function buildWith(name: string, browser: (folder: string) => string): Promise<{ status: number | null; stderr: string }> {
  const folder = miniPaperCopy(scratch, name);
  writeFileSync(join(folder, 'paper.config.yaml'), `rules:\n  bib-unused-entry: off\nbrowser: ${JSON.stringify(browser(folder))}\n`);
  const run = await runMain(['build', '.', '--quiet'], folder, { PUPPETEER_EXECUTABLE_PATH: undefined, PAPER_BROWSER_TIMEOUT: '5000' });
  return { status: run.status, stderr: run.stderr.replaceAll(scratch, '<tmp>') };
}

describe('`browser:` in paper.config.yaml', () => {
  it('is refused when relative', async () => {
    const run = await buildWith('relative', (folder) => {
      fakeBrowser(join(folder, 'chromium'));
      return './chromium';
    });
    expect(run).toEqual({
      status: 1,
      stderr:
        "paper.config.yaml:3:10-3:22  error  `browser:` must be an absolute path to a browser outside the paper folder, not `./chromium`: a browser shipped inside a paper would run that paper's own code on every build  config-schema\n\n✖ 1 error\nBuild failed; nothing was written.\n",
    });
  });

  it('is refused inside the paper folder', async () => {
    let written = '';
    const run = await buildWith('inside', (folder) => (written = fakeBrowser(join(folder, 'chromium'))));
    // The value as YAML writes it, quoted: its end column depends on where the temporary folder is.
    const end = 10 + JSON.stringify(written).length;
    expect(run).toEqual({
      status: 1,
      stderr:
        `paper.config.yaml:3:10-3:${end}  error  \`browser:\` names a file inside the paper folder (links followed): a browser shipped inside a paper would run that paper's own code on every build; name a browser installed outside it  config-schema\n\n✖ 1 error\nBuild failed; nothing was written.\n`,
    });
  });

  it('is refused when a link outside the paper folder leads into it', async () => {
    const run = await buildWith('linked', (folder) => {
      const link = join(scratch, 'link-to-linked-chromium');
      symlinkSync(fakeBrowser(join(folder, 'chromium')), link);
      return link;
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^paper\.config\.yaml:3:10-3:\d+  error  `browser:` names a file inside the paper folder \(links followed\)/);
    expect(run.stderr).not.toContain('the configured browser ran');
  });

  it('prints with an absolute path outside the paper folder', async () => {
    const outside = fakeBrowser(join(scratch, 'outside-chromium'));
    const run = await buildWith('outside', () => outside);
    expect(run).toEqual({
      status: 1,
      stderr:
        'manuscript/paper.md:1:1  error  Cannot start <tmp>/outside-chromium: it exited with code 1 and said `the configured browser ran`  pdf-print\n\n✖ 1 error\nBuild failed; nothing was written.\n',
    });
  });
});
