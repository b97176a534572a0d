import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildUsage, checkUsage } from '../../scripts/cli/usage.js';
import { valueOptions } from '../../scripts/daemon/requested-paper.js';
import { Turns } from '../../scripts/daemon/turns.js';
import { lineReader, mustBeSame } from '../../scripts/daemon/warm-protocol.js';
import { fromRoot } from '../helpers/paths.js';

/** What keeps a warm answer the cold one as the code grows: each test fails when a change would let them differ. */

const scripts = fromRoot('scripts');
const sources = (readdirSync(scripts, { recursive: true }) as string[])
  .filter((path) => path.endsWith('.ts') && !path.startsWith('tools/') && !path.startsWith('daemon/'))
  .map((path) => ({ path, text: readFileSync(join(scripts, path), 'utf8') }));

describe('what a warm answer depends on', () => {
  it('includes every environment variable the code reads', () => {
    const read = new Set<string>();
    for (const { text } of sources) {
      for (const match of text.matchAll(/\benv(?:\?)?\.([A-Z][A-Z0-9_]*)\b|\benv\[['"]([A-Z][A-Z0-9_]*)['"]\]/g)) read.add(match[1] ?? match[2] ?? '');
    }
    expect(read.size).toBeGreaterThan(5);
    // PAPER_NO_DAEMON decides whether to ask at all.
    expect([...read].filter((name) => !mustBeSame(name))).toEqual(['PAPER_NO_DAEMON']);
  });

  it('has no part that depends on the terminal (colours, its width, whether it is one)', () => {
    const terminal = /\bisTTY\b|\bhasColors\b|\bgetColorDepth\b|\b(?:stdout|stderr)\.(?:columns|rows)\b|NO_COLOR|FORCE_COLOR|\bgetWindowSize\b/;
    expect(sources.filter(({ text }) => terminal.test(text)).map(({ path }) => path)).toEqual([]);
  });

  it('knows the options of check and build that take a value, as their usage lists them', () => {
    // `  --out DIR   …`: one space, then the value's name; a flag has the description after several.
    const taking = (usage: string) => [...usage.matchAll(/^ {2}--([a-z-]+) \S/gm)].map((match) => match[1]).sort();
    expect([...(valueOptions.check ?? [])].sort()).toEqual(taking(checkUsage));
    expect([...(valueOptions.build ?? [])].sort()).toEqual(taking(buildUsage));
  });
});

describe('lineReader', () => {
  it('gives whole lines, across chunks and inside a character', () => {
    const lines: string[] = [];
    const read = lineReader((line) => lines.push(line));
    const bytes = Buffer.from('{"a":"é"}\n{"b":1}\n{"c"');
    read(bytes.subarray(0, 7));
    read(bytes.subarray(7, 12));
    read(bytes.subarray(12));
    read(Buffer.from(':2}\n'));
    expect(lines).toEqual(['{"a":"é"}', '{"b":1}', '{"c":2}']);
  });

  it('stops at a line longer than its limit, once', () => {
    const lines: string[] = [];
    let tooLong = 0;
    const read = lineReader((line) => lines.push(line), 8, () => tooLong++);
    read(Buffer.from('short\n0123456789'));
    read(Buffer.from('more\nafter\n'));
    expect(lines).toEqual(['short']);
    expect(tooLong).toBe(1);
  });
});

describe('Turns', () => {
  it('runs one task at a time, in order, going on after a failure', async () => {
    const turns = new Turns();
    const log: string[] = [];
    const task = (name: string, fail = false) => async () => {
      log.push(`${name} starts`);
      await new Promise((resolve) => setTimeout(resolve, 5));
      log.push(`${name} ends`);
      if (fail) throw new Error(name);
      return name;
    };
    const results = await Promise.allSettled([turns.run(task('a')), turns.run(task('b', true)), turns.run(task('c'))]);
    expect(log).toEqual(['a starts', 'a ends', 'b starts', 'b ends', 'c starts', 'c ends']);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });
});
