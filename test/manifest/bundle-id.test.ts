import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { toolIdentity } from '../../scripts/manifest/tool-versions.js';
import { fromRoot } from '../helpers/paths.js';

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

it('is the hash of every chunk of dist/, as the bundler wrote it beside them', async () => {
  const dist = fromRoot('dist');
  const names = readdirSync(dist).filter((name) => name.endsWith('.js')).sort();
  const hashed = sha256(names.map((name) => `${name}\0${sha256(readFileSync(join(dist, name)))}`).join('\n'));
  expect(readFileSync(join(dist, 'bundle-id.txt'), 'utf8')).toBe(`${hashed}\n`);
  expect((await toolIdentity()).bundle).toBe(hashed);
});
