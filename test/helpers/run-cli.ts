import { spawnSync } from 'node:child_process';
import { format } from 'node:util';
import { main } from '../../scripts/cli/main.js';
import type { CommandIo } from '../../scripts/cli/io.js';
import { fromRoot, root } from './paths.js';

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Run the compiled `paper` command as a user would, in its own process. Only for the end-to-end
 * tests of each command and for tests whose subject is the process; the others use `runMain`.
 */
export function runCli(args: string[], cwd = root, env: NodeJS.ProcessEnv = {}): CliRun {
  const result = spawnSync(process.execPath, [fromRoot('bin/paper.js'), ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Each text written as `processIo` writes it: a line, so a newline at its end unless it has one. */
const line = (text: string) => (text.endsWith('\n') ? text : `${text}\n`);

/** Where `console` writes in a process of its own, as `node` sets it up: log, info, debug to stdout; warn, error to stderr. */
const consoleStreams = { log: 'stdout', info: 'stdout', debug: 'stdout', warn: 'stderr', error: 'stderr' } as const;

/**
 * Run the `paper` command in this process: `main()` from the TypeScript sources, with `cwd` as its
 * working folder and what it prints captured exactly as `runCli` captures it: what it writes through
 * its `CommandIo`, as `processIo` writes it, and anything a library prints with `console` meanwhile,
 * which a process of its own would print too. The variables of `env` (undefined: unset) hold in
 * `process.env` for the duration of the call, which is where the code reads them, and are put back
 * as they were after it; so calls must not overlap (no `test.concurrent` in a file that uses this).
 */
export async function runMain(args: string[], cwd = root, env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CommandIo = {
    cwd,
    stdout: (text) => {
      stdout += line(text);
    },
    stderr: (text) => {
      stderr += line(text);
    },
  };
  const saved = new Map<string, string | undefined>();
  for (const [name, value] of Object.entries(env)) {
    saved.set(name, process.env[name]);
    setVariable(name, value);
  }
  const methods = Object.keys(consoleStreams) as Array<keyof typeof consoleStreams>;
  const consoleMethods = methods.map((method) => [method, console[method]] as const);
  for (const method of methods) {
    console[method] = (...values: unknown[]) => {
      if (consoleStreams[method] === 'stdout') stdout += `${format(...values)}\n`;
      else stderr += `${format(...values)}\n`;
    };
  }
  try {
    const status = await main(args, io);
    return { status, stdout, stderr };
  } finally {
    for (const [method, original] of consoleMethods) console[method] = original;
    for (const [name, value] of saved) setVariable(name, value);
  }
}

function setVariable(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}

/** Wall times in the command's output (stage timings, "Wrote … (2.31 s)") as `<time>`, for golden files. */
export function withoutTimes(text: string): string {
  return text.replace(/( *)\b\d+(?:\.\d+)? m?s\b/g, (_match, space: string) => `${space ? ' ' : ''}<time>`);
}
