/**
 * Working days as the State Council sets them: Monday–Friday, except the statutory holidays (法定节假日), plus the
 * weekend days made working days (调休上班). The calendar of a year is data the province keeps (`working_calendar_*`);
 * a year without one falls back to weekends only.
 */
export interface WorkingCalendar {
  /** 'YYYY-MM-DD' days off although Monday–Friday */
  holidays: ReadonlySet<string>;
  /** 'YYYY-MM-DD' working days although Saturday or Sunday */
  workdays: ReadonlySet<string>;
}

export const WEEKENDS_ONLY: WorkingCalendar = { holidays: new Set(), workdays: new Set() };

export function isWorkingDay(date: string, calendar: WorkingCalendar = WEEKENDS_ONLY): boolean {
  if (calendar.workdays.has(date)) return true;
  if (calendar.holidays.has(date)) return false;
  const dow = new Date(`${date}T00:00:00Z`).getUTCDay();
  return dow !== 0 && dow !== 6;
}

/** Adds working days to a calendar date 'YYYY-MM-DD' (the day itself not counted). */
export function addWorkingDays(date: string, days: number, calendar: WorkingCalendar = WEEKENDS_ONLY): string {
  const d = new Date(`${date}T00:00:00Z`);
  let left = days;
  while (left > 0) {
    d.setUTCDate(d.getUTCDate() + 1);
    if (isWorkingDay(d.toISOString().slice(0, 10), calendar)) left -= 1;
  }
  return d.toISOString().slice(0, 10);
}

/** Working days after `from` up to and including `to` (0 when `to` is not after `from`). */
export function workingDaysBetween(from: string, to: string, calendar: WorkingCalendar = WEEKENDS_ONLY): number {
  const d = new Date(`${from}T00:00:00Z`);
  let n = 0;
  for (;;) {
    d.setUTCDate(d.getUTCDate() + 1);
    const day = d.toISOString().slice(0, 10);
    if (day > to) return n;
    if (isWorkingDay(day, calendar)) n += 1;
  }
}

/** Today in China Standard Time, as 'YYYY-MM-DD'. */
export const todayInChina = (now = new Date()): string => new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
