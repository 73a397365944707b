import { clock } from '../clock';

/**
 * Dates for tests, relative to the installed clock, so no test depends on the real calendar
 * (CI also runs the suite with CQO_CLOCK_SHIFT_DAYS two years ahead).
 */

const DAY_MS = 86_400_000;

/** This year in China by the clock. */
export const thisYear = (): number => clock.year();

/** `YYYY-MM-DD` in China, `days` from today by the clock (negative for the past). */
export function dayFromToday(days: number): string {
  return new Date(clock.nowMs() + 8 * 3600_000 + days * DAY_MS).toISOString().slice(0, 10);
}

/** `YYYY-MM-DD` of a day of this year (or of `year`), month 1–12. */
export function dayOfYear(month: number, day: number, year = thisYear()): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** A moment `ms` from now by the clock. */
export const momentFromNow = (ms: number): Date => new Date(clock.nowMs() + ms);
