import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VFile } from 'vfile';
import { afterAll, describe, expect, it } from 'vitest';
import { formatMessages } from '../../scripts/diagnostics/format-messages.js';
import { report } from '../../scripts/diagnostics/report.js';
import { fromRoot } from '../helpers/paths.js';
import { runMain } from '../helpers/run-cli.js';

/**
 * Messages quote what files hold, and a terminal obeys escape sequences (issue 15, F19): a YAML
 * key `\e]0;PWNED\a\e[2J\e[31mFAKE: all checks passed` would retitle the window, clear the screen
 * and print a fake verdict. The report shows every control character as `\xHH` instead.
 */

const folder = mkdtempSync(join(tmpdir(), 'paper-escapes-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const controls = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;

describe('the report on the terminal', () => {
  it('shows the escape sequences of a hostile table key as text', async () => {
    cpSync(fromRoot('test/fixtures/terminal-escapes'), folder, { recursive: true });
    const run = await runMain(['check', '.'], folder);
    expect(run.status).toBe(1);
    expect(run.stderr).not.toMatch(controls);
    expect(run.stderr.split('\n')[0]).toBe('manuscript/tables/escapes.yaml:9:1-9:60  error  Unknown field `\\x1B]0;PWNED-TITLE\\x07\\x1B[2J\\x1B[31mFAKE: all chec…`  table-schema');
  });

  it('keeps tabs, and shows C0, DEL and C1 characters (a CSI is 0x9B) and line ends as \\xHH', () => {
    const file = new VFile({ path: '/paper/x.md', value: '' });
    report(file, 'pdf-print', 'The browser said \u001b[2J\u0007\u009b31m\u007f in\tcolour\nand more', { line: 1, column: 1 });
    expect(formatMessages([file], { cwd: '/paper' })).toBe('x.md:1:1  error  The browser said \\x1B[2J\\x07\\x9B31m\\x7F in\tcolour\\x0Aand more  pdf-print\n\n✖ 1 error');
  });
});
