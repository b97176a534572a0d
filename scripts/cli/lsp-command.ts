import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startLanguageServer } from '../lsp/language-server.js';
import { parseCommandArgs } from './arguments.js';
import type { CommandIo } from './io.js';

/**
 * `paper lsp`: the language server, over stdin and stdout (`--stdio`, which many editors pass, is
 * the same). Runs until the editor ends the session; stdout carries the protocol alone.
 */
export async function lspCommand(args: string[], _io: CommandIo): Promise<number> {
  parseCommandArgs(args, { stdio: { type: 'boolean' } }, 0);
  const connection = createConnection(ProposedFeatures.all, process.stdin, process.stdout);
  const { closed } = startLanguageServer(connection);
  await closed;
  return 0;
}
