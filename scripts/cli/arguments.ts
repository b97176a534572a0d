import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A mistake in how the command was called: printed with the usage, exit code 2. */
export class UsageError extends Error {}

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

/**
 * Parse a command's arguments strictly with Node's own parser (unknown options and missing values
 * are usage errors) and allow at most `maxPositionals` positionals.
 */
export function parseCommandArgs<T extends OptionSpec>(args: string[], options: T, maxPositionals: number) {
  try {
    const parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
    if (parsed.positionals.length > maxPositionals) {
      throw new UsageError(`Unexpected argument \`${parsed.positionals[maxPositionals]}\``);
    }
    return parsed;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(error instanceof Error ? error.message.replace(/^Option '/, "Option '").split('\n')[0] ?? 'Invalid arguments' : String(error));
  }
}

/** `--max-warnings N`: a whole number of zero or more. */
export function parseCount(value: string | undefined, option: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`\`${option}\` takes a whole number, not \`${value}\``);
  return Number(value);
}
