import { stat } from 'node:fs/promises';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startLanguageServer } from '../lsp/language-server.js';
import { locatePaper } from '../source/paper-location.js';
import { parseCommandArgs } from './arguments.js';
import type { CommandIo } from './io.js';
import { answerForPaper, type CommandRunner } from './warm-serving.js';

/**
 * `paper lsp`: the language server, over stdin and stdout (`--stdio`, which many editors pass, is
 * the same). Runs until the editor ends the session; stdout carries the protocol alone.
 * With `answer`, while it runs it answers the `paper check` and `paper build` of the paper in the
 * folder it was started in (the editor's workspace), when that folder holds one. They read the
 * files on disk, as they would in a process of their own: never the editor's unsaved buffers.
 */
export async function lspCommand(args: string[], io: CommandIo, answer?: CommandRunner): Promise<number> {
  parseCommandArgs(args, { stdio: { type: 'boolean' } }, 0);
  const connection = createConnection(ProposedFeatures.all, process.stdin, process.stdout);
  const { closed } = startLanguageServer(connection);
  const warm = answer ? await answerForWorkspace(io, answer) : undefined;
  await closed;
  await warm?.close();
  return 0;
}

/** Answering for the paper of the working folder, if its manuscript is there (`manuscript/paper.md` or `paper.md`). */
async function answerForWorkspace(io: CommandIo, answer: CommandRunner) {
  const { manuscript, root } = await locatePaper('.', io.cwd);
  const found = await stat(manuscript).then((info) => info.isFile(), () => false);
  return found ? answerForPaper({ root, run: answer, io, who: 'paper lsp' }) : undefined;
}
