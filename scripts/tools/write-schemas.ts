import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { packageRoot } from '../source/package-root.js';
import { jsonSchemas } from './json-schemas.js';

for (const [name, schema] of Object.entries(jsonSchemas())) {
  const path = join(packageRoot(), 'schemas', name);
  await writeFile(path, `${JSON.stringify(schema, null, 2)}\n`);
  process.stdout.write(`wrote ${path}\n`);
}
