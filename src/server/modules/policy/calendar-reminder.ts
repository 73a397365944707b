import type { AppContext } from '../../context';
import type { JobContext } from '../../jobs/runner';
import { Notifier } from '../notifications/notifier';
import { clock } from '../../clock';

export const CALENDAR_REMINDER = 'policy.calendar-reminder';

/** From this month on, next year's calendar is expected (the State Council's notice usually comes in Oct–Nov). */
export const CALENDAR_REMINDER_FROM_MONTH = 10;

/** The year whose working calendar is missing and due today: this year at any time, next year from October. */
export async function missingCalendarYear(ctx: Pick<AppContext, 'db'>, today = clock.today()): Promise<number | null> {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const wanted = month >= CALENDAR_REMINDER_FROM_MONTH ? [year, year + 1] : [year];
  const present = new Set((await ctx.db.selectFrom('working_calendar_years').select('year').where('year', 'in', wanted).execute()).map((r) => r.year));
  return wanted.find((y) => !present.has(y)) ?? null;
}

/** Tells the province's administrators (who maintain the calendar) that a year's calendar is missing. */
export function calendarReminderHandler(ctx: AppContext) {
  const notifier = new Notifier();
  return async (job: JobContext): Promise<unknown> => {
    const year = (job.params.year as number | undefined) ?? null;
    if (year === null) return { notified: 0 };
    // saved meanwhile: nothing to say
    const saved = await ctx.db.selectFrom('working_calendar_years').select('year').where('year', '=', year).executeTakeFirst();
    if (saved) return { year, notified: 0, reason: 'saved' };
    let notified = 0;
    await job.step(async (trx) => {
      const province = await trx
        .selectFrom('accounts as a')
        .innerJoin('org_units as o', 'o.id', 'a.org_unit_id')
        .select('a.id')
        .where('a.role', '=', 'province_admin')
        .where('o.depth', '=', 0)
        .where('a.status', '=', 'active')
        .execute();
      const ids = province.map((a) => a.id);
      await notifier.notify(trx, ids, {
        kind: 'policy.calendar-missing',
        title: `${String(year)} 年工作日历尚未维护`,
        body: `系统中还没有 ${String(year)} 年的法定节假日和调休上班日。审核期限等工作日计算将只按周末计算，请依据国务院办公厅的节假日安排通知维护。`,
        link: '/policy/rules',
      });
      notified = ids.length;
      return { done: 1, total: 1, checkpoint: null };
    });
    return { year, notified };
  };
}

/**
 * Checked daily with the other duties; queues at most one reminder per missing year and month
 * (`policy.calendar-reminder:<year>:<YYYY-MM>` is unique in the database, whatever the number of nodes).
 */
export async function scheduleCalendarReminder(ctx: AppContext): Promise<boolean> {
  const today = clock.today();
  const year = await missingCalendarYear(ctx, today);
  if (year === null) return false;
  const job = await ctx.jobs.enqueueOnce(ctx.db, {
    kind: CALENDAR_REMINDER,
    params: { year },
    maxAttempts: 3,
    singletonKey: `${CALENDAR_REMINDER}:${String(year)}:${today.slice(0, 7)}`,
  });
  return job !== undefined;
}
