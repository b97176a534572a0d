import { askWarm } from '../daemon/ask-warm.js';
import { answeredCommands } from '../daemon/warm-protocol.js';
import { catchInterrupts } from './interrupts.js';
import type { CommandIo } from './io.js';

/** The commands `--no-daemon` applies to: `check` and `build` ask a warm process, `watch` and `lsp` are one. */
const daemonCommands: ReadonlySet<string> = new Set(['check', 'build', 'watch', 'lsp']);

/**
 * A command's arguments without `--no-daemon` (before a `--`), and whether it uses warm processes:
 * not with that option, not with `PAPER_NO_DAEMON` set (for a machine, a CI job or a test run).
 */
export function daemonChoice(name: string, args: string[], env: NodeJS.ProcessEnv): { args: string[]; daemon: boolean } {
  if (!daemonCommands.has(name)) return { args, daemon: false };
  const end = args.includes('--') ? args.indexOf('--') : args.length;
  const options = args.slice(0, end).filter((arg) => arg !== '--no-daemon');
  const daemon = options.length === end && !env.PAPER_NO_DAEMON;
  return { args: [...options, ...args.slice(end)], daemon };
}

/**
 * `paper check` and `paper build` asked of the warm process of their paper (`paper watch`,
 * `paper lsp`), which answers as this process would; undefined when none answers, and the command
 * runs here. Not with `PAPER_DEBUG`: a stack trace is this process's. A build's interrupts are
 * forwarded, and a second one, or the grace time, exits here as a cold build does.
 */
export async function askWarmProcess(name: string, args: string[], io: CommandIo, env: NodeJS.ProcessEnv): Promise<number | undefined> {
  if (!answeredCommands.has(name) || env.PAPER_DEBUG) return undefined;
  const interrupts = name === 'build' ? catchInterrupts() : undefined;
  try {
    const answer = await askWarm([name, ...args], io.cwd, io, { env, interrupts });
    // Interrupted before a warm process took it: as a cold build stopped before it began.
    if (answer === undefined && interrupts?.received()) return interrupts.exitCode();
    return answer;
  } catch {
    // Looking for a warm process must never cost the command: it runs here.
    return undefined;
  } finally {
    interrupts?.dispose();
  }
}
