import { spawnSync } from 'node:child_process';
import { fromRoot, root } from './paths.js';

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Run the compiled `paper` command as a user would, in its own process. */
export function runCli(args: string[], cwd = root, env: NodeJS.ProcessEnv = {}): CliRun {
  const result = spawnSync(process.execPath, [fromRoot('bin/paper.js'), ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Wall times in the command's output (stage timings, "Wrote … (2.31 s)") as `<time>`, for golden files. */
export function withoutTimes(text: string): string {
  return text.replace(/( *)\b\d+(?:\.\d+)? m?s\b/g, (_match, space: string) => `${space ? ' ' : ''}<time>`);
}
