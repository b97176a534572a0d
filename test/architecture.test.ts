import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromRoot } from './helpers/paths.js';

/**
 * The layout of scripts/ as ARCHITECTURE.md draws it. The import rules themselves are enforced by
 * dependency-cruiser (`depcruise scripts` in `npm test`, rules in .dependency-cruiser.cjs); these
 * tests keep the page and the rules the same, and check what an import graph cannot show.
 */

const rooms = createRequire(import.meta.url)(fromRoot('.dependency-cruiser.cjs')).rooms as Record<string, string[]>;
const architecture = readFileSync(fromRoot('ARCHITECTURE.md'), 'utf8');
const scripts = fromRoot('scripts');

/** The rows of ARCHITECTURE.md's room table: room → the rooms it may import. */
function documentedRooms(): Record<string, string[]> {
  const table = architecture.slice(architecture.indexOf('| room | holds | may import |'));
  const rows: Record<string, string[]> = {};
  for (const line of table.split('\n').slice(2)) {
    const cells = /^\| `([a-z/-]+)\/` \| .* \| ([^|]+) \|$/.exec(line);
    if (!cells) break;
    const imports = cells[2]?.trim() ?? '';
    rows[cells[1] ?? ''] = imports === '—' ? [] : imports.split(', ');
  }
  return rows;
}

function folders(path: string, prefix = ''): string[] {
  return readdirSync(path)
    .filter((name) => statSync(join(path, name)).isDirectory())
    .flatMap((name) => [`${prefix}${name}`, ...folders(join(path, name), `${prefix}${name}/`)]);
}

describe('the rooms of scripts/', () => {
  it('are the ones ARCHITECTURE.md lists, each allowed the imports its row names', () => {
    const documented = documentedRooms();
    expect(Object.keys(documented).sort()).toEqual(Object.keys(rooms).sort());
    for (const [room, mayImport] of Object.entries(rooms)) expect(documented[room], room).toEqual(mayImport);
  });

  it('are every folder there is, besides tools/ and types/', () => {
    expect(folders(scripts).sort()).toEqual([...Object.keys(rooms), 'tools', 'types'].sort());
  });

  it('keep pipeline/ to the stages and the build that runs them', () => {
    const stages = ['load', 'parse', 'resolve', 'check', 'render', 'print', 'write'];
    expect(readdirSync(join(scripts, 'pipeline')).sort()).toEqual([...stages, 'build'].map((name) => `${name}.ts`).sort());
    for (const stage of stages) expect(architecture).toContain(`\`pipeline/${stage}.ts\``);
  });
});

describe('helpers a kept library already provides', () => {
  /** Each pattern is a hand-written copy of something the named package does; it must not come back. */
  const copies: Array<[RegExp, string]> = [
    [/function (element|text)\(/, 'hastscript (`h`)'],
    [/function createPointAt/, 'vfile-location'],
    [/function (editDistance|levenshtein)/i, 'fastest-levenshtein'],
    [/voidElements = new Set/, 'html-void-elements'],
    [/function plainText\(/, 'mdast-util-to-string'],
    [/structuredClone\(/, 'copyTree (source/tree-copy.ts), the one way trees are copied'],
  ];
  const files = readdirSync(scripts, { recursive: true, encoding: 'utf8' }).filter((path) => path.endsWith('.ts'));

  for (const [pattern, library] of copies) {
    it(`are not written again: ${library}`, () => {
      const found = files.filter((path) => pattern.test(readFileSync(join(scripts, path), 'utf8')));
      expect(found).toEqual([]);
    });
  }
});
