import { readFileSync } from 'node:fs';
import { afterAll, expect, it } from 'vitest';
import { LspClient } from '../helpers/lsp-client.js';
import { fromRoot } from '../helpers/paths.js';

const client = new LspClient(fromRoot('.'));
afterAll(() => client.stop());

it('smoke', async () => {
  await client.initialize(fromRoot('.'));
  const path = fromRoot('manuscript/paper.md');
  const uri = await client.open(path, readFileSync(path, 'utf8'));
  const d = await client.diagnosticsOf(uri);
  console.log(JSON.stringify(d).slice(0, 500));
  console.log([...client.diagnostics.keys()]);
  console.log(client.stderr);
  expect(client.alive).toBe(true);
});
