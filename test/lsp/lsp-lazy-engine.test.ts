import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { packageLoaded } from '../helpers/loaded-packages.js';
import { LspClient, rangeIn } from '../helpers/lsp-client.js';
import { fromRoot } from '../helpers/paths.js';

/**
 * The CSL engine (citation-js, citeproc-js) is loaded by the first hover, not at start: the server
 * process records every module it loads through a loader hook, as
 * test/pipeline/feature-code-loading.test.ts does for the commands.
 */
const scratch = mkdtempSync(join(tmpdir(), 'paper-lsp-lazy-'));
const record = join(scratch, 'loaded.txt');
writeFileSync(record, '');
const hooks = `data:text/javascript,${encodeURIComponent(`import { appendFileSync } from 'node:fs';
  export async function load(url, context, next) { appendFileSync(${JSON.stringify(record)}, url + '\\n'); return next(url, context); }`)}`;
const register = `data:text/javascript,${encodeURIComponent(`import { register } from 'node:module'; register(${JSON.stringify(hooks)});`)}`;
const client = new LspClient(fromRoot('.'), ['lsp', '--stdio'], ['--import', register]);
afterAll(async () => {
  await client.stop();
  rmSync(scratch, { recursive: true, force: true });
});

const engineLoaded = () => ['@citation-js/core', 'citeproc'].some((name) => packageLoaded(readFileSync(record, 'utf8'), name));

it('loads the CSL engine on the first hover, not to publish diagnostics', async () => {
  await client.initialize(fromRoot('.'));
  const path = fromRoot('manuscript/paper.md');
  const text = readFileSync(path, 'utf8');
  const uri = await client.open(path, text);
  expect(await client.diagnosticsOf(uri)).toHaveLength(2);
  const completion = await client.request<{ items: unknown[] }>('textDocument/completion', { textDocument: { uri }, position: rangeIn(text, 'kazembassy2009').start });
  expect(completion.items.length).toBeGreaterThan(0);
  expect(engineLoaded()).toBe(false);
  const hover = await client.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri }, position: rangeIn(text, 'kazembassy2009').start });
  expect(hover.contents.value).toBe('Kazakhstan’s Embassy in the Russian Federation, *Kazakhstan-Russian relationships: 2008* (Moscow, Russia: VeGa, 2009).');
  expect(engineLoaded()).toBe(true);
});
