/** How much of a value a message quotes. */
export const excerptLength = 40;

/**
 * A value as a message quotes it: at most `excerptLength` characters, the rest cut to `…`. A
 * message names the place of a value, so a few words of it are enough to recognise it; quoting
 * more would repeat whatever a file holds (a data file that is really `/etc/shadow`, a data URL
 * of megabytes) on the terminal, in JSON reports and on the watch page.
 */
export function excerpt(value: string, length = excerptLength): string {
  return value.length > length ? `${value.slice(0, length - 1)}…` : value;
}
