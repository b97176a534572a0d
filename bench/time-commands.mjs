// A small harness that times whole processes: each command runs `runs` times, the commands
// alternating (a, b, a, b, …) so that a slow moment of the machine hits all of them alike.
// It reports the minimum, median and maximum wall time and the peak resident memory, read from
// GNU time (`/usr/bin/time`, Debian package `time`) when it is there.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

/**
 * @param {Array<{ name: string; command: string[]; cwd?: string; env?: NodeJS.ProcessEnv }>} commands
 * @param {{ runs?: number; warmup?: number }} [options]
 */
export function timeCommands(commands, options = {}) {
  const runs = options.runs ?? 10;
  const warmup = options.warmup ?? 1;
  const samples = new Map(commands.map((command) => [command.name, { wall: [], rss: [] }]));
  for (let round = 0; round < warmup + runs; round++) {
    for (const command of commands) {
      const measured = runOnce(command);
      if (round < warmup) continue;
      const sample = samples.get(command.name);
      sample.wall.push(measured.wall);
      if (measured.rss !== undefined) sample.rss.push(measured.rss);
    }
  }
  return commands.map((command) => {
    const { wall, rss } = samples.get(command.name);
    return { name: command.name, runs, ...stats(wall), peakRssMiB: rss.length > 0 ? Math.max(...rss) / 1024 : undefined };
  });
}

function runOnce({ command, cwd, env }) {
  const [program, ...args] = gnuTime ? [gnuTime, '-f', '%M', ...command] : command;
  const start = process.hrtime.bigint();
  const result = spawnSync(program, args, { cwd, env, encoding: 'utf8', maxBuffer: 1 << 30 });
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  if (result.error) throw result.error;
  if (result.status !== 0 && result.status !== 1) {
    throw new Error(`${command.join(' ')} exited with ${result.status}: ${result.stderr.slice(-500)}`);
  }
  const rss = gnuTime ? Number(result.stderr.trim().split('\n').at(-1)) : undefined;
  return { wall, rss: Number.isFinite(rss) ? rss : undefined };
}

function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { min: sorted[0], median, max: sorted.at(-1) };
}

/** A Markdown table of the results, with each median as a ratio to the `base` command's. */
export function formatTable(results, base) {
  const baseline = results.find((result) => result.name === base)?.median;
  const rows = results.map((result) => {
    const ratio = baseline ? `${(result.median / baseline).toFixed(2)} ×` : '';
    const rss = result.peakRssMiB === undefined ? 'n/a' : `${result.peakRssMiB.toFixed(0)} MiB`;
    return `| ${result.name} | ${result.median.toFixed(3)} s | ${result.min.toFixed(3)} s | ${result.max.toFixed(3)} s | ${ratio} | ${rss} |`;
  });
  return ['| command | median | min | max | vs. ' + base + ' | peak RSS |', '| --- | --- | --- | --- | --- | --- |', ...rows].join('\n');
}
