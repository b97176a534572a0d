import * as z from 'zod';

/**
 * The data format of a period table, as authors write it in YAML (or CSV, with the same schema).
 * `schemas/period-table.schema.json` is generated from this schema (`npm run schemas`), so editors
 * complete and validate the files through `# yaml-language-server: $schema=...`.
 */

export const trendValues = ['up', 'up-slight', 'flat', 'down-slight', 'down'] as const;
export type TrendValue = (typeof trendValues)[number];

export const eventMarks = ['intensifying', 'negative'] as const;
export type EventMark = (typeof eventMarks)[number];

export const columnTones = ['difficult'] as const;

const yearOrRange = z
  .string()
  .regex(/^\d{4}(-\d{4})?$/, { error: 'Expected a year (`1995`) or a range of years (`1991-1992`)' });

const inlineMarkdown = z.string().min(1, { error: 'Expected text' });

const column = z.union([
  yearOrRange,
  z.strictObject({
    label: yearOrRange,
    tone: z.enum(columnTones, { error: `Expected a tone: ${list(columnTones)}` }).optional(),
  }),
]);

const event = z.union([
  inlineMarkdown,
  z.strictObject({
    text: inlineMarkdown,
    mark: z.enum(eventMarks, { error: `Expected a mark: ${list(eventMarks)}` }).optional(),
  }),
]);

const eventList = z.array(event).min(1, { error: 'Expected at least one event' });

const eventCell = z.union([
  event,
  eventList,
  z.strictObject({
    events: eventList,
    /** The last column this cell spans, when the event lasts several columns. */
    until: yearOrRange.optional(),
  }),
]);

const trend = z.enum(trendValues, { error: `Expected a trend: ${list(trendValues)}` });

const trendCell = z.union([
  trend,
  z.strictObject({ trend: trend.optional(), events: eventList.optional() }),
]);

/** `3(1)`: three meetings, one of them an official visit; `≥4`: at least four; `3(1); 6 (4)`: one count a year. */
const countPattern = /^≥?\d+ ?(\(≥?\d+\))?(; ?≥?\d+ ?(\(≥?\d+\))?)*$/;
const count = z
  .string()
  .regex(countPattern, { error: 'Expected a count such as `3(1)`, `≥4` or `3(1); 6 (4)`' });

const countCell = z.union([count, z.strictObject({ count, note: inlineMarkdown.optional() })]);

const category = inlineMarkdown;

const eventsRow = z.strictObject({
  category,
  kind: z.literal('events'),
  cells: z.record(z.string(), eventCell),
});

const trendRow = z.strictObject({
  category,
  kind: z.literal('trend'),
  cells: z.record(z.string(), trendCell),
});

const countsRow = z.strictObject({
  category,
  kind: z.literal('counts'),
  cells: z.record(z.string(), countCell),
});

const row = z.discriminatedUnion('kind', [eventsRow, trendRow, countsRow], {
  error: 'Expected a row with `kind`: `events`, `trend` or `counts`',
});

export const periodTableSchema = z.strictObject({
  caption: inlineMarkdown,
  columns: z.array(column).min(1, { error: 'Expected at least one column' }),
  rows: z.array(row).min(1, { error: 'Expected at least one row' }),
});

export type PeriodTableData = z.infer<typeof periodTableSchema>;
export type EventData = z.infer<typeof event>;
export type EventCellData = z.infer<typeof eventCell>;
export type TrendCellData = z.infer<typeof trendCell>;
export type CountCellData = z.infer<typeof countCell>;

function list(values: readonly string[]): string {
  return values.map((value) => `\`${value}\``).join(', ');
}
