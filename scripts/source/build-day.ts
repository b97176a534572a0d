/**
 * The moment a build is made, for a paper whose front matter says `date: today`:
 * `SOURCE_DATE_EPOCH` when it is set (reproducible-builds.org), so a reproducible build shows the
 * same day wherever and whenever it runs; else the clock. Nothing else in a build reads the clock.
 */
export function buildDay(env: NodeJS.ProcessEnv = process.env): Date {
  const epoch = env.SOURCE_DATE_EPOCH;
  return epoch && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : new Date();
}
