import { statistics } from 'vfile-statistics';
import { formatMessages, shownPath } from '../diagnostics/format-messages.js';
import { build } from '../pipeline/build.js';
import { parseCommandArgs, UsageError } from './arguments.js';
import { catchInterrupts } from './interrupts.js';
import type { CommandIo } from './io.js';


export async function buildCommand(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    args,
    {
      out: { type: 'string' },
      'no-pdf': { type: 'boolean' },
      style: { type: 'string' },
      bibliography: { type: 'string', multiple: true },
      'paper-size': { type: 'string' },
    },
    1,
  );
  const paperSize = values['paper-size']?.toLowerCase();
  if (paperSize !== undefined && paperSize !== 'a4' && paperSize !== 'letter') throw new UsageError(`\`--paper-size\` is \`a4\` or \`letter\`, not \`${values['paper-size']}\``);
  const interrupts = catchInterrupts();
  const result = await build({
    path: positionals[0],
    cwd: io.cwd,
    out: values.out,
    pdf: values['no-pdf'] !== true,
    style: values.style,
    bibliographies: values.bibliography ?? [],
    paperSize,
    signal: interrupts.signal,
  }).finally(() => interrupts.dispose());
  if (result.interrupted) {
    io.stderr(`paper build: interrupted by ${interrupts.received()}; nothing was written, the previous outputs are unchanged`);
    return interrupts.exitCode();
  }
  const text = formatMessages(result.files, { cwd: io.cwd });
  if (text) io.stderr(text);
  if (statistics(result.files).fatal > 0 || result.outputs.length === 0) {
    io.stderr('Build failed; nothing was written.');
    return 1;
  }
  io.stderr(`Wrote ${result.outputs.map((path) => shownPath(path, io.cwd)).join(', ')}`);
  return 0;
}
