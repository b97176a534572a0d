import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../source/package-root.js';
import { UsageError } from './arguments.js';
import { environmentFault } from './environment-fault.js';
import { processIo, type CommandIo } from './io.js';
import { buildUsage, checkUsage, initUsage, lspUsage, usage, verifyUsage, watchUsage } from './usage.js';
import { askWarmProcess, daemonChoice } from './warm-client.js';
import type { CommandRunner } from './warm-serving.js';


/**
 * Each command is loaded when it runs: `paper check` never loads the render, CSL or PDF code.
 * `answer`, for `paper watch` and `paper lsp`: how they answer the `paper check` and `paper build`
 * asked of them (undefined with `--no-daemon`).
 */
const commands: Record<string, { run: (args: string[], io: CommandIo, answer?: CommandRunner) => Promise<number>; usage: string }> = {
  build: { run: async (args, io) => (await import('./build-command.js')).buildCommand(args, io), usage: buildUsage },
  check: { run: async (args, io) => (await import('./check-command.js')).checkCommand(args, io), usage: checkUsage },
  verify: { run: async (args, io) => (await import('./verify-command.js')).verifyCommand(args, io), usage: verifyUsage },
  watch: { run: async (args, io, answer) => (await import('./watch-command.js')).watchCommand(args, io, answer), usage: watchUsage },
  init: { run: async (args, io) => (await import('./init-command.js')).initCommand(args, io), usage: initUsage },
  lsp: { run: async (args, io, answer) => (await import('./lsp-command.js')).lspCommand(args, io, answer), usage: lspUsage },
};

/** What a warm process runs for its client: this function, asking no other. */
const answerHere: CommandRunner = (argv, io) => main(argv, io, false);

/**
 * The `paper` command: arguments in, exit code out (0 ok, 1 errors in the inputs or the
 * environment, 2 usage, 70 a bug of ours).
 * Runs in-process so tests can call it; nothing here calls `process.exit`.
 * `paper check` and `paper build` are first asked of a warm process of their paper (a `paper
 * watch` or `paper lsp` running for it), which answers exactly as this process would, faster;
 * with none, or `ask` false, or `--no-daemon`, they run here.
 */
export async function main(argv: string[], io: CommandIo = processIo, ask = true): Promise<number> {
  const [name, ...given] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' ? given[0] : undefined;
    io.stdout(topic && commands[topic] ? commands[topic].usage : usage);
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    io.stdout(version());
    return 0;
  }
  const command = commands[name];
  if (!command) {
    io.stderr(`paper: unknown command \`${name}\`\n\n${usage}`);
    return 2;
  }
  if (given.includes('--help') || given.includes('-h')) {
    io.stdout(command.usage);
    return 0;
  }
  const { args, daemon } = daemonChoice(name, given, process.env);
  if (ask && daemon) {
    const answer = await askWarmProcess(name, args, io, process.env);
    if (answer !== undefined) return answer;
  }
  try {
    return await command.run(args, io, daemon ? answerHere : undefined);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`paper ${name}: ${error.message}\n\n${command.usage}`);
      return 2;
    }
    // A disk that is read-only or full, a permission: the user's machine, not a bug.
    const fault = environmentFault(error);
    if (fault !== undefined) {
      io.stderr(`paper ${name}: ${fault}`);
      return 1;
    }
    // A bug, not a problem in the inputs: say so in one line; the stack only on request.
    const detail = process.env.PAPER_DEBUG ? `\n${error instanceof Error ? error.stack : String(error)}` : '';
    io.stderr(`paper ${name}: internal error: ${error instanceof Error ? error.message : String(error)}${detail}\nSet PAPER_DEBUG=1 for the stack trace, and please report it.`);
    return 70;
  }
}

function version(): string {
  const manifest = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string };
  return manifest.version;
}
