import { statistics } from 'vfile-statistics';
import { formatMessages, shownPath } from '../diagnostics/format-messages.js';
import { parseCommandArgs, UsageError } from './arguments.js';
import { catchInterrupts } from './interrupts.js';
import type { CommandIo } from './io.js';
import { formatDuration, progressLine } from './progress.js';


export async function buildCommand(args: string[], io: CommandIo): Promise<number> {
  const started = performance.now();
  const { values, positionals } = parseCommandArgs(
    args,
    {
      out: { type: 'string' },
      'no-pdf': { type: 'boolean' },
      style: { type: 'string' },
      bibliography: { type: 'string', multiple: true },
      'paper-size': { type: 'string' },
      force: { type: 'boolean' },
      quiet: { type: 'boolean' },
      verbose: { type: 'boolean' },
    },
    1,
  );
  const paperSize = values['paper-size']?.toLowerCase() as 'a4' | 'letter' | undefined;
  if (paperSize !== undefined && paperSize !== 'a4' && paperSize !== 'letter') throw new UsageError(`\`--paper-size\` is \`a4\` or \`letter\`, not \`${values['paper-size']}\``);
  const quiet = values.quiet === true;
  const request = {
    path: positionals[0],
    cwd: io.cwd,
    out: values.out,
    pdf: values['no-pdf'] !== true,
    style: values.style,
    bibliographies: values.bibliography ?? [],
    paperSize,
    force: values.force === true,
  };
  const interrupts = catchInterrupts();
  const { build } = await import('../pipeline/build.js');
  const result = await build({
    ...request,
    signal: interrupts.signal,
    onStage: quiet ? undefined : (stage, milliseconds, note) => io.stderr(progressLine(stage, milliseconds, note)),
  }).finally(() => interrupts.dispose());
  const current = result.upToDate;
  if (current) {
    if (!quiet) {
      const { warnings } = current.manifest.messages;
      const note = warnings > 0 ? `; the last build had ${warnings} warning${warnings === 1 ? '' : 's'} (\`paper check\` shows them)` : '';
      const outputs = current.manifest.outputs.map((output) => shownPath(`${current.out}/${output.path}`, io.cwd));
      io.stderr(`Up to date: ${outputs.join(', ')} (no input changed; ${formatDuration(performance.now() - started)})${note}`);
    }
    return 0;
  }
  if (result.interrupted) {
    io.stderr(`paper build: interrupted by ${interrupts.received()}; nothing was written, the previous outputs are unchanged`);
    return interrupts.exitCode();
  }
  const text = formatMessages(result.files, { cwd: io.cwd, quiet, verbose: values.verbose === true });
  if (text) io.stderr(text);
  if (statistics(result.files).fatal > 0 || result.outputs.length === 0) {
    io.stderr('Build failed; nothing was written.');
    return 1;
  }
  if (!quiet) io.stderr(`Wrote ${result.outputs.map((path) => shownPath(path, io.cwd)).join(', ')} (${formatDuration(performance.now() - started)})`);
  return 0;
}
