/**
 * Whole mdast trees, positions included, for a few documents: one folder per case in
 * `test/fixtures/citation-syntax/trees/` with `input.md` and the expected `tree.json`.
 *
 * Regenerate on purpose with `UPDATE=1 npx vitest run test/citations/trees.test.ts`.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixtures, parse } from './pandoc-citations.js';

const update = Boolean(process.env.UPDATE);
const root = new URL('trees/', fixtures);

describe('citation trees', () => {
  for (const name of readdirSync(root).sort()) {
    it(name, () => {
      const folder = new URL(`${name}/`, root);
      const tree = JSON.stringify(parse(readFileSync(new URL('input.md', folder), 'utf8')), null, 2) + '\n';
      if (update) writeFileSync(new URL('tree.json', folder), tree);
      expect(tree).toBe(readFileSync(new URL('tree.json', folder), 'utf8'));
    });
  }
});
