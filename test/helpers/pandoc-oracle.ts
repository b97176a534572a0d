import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * Pandoc as an oracle: the tests compare with Pandoc's output committed as fixtures, and check the
 * fixtures against Pandoc itself only where it is installed.
 */

/** The installed Pandoc's first `--version` line, or undefined when there is none. */
export function pandocVersion(): string | undefined {
  try {
    return execFileSync('pandoc', ['--version'], { encoding: 'utf8' }).split('\n')[0];
  } catch {
    return undefined;
  }
}

/** The cases of a fixture file: each starts `%%% name` on a line of its own; its source ends with one newline. */
export function readOracleCases(url: URL): Array<{ name: string; source: string }> {
  return readFileSync(url, 'utf8')
    .split(/^%%% /m)
    .slice(1)
    .map((part) => {
      const newline = part.indexOf('\n');
      return { name: part.slice(0, newline).trim(), source: part.slice(newline + 1).replace(/\n+$/, '') + '\n' };
    });
}
