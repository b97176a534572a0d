import { expect, it } from 'vitest';
import { lspUsage } from '../../scripts/cli/usage.js';
import { runCli } from '../helpers/run-cli.js';

it('lists `paper lsp` among the commands, prints its usage, and refuses what it does not take', () => {
  expect(runCli(['--help']).stdout).toContain('  lsp            the language server for editors, over stdin and stdout\n');
  expect(runCli(['lsp', '--help'])).toEqual({ status: 0, stdout: `${lspUsage}\n`, stderr: '' });
  expect(runCli(['lsp', 'paper.md'])).toEqual({ status: 2, stdout: '', stderr: `paper lsp: Unexpected argument \`paper.md\`\n\n${lspUsage}\n` });
  expect(runCli(['lsp', '--port', '1'])).toMatchObject({ status: 2, stdout: '' });
});

it('exits 1 when the editor goes away without `shutdown`, and writes nothing but the protocol', () => {
  expect(runCli(['lsp', '--stdio'])).toEqual({ status: 1, stdout: '', stderr: '' });
});
