import { sql } from 'kysely';
import type { AppContext } from '../../context';
import type { JobContext } from '../../jobs/runner';
import { Notifier } from '../notifications/notifier';
import { clock } from '../../clock';

export const FILING_OVERDUE_REMINDER = 'filings.remind-overdue';

/**
 * Once a day: every bureau with filings past their review deadline gets one notice with the count.
 * One step per bureau, checkpointed, so a restart does not notify a bureau twice.
 */
export function overdueReminderHandler(ctx: AppContext) {
  const notifier = new Notifier();
  return async (job: JobContext): Promise<unknown> => {
    const today = (job.params.date as string | undefined) ?? clock.today();
    const units = await sql<{ org_unit_id: number; n: number }>`
      select org_unit_id, count(*)::int as n from filings
      where status = 'submitted' and review_deadline < ${today}
      group by org_unit_id order by org_unit_id`.execute(ctx.db);
    const done = (job.checkpoint as { after: number } | null)?.after ?? 0;
    let notified = 0;
    for (const [i, unit] of units.rows.entries()) {
      if (unit.org_unit_id <= done) continue;
      await job.step(async (trx) => {
        const reviewers = await notifier.filingReviewersOf(trx, unit.org_unit_id);
        await notifier.notify(trx, reviewers, {
          kind: 'filing.overdue',
          title: '聘任备案逾期未审',
          body: `截至 ${today}，有 ${unit.n} 份聘任备案已超过审核期限，请尽快办理。`,
          link: '/filings?tab=overdue',
        });
        notified += reviewers.length;
        return { done: i + 1, total: units.rows.length, checkpoint: { after: unit.org_unit_id } };
      });
    }
    return { date: today, bureaus: units.rows.length, notified };
  };
}

/**
 * Queues today's reminder once, whatever the number of nodes calling at the same moment (at start and
 * hourly): the singleton key `filings.remind-overdue:<date>` is unique in the database.
 */
export async function scheduleOverdueReminder(ctx: AppContext): Promise<boolean> {
  const today = clock.today();
  const job = await ctx.jobs.enqueueOnce(ctx.db, {
    kind: FILING_OVERDUE_REMINDER,
    params: { date: today },
    maxAttempts: 3,
    singletonKey: `${FILING_OVERDUE_REMINDER}:${today}`,
  });
  return job !== undefined;
}
