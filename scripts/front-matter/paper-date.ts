/**
 * The paper's date as the title block shows it, as Quarto reads `date:` and `date-format:`.
 *
 * - `date: today` (or `now`) is the day of the build: the `today` given by the caller, which is
 *   `SOURCE_DATE_EPOCH`'s day when that is set, so a reproducible build stays reproducible.
 * - A date that can be read (`2021-01-29`, a YAML date, `today`) is shown in `date-format`, by
 *   default `long` ("January 29, 2021" in English, "29. Januar 2021" in German).
 * - Any other text ("29 January 2021", "Spring 2015") is shown as written, as both tools do.
 *
 * `date-format` is Quarto's: a named format (`full`, `long`, `medium`, `short`, `iso`), or a
 * pattern of the tokens `YYYY` `YY` `MMMM` `MMM` `MM` `M` `DD` `D` `dddd` `ddd` with `[text]` kept
 * as written. Names of months and days are the paper's `lang`'s (Intl, in UTC); other characters
 * stand for themselves.
 */
export interface PaperDate {
  /** The text the title block shows. */
  shown: string;
  /**
   * The date the PDF is stamped with, as written (`2021-01-29`, `29 January 2021`); undefined for
   * `today`, whose PDF dates come from the sources as for a paper without a date, not the clock.
   */
  written: string | undefined;
}

const namedStyles = { full: 'full', long: 'long', medium: 'medium', short: 'short' } as const;

export function paperDate(value: string | Date | undefined, format: string | undefined, lang: string | undefined, today: () => Date): PaperDate | undefined {
  if (value === undefined) return undefined;
  const written = value instanceof Date ? value.toISOString().slice(0, 10) : value.trim();
  const isToday = /^(today|now)$/i.test(written);
  const day = isToday ? startOfDay(today()) : readDay(written);
  if (!day) return { shown: written, written };
  return { shown: formatDate(day, format ?? 'long', lang ?? 'en-US'), written: isToday ? undefined : written };
}

/** `YYYY-MM-DD` as that day in UTC; anything else is not read. */
function readDay(text: string): Date | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return undefined;
  const day = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return day.getUTCMonth() === Number(match[2]) - 1 ? day : undefined;
}

function startOfDay(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

export function formatDate(day: Date, format: string, lang: string): string {
  const locale = safeLocale(lang);
  const named = namedStyles[format as keyof typeof namedStyles];
  if (named) return new Intl.DateTimeFormat(locale, { dateStyle: named, timeZone: 'UTC' }).format(day);
  if (format === 'iso') return day.toISOString().slice(0, 10);
  const part = (options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' }).format(day);
  const pad = (value: number) => String(value).padStart(2, '0');
  const tokens: Record<string, () => string> = {
    YYYY: () => String(day.getUTCFullYear()),
    YY: () => pad(day.getUTCFullYear() % 100),
    MMMM: () => part({ month: 'long' }),
    MMM: () => part({ month: 'short' }),
    MM: () => pad(day.getUTCMonth() + 1),
    M: () => String(day.getUTCMonth() + 1),
    DD: () => pad(day.getUTCDate()),
    D: () => String(day.getUTCDate()),
    dddd: () => part({ weekday: 'long' }),
    ddd: () => part({ weekday: 'short' }),
  };
  return format.replace(/\[([^\]]*)\]|YYYY|YY|MMMM|MMM|MM|M|DD|D|dddd|ddd/g, (token, literal: string | undefined) => literal ?? tokens[token]?.() ?? token);
}

/** The paper's language as Intl takes it; a tag Intl does not accept falls back to English. */
function safeLocale(lang: string): string {
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([lang]).length > 0 ? lang : 'en-US';
  } catch {
    return 'en-US';
  }
}
