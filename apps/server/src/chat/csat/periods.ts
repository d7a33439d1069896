import type { CsatInterval } from './csat.repository.js';

/** The first day (YYYY-MM-DD, UTC) of the period holding `time`: its day, Monday, or the 1st. */
export function periodStart(time: Date, interval: CsatInterval): string {
  const day = new Date(Date.UTC(time.getUTCFullYear(), time.getUTCMonth(), time.getUTCDate()));
  if (interval === 'week') day.setUTCDate(day.getUTCDate() - ((day.getUTCDay() + 6) % 7));
  if (interval === 'month') day.setUTCDate(1);
  return day.toISOString().slice(0, 10);
}

/** The first day of the period after the one starting on `start`. */
export function nextPeriod(start: string, interval: CsatInterval): string {
  const day = new Date(`${start}T00:00:00Z`);
  if (interval === 'day') day.setUTCDate(day.getUTCDate() + 1);
  else if (interval === 'week') day.setUTCDate(day.getUTCDate() + 7);
  else day.setUTCMonth(day.getUTCMonth() + 1);
  return day.toISOString().slice(0, 10);
}

/**
 * Every period start from `first` to `last` inclusive, or undefined when there would be more
 * than `max` (the caller asks for a longer interval or a shorter range instead).
 */
export function periodsBetween(
  first: string,
  last: string,
  interval: CsatInterval,
  max: number,
): string[] | undefined {
  const periods: string[] = [];
  for (let start = first; start <= last; start = nextPeriod(start, interval)) {
    if (periods.length === max) return undefined;
    periods.push(start);
  }
  return periods;
}
