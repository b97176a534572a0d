import { statistics } from 'vfile-statistics';
import { formatJson, formatMessages } from '../diagnostics/format-messages.js';
import { check } from '../pipeline/check.js';
import { parseCommandArgs, parseCount, UsageError } from './arguments.js';
import type { CommandIo } from './io.js';


export async function checkCommand(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    args,
    {
      bibliography: { type: 'string', multiple: true },
      format: { type: 'string' },
      'max-warnings': { type: 'string' },
      quiet: { type: 'boolean' },
      verbose: { type: 'boolean' },
    },
    1,
  );
  if (values.format !== undefined && values.format !== 'json') throw new UsageError(`Unknown format \`${values.format}\`; the only format is \`json\``);
  const maxWarnings = parseCount(values['max-warnings'], '--max-warnings');
  const result = await check({ path: positionals[0], cwd: io.cwd, bibliographies: values.bibliography ?? [] });
  const options = { cwd: io.cwd, quiet: values.quiet === true, verbose: values.verbose === true };
  if (values.format === 'json') io.stdout(formatJson(result.files, options));
  else {
    const text = formatMessages(result.files, options);
    if (text) io.stderr(text);
  }
  const counts = statistics(result.files);
  if (counts.fatal > 0) return 1;
  // A paper that could not be read was not checked, whatever severity the project gave the reason.
  if (!result.paper) {
    io.stderr('The paper could not be read; nothing was checked.');
    return 1;
  }
  if (maxWarnings !== undefined && counts.warn > maxWarnings) {
    io.stderr(`Too many warnings: ${counts.warn}, at most ${maxWarnings} allowed (--max-warnings)`);
    return 1;
  }
  return 0;
}
