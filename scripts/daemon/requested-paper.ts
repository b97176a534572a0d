import { realpath } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { locatePaper } from '../source/paper-location.js';

/**
 * The options of each answered command that take a value, so that the value is not taken for the
 * PATH (the command's own parser is not loaded to find it: that would cost what asking saves).
 * A test keeps them the same as the commands' usage.
 */
export const valueOptions: Readonly<Record<string, readonly string[]>> = {
  check: ['bibliography', 'format', 'max-warnings'],
  build: ['out', 'style', 'bibliography', 'paper-size'],
};

/**
 * The real path (links resolved) of the paper folder that `argv` is about, found as the command
 * finds it (`locatePaper`), or undefined when that cannot be told: then the command runs cold.
 */
export async function requestedRoot(argv: readonly string[], cwd: string): Promise<string | undefined> {
  const [name, ...args] = argv;
  const takingValues = name === undefined ? undefined : valueOptions[name];
  if (takingValues === undefined) return undefined;
  let positionals: string[];
  try {
    ({ positionals } = parseArgs({ args, options: Object.fromEntries(takingValues.map((option) => [option, { type: 'string', multiple: true }])), allowPositionals: true, strict: false }));
  } catch {
    return undefined;
  }
  if (positionals.length > 1) return undefined;
  const { root } = await locatePaper(positionals[0], cwd);
  return realpath(root).catch(() => undefined);
}
