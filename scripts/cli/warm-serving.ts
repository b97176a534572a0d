import { format } from 'node:util';
import type { Turns } from '../daemon/turns.js';
import { serveWarm, type WarmHandler, type WarmOutput, type WarmServer } from '../daemon/warm-server.js';
import { withInterruptSource } from './interrupts.js';
import type { CommandIo } from './io.js';

/** `main()` without asking a warm process: what a warm process runs for its client. */
export type CommandRunner = (argv: string[], io: CommandIo) => Promise<number>;

/** Where `console` writes in a process of its own: log, info, debug to stdout; warn, error to stderr. */
const consoleStreams = { log: 'stdout', info: 'stdout', debug: 'stdout', warn: 'stderr', error: 'stderr' } as const;

/**
 * Answer `paper check` and `paper build` for the paper folder `root` while a `paper watch` or
 * `paper lsp` runs: each is `main()` run here, with the client's working folder, its output sent
 * back, its interrupts, and what a library prints with `console` meanwhile sent back as a process
 * of its own would print it. It takes `turns` with the session's own work. Undefined when this
 * process cannot answer (another does, or the socket's folder is not private): said on stderr
 * unless `quiet`.
 */
export async function answerForPaper(options: { root: string; run: CommandRunner; turns?: Turns | undefined; io: CommandIo; who: string; quiet?: boolean }): Promise<WarmServer | undefined> {
  const served = await serveWarm({ root: options.root, handler: answerWith(options.run), turns: options.turns });
  if ('problem' in served) {
    if (!options.quiet) options.io.stderr(`${options.who}: \`paper check\` and \`paper build\` of this paper run cold, not here: ${served.problem}`);
    return undefined;
  }
  return served;
}

function answerWith(run: CommandRunner): WarmHandler {
  return (request, output, interrupts) => withInterruptSource(interrupts, () => withConsole(output, () => run(request.argv, { cwd: request.cwd, stdout: output.stdout, stderr: output.stderr })));
}

/** `console` written to `output` while `command` runs (answers take turns, so none overlap). */
async function withConsole<T>(output: WarmOutput, command: () => Promise<T>): Promise<T> {
  const methods = Object.keys(consoleStreams) as Array<keyof typeof consoleStreams>;
  const saved = methods.map((method) => [method, console[method]] as const);
  for (const method of methods) {
    console[method] = (...values: unknown[]) => output[consoleStreams[method]](`${format(...values)}\n`);
  }
  try {
    return await command();
  } finally {
    for (const [method, original] of saved) console[method] = original;
  }
}
