import { statSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * What a client and a warm process say to each other over the socket: one JSON object a line.
 *
 * client → warm: a `WarmRequest` (a command to run, or `status`), then for a build the interrupts
 * its user sends (`{ "interrupt": "SIGINT" }`).
 * warm → client: `accepted` (or `decline`, and the client runs the command itself), then what the
 * command writes, in order (`stdout`, `stderr`), then its `exit` code.
 */

/** The commands a warm process answers: the others run where they are started. */
export const answeredCommands: ReadonlySet<string> = new Set(['check', 'build']);

export type Interrupt = 'SIGINT' | 'SIGTERM' | 'SIGHUP';
const interrupts: ReadonlySet<string> = new Set<Interrupt>(['SIGINT', 'SIGTERM', 'SIGHUP']);

/**
 * What must be the same in the client and the warm process for a warm answer to be the one the
 * client would have given: the same code (this module's file, so a new bundle is new code, and
 * Node.js with its flags), the variables a command or the browser it starts reads, and the
 * umask that the files of a build are written with.
 */
export interface Sameness {
  code: string;
  env: Record<string, string>;
  umask: number;
}

export interface RunRequest extends Sameness {
  kind: 'run';
  /** The command and its arguments, as `main()` takes them. */
  argv: string[];
  /** The client's working folder: paths are read and shown relative to it. */
  cwd: string;
}

export type WarmRequest = RunRequest | { kind: 'status' };

export interface WarmStatus {
  pid: number;
  /** The paper folder answered for. */
  root: string;
  /** Commands answered so far. */
  answered: number;
}

export type WarmAnswer =
  | { accepted: true }
  | { decline: string }
  | { error: string }
  | { stdout: string }
  | { stderr: string }
  | { exit: number }
  | { status: WarmStatus };

/** Variables read by the commands answered, by the browser a build starts, or by Node.js. */
const sameVariables = new Set([
  'SOURCE_DATE_EPOCH',
  'HOME',
  'PATH',
  'TMPDIR',
  'TMP',
  'TEMP',
  'TZ',
  'LANG',
  'LANGUAGE',
  'LD_LIBRARY_PATH',
  'LD_PRELOAD',
  'FONTCONFIG_FILE',
  'FONTCONFIG_PATH',
  'LOCALAPPDATA',
  'PROGRAMFILES',
  'XDG_CACHE_HOME',
  'XDG_CONFIG_HOME',
  'XDG_CONFIG_DIRS',
  'XDG_DATA_HOME',
  'XDG_DATA_DIRS',
  'XDG_RUNTIME_DIR',
]);
/** And every variable with one of these prefixes: ours, Puppeteer's and Chromium's, Node.js's, the locale's. */
const samePrefixes = ['PAPER_', 'PUPPETEER_', 'CHROME_', 'NODE_', 'LC_'];

/** Whether `name` is among the variables that must be the same (for the test that keeps the list whole). */
export function mustBeSame(name: string): boolean {
  // Whether to ask or answer at all: a warm process that answers has it unset, as has its client.
  if (name === 'PAPER_NO_DAEMON') return false;
  return sameVariables.has(name) || samePrefixes.some((prefix) => name.startsWith(prefix));
}

/** The variables of `env` that must be the same on both sides, sorted by name. */
export function sameEnvironment(env: NodeJS.ProcessEnv): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of Object.keys(env).sort()) {
    const value = env[name];
    if (value !== undefined && mustBeSame(name)) kept[name] = value;
  }
  return kept;
}

/** This process's code: the file this module was loaded from, as it was when it was loaded, and Node.js. */
const code = (() => {
  const file = fileURLToPath(import.meta.url);
  const info = statSync(file, { throwIfNoEntry: false });
  return JSON.stringify([1, file, info?.dev, info?.ino, info?.size, info?.mtimeMs, process.execPath, process.version, process.execArgv]);
})();

export function sameness(env: NodeJS.ProcessEnv = process.env): Sameness {
  return { code, env: sameEnvironment(env), umask: process.umask() };
}

/** Why a warm answer would not be the client's own, or undefined when it would be. */
export function differences(client: Sameness, warm: Sameness): string | undefined {
  if (client.code !== warm.code) return 'it runs other code (another build of `paper`, or another Node.js)';
  if (client.umask !== warm.umask) return 'its umask differs';
  const names = new Set([...Object.keys(client.env), ...Object.keys(warm.env)]);
  const differing = [...names].filter((name) => client.env[name] !== warm.env[name]).sort();
  if (differing.length > 0) return `its environment differs (${differing.join(', ')})`;
  return undefined;
}

/** A request as it came, or why it is not one. */
export function readRequest(line: string): WarmRequest | { malformed: string } {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { malformed: 'not JSON' };
  }
  if (typeof value !== 'object' || value === null) return { malformed: 'not an object' };
  const request = value as Record<string, unknown>;
  if (request.kind === 'status') return { kind: 'status' };
  if (request.kind !== 'run') return { malformed: 'no known `kind`' };
  const { argv, cwd, code: theirs, env, umask } = request;
  if (!Array.isArray(argv) || argv.length === 0 || !argv.every((item) => typeof item === 'string')) return { malformed: '`argv` is not a list of strings' };
  if (typeof cwd !== 'string' || !isAbsolute(cwd)) return { malformed: '`cwd` is not an absolute path' };
  if (typeof theirs !== 'string') return { malformed: '`code` is not a string' };
  if (typeof umask !== 'number' || !Number.isInteger(umask)) return { malformed: '`umask` is not a whole number' };
  if (typeof env !== 'object' || env === null || Array.isArray(env) || !Object.values(env).every((item) => typeof item === 'string')) return { malformed: '`env` is not an object of strings' };
  return { kind: 'run', argv: argv as string[], cwd, code: theirs, env: env as Record<string, string>, umask };
}

/** An interrupt the client forwards, or undefined for any other line. */
export function readInterrupt(line: string): Interrupt | undefined {
  try {
    const value = (JSON.parse(line) as { interrupt?: unknown } | null)?.interrupt;
    return typeof value === 'string' && interrupts.has(value) ? (value as Interrupt) : undefined;
  } catch {
    return undefined;
  }
}

export const encode = (message: WarmAnswer | WarmRequest | { interrupt: Interrupt }): string => `${JSON.stringify(message)}\n`;

/**
 * Split a stream into lines. A line longer than `limit` bytes ends the reading: `onTooLong` is
 * called once and nothing more is read.
 */
export function lineReader(onLine: (line: string) => void, limit = Number.POSITIVE_INFINITY, onTooLong: () => void = () => undefined): (chunk: Buffer) => void {
  let pending: Buffer[] = [];
  let pendingLength = 0;
  let stopped = false;
  return (chunk) => {
    if (stopped) return;
    let start = 0;
    for (let end = chunk.indexOf(10); end !== -1; end = chunk.indexOf(10, start)) {
      const line = Buffer.concat([...pending, chunk.subarray(start, end)]).toString('utf8');
      pending = [];
      pendingLength = 0;
      start = end + 1;
      if (line.length > limit) {
        stopped = true;
        onTooLong();
        return;
      }
      onLine(line);
    }
    const rest = chunk.subarray(start);
    pending.push(rest);
    pendingLength += rest.length;
    if (pendingLength > limit) {
      stopped = true;
      pending = [];
      onTooLong();
    }
  };
}
