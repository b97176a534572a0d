import * as z from 'zod';

/**
 * The data of a trend graph: which trend rows of which period tables it draws, and the periods it
 * marks. The values themselves are read from the tables, so a change to a table's data changes
 * the graph too. `schemas/trend-graph.schema.json` is generated from this schema.
 */
const text = z.string().trim().min(1, { error: 'Expected text' });
const year = z.int({ error: 'Expected a year' }).min(1000, { error: 'Expected a year' }).max(9999, { error: 'Expected a year' });

export const trendGraphSchema = z.strictObject({
  caption: text,
  series: z
    .array(
      z.strictObject({
        /** The name of the line in the legend. */
        label: text,
        /** The category of the trend row to draw, as the tables name it. */
        row: text,
        /** The ids of the period tables that hold the row, in order of time. */
        tables: z.array(text).min(1, { error: 'Expected at least one table id' }),
      }),
    )
    .min(1, { error: 'Expected at least one series' }),
  /** Spans of time to mark, such as presidencies. */
  periods: z.array(z.strictObject({ label: text, from: year, to: year })).optional(),
});

export type TrendGraphData = z.infer<typeof trendGraphSchema>;
