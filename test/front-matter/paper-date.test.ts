import { describe, expect, it } from 'vitest';
import { sourceDate } from '../../scripts/manifest/source-date.js';
import { formatDate, paperDate } from '../../scripts/front-matter/paper-date.js';
import { readFrontMatter } from '../../scripts/front-matter/read-front-matter.js';
import { createFragmentParser } from '../../scripts/markdown/fragments.js';
import { createMarkdownParser } from '../../scripts/pipeline/parse.js';
import { buildDay } from '../../scripts/source/build-day.js';
import { parse } from '../helpers/parse.js';

const day = new Date(Date.UTC(2021, 0, 29));
const never = () => {
  throw new Error('the clock was read for a paper that did not ask for today');
};

describe('the date, as Quarto reads `date` and `date-format`', () => {
  it("shows a date it can read in `date-format`, by default `long` in the paper's language", () => {
    expect(paperDate('2021-01-29', undefined, undefined, never)).toEqual({ shown: 'January 29, 2021', written: '2021-01-29' });
    expect(paperDate('2021-01-29', undefined, 'de-DE', never)?.shown).toBe('29. Januar 2021');
    expect(paperDate(day, 'iso', undefined, never)?.shown).toBe('2021-01-29');
  });

  it('shows any other text as written (JOSS papers write `29 January 2021`)', () => {
    expect(paperDate('29 January 2021', 'iso', undefined, never)).toEqual({ shown: '29 January 2021', written: '29 January 2021' });
    expect(paperDate('2021-02-30', undefined, undefined, never)?.shown).toBe('2021-02-30');
  });

  it("reads Quarto's named formats and tokens, `[text]` kept as written", () => {
    expect(['full', 'long', 'medium', 'short'].map((format) => formatDate(day, format, 'en-US'))).toEqual(['Friday, January 29, 2021', 'January 29, 2021', 'Jan 29, 2021', '1/29/21']);
    expect(formatDate(day, 'dddd D MMMM YYYY', 'en')).toBe('Friday 29 January 2021');
    expect(formatDate(day, 'DD/MM/YY', 'en')).toBe('29/01/21');
    expect(formatDate(day, 'MMM D, YYYY [at the workshop]', 'fr')).toBe('janv. 29, 2021 at the workshop');
    // A language Intl does not know falls back to English, not to a crash.
    expect(formatDate(day, 'MMMM', 'not a tag!')).toBe('January');
  });

  it('`today` is the day of the build (SOURCE_DATE_EPOCH when set), and does not date the PDF: the sources do', async () => {
    expect(buildDay({ SOURCE_DATE_EPOCH: '1611878400' }).toISOString()).toBe('2021-01-29T00:00:00.000Z');
    const { tree, file } = parse('---\ntitle: T\ndate: today\ndate-format: D MMMM YYYY\n---\n\nText.\n');
    const meta = readFrontMatter(tree, file, createFragmentParser(createMarkdownParser(), []), { today: () => new Date('2026-12-02T17:30:00Z') });
    expect(meta.shownDate).toBe('2 December 2026');
    expect(meta.date).toBeUndefined();
    // The PDF's dates: SOURCE_DATE_EPOCH, else the history of the sources, never the clock.
    expect((await sourceDate(meta, '/nonexistent', [], { SOURCE_DATE_EPOCH: '1296000000' })).source).toBe('SOURCE_DATE_EPOCH');
    expect((await sourceDate(meta, '/nonexistent', [], {})).source).toBe('file-times');
  });

  it('a written date dates the PDF, as before', async () => {
    const { tree, file } = parse('---\ntitle: T\ndate: 2021-01-29\n---\n');
    const meta = readFrontMatter(tree, file, createFragmentParser(createMarkdownParser(), []), { today: never });
    expect(meta.shownDate).toBe('January 29, 2021');
    expect((await sourceDate(meta, '/nonexistent', [], {})).date.toISOString()).toBe('2021-01-29T00:00:00.000Z');
  });
});
