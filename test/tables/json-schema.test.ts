import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { jsonSchemas } from '../../scripts/tools/json-schemas.js';
import { fromRoot } from '../helpers/paths.js';

describe('the JSON Schemas editors use', () => {
  for (const [name, schema] of Object.entries(jsonSchemas())) {
    it(`schemas/${name} is the one generated from the zod schema (run \`npm run schemas\` after changing it)`, () => {
      expect(JSON.parse(readFileSync(fromRoot(`schemas/${name}`), 'utf8'))).toEqual(schema);
    });
  }

  it('describes the trend values, marks and row kinds authors may write', () => {
    const text = readFileSync(fromRoot('schemas/period-table.schema.json'), 'utf8');
    for (const word of ['"up-slight"', '"down"', '"negative"', '"intensifying"', '"difficult"', '"events"', '"trend"', '"counts"']) expect(text).toContain(word);
  });
});
