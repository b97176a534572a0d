import * as z from 'zod';
import { frontMatterSchema } from '../front-matter/front-matter-schema.js';
import { periodTableSchema } from '../tables/period-table-schema.js';
import { trendGraphSchema } from '../tables/trend-graph-schema.js';

/**
 * The JSON Schemas that editors use to complete and validate the YAML files
 * (`# yaml-language-server: $schema=...`), generated from the zod schemas the pipeline validates with,
 * so the two cannot drift apart. `npm run schemas` writes them to `schemas/`; a test compares.
 */
export function jsonSchemas(): Record<string, unknown> {
  return {
    'period-table.schema.json': {
      title: 'Period table',
      description: 'A table of events by period: columns are years or ranges of years, rows are categories of events, trends or counts.',
      ...z.toJSONSchema(periodTableSchema, { io: 'input' }),
    },
    'trend-graph.schema.json': {
      title: 'Trend graph',
      description: 'A graph of trend rows of period tables, with the periods it marks.',
      ...z.toJSONSchema(trendGraphSchema, { io: 'input' }),
    },
    'front-matter.schema.json': {
      title: 'Manuscript front matter',
      description: "The YAML front matter of a manuscript; field names follow Pandoc's.",
      ...z.toJSONSchema(frontMatterSchema, { io: 'input', unrepresentable: 'any' }),
    },
  };
}
