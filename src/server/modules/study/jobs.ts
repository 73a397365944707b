import { minutesToStudyHours, annualTargetHours } from '../../../domain/study-hours';
import { remindersDue } from '../../../domain/study-time';
import { recordAudit, type Actor } from '../../audit/audit-log';
import type { AppContext } from '../../context';
import { jobCaller, type JobCaller } from '../../jobs/job-caller';
import type { JobContext } from '../../jobs/runner';
import { Notifier } from '../notifications/notifier';
import { officerAccountsBelow, officersInScope } from './account';
import { clock } from '../../clock';

export const STUDY_REMIND_BEHIND = 'study.remind-behind';
export const STUDY_REMINDERS = 'study.reminders';

const CHUNK = 500;

/** Where a reminder run stands: the highest account id notified so far, and what else the run keeps (its owner). */
type ReminderCheckpoint = { after?: number; owner?: JobCaller };

/**
 * Notifies accounts in checkpointed chunks in the order of their ids, so a restart never notifies anyone twice nor
 * skips anyone, even when the list found again on resuming differs (an officer who caught up meanwhile): it goes on
 * after the last id notified, not at a position in the list. `keep` goes into every checkpoint.
 */
async function notifyInChunks(
  job: JobContext,
  accountIds: readonly number[],
  notice: { kind: string; title: string; body: string; link: string },
  keep: ReminderCheckpoint = {},
  onLast?: Parameters<JobContext['step']>[0],
): Promise<void> {
  const notifier = new Notifier();
  const ids = [...new Set(accountIds)].sort((a, b) => a - b);
  const after = (job.checkpoint as ReminderCheckpoint | null)?.after ?? 0;
  let from = ids.findIndex((id) => id > after);
  if (from === -1) from = ids.length;
  if (ids.length === 0 && onLast) {
    await job.step(onLast);
    return;
  }
  while (from < ids.length) {
    const chunk = ids.slice(from, from + CHUNK);
    const next = from + chunk.length;
    await job.step(async (trx) => {
      await notifier.notify(trx, chunk, notice);
      if (next >= ids.length && onLast) await onLast(trx);
      return { done: next, total: ids.length, checkpoint: { ...keep, after: chunk[chunk.length - 1] ?? after } };
    });
    from = next;
  }
}

/**
 * "Remind all behind": every officer in the bureau's scope who is behind pace for the year gets a notice: through
 * the account's channels, or (an officer without an account) by SMS at the phone on the filing's candidate record
 * or the person's own. The scope is the one of the account that queued the job (its owner) as the job first runs,
 * kept in the checkpoint, so a resumed run finishes the list it started.
 */
export function remindBehindHandler(ctx: AppContext) {
  return async (job: JobContext): Promise<unknown> => {
    const p = job.params as { year: number; date: string; actor: Actor };
    // the owner may still remind (checked on every run); a resumed run keeps the scope it started in
    const current = await jobCaller(ctx.db, job.job.owner_account_id, 'study:manage');
    const caller = (job.checkpoint as ReminderCheckpoint | null)?.owner ?? current;
    const settings = await ctx.settings.studySettings();
    const rows = await officersInScope(ctx.db, caller, p.year, settings, p.date);
    const behind = rows.filter((r) => r.pace === 'behind' && r.accountId !== null);
    const withoutAccount = rows.filter((r) => r.pace === 'behind' && r.accountId === null);
    const target = annualTargetHours(settings, p.year);
    const accountIds = behind.map((r) => r.accountId as number);
    const notice = {
      kind: 'study.behind',
      title: `${p.year} 年度线上自学进度落后`,
      body: `您 ${p.year} 年度的线上自学学时进度落后于全年 ${target} 学时的目标进度（按规定每年累计线上自学不少于 ${target} 学时），请及时参加在线自学。`,
      link: '/study/account',
    };
    let contacted = 0;
    await notifyInChunks(job, accountIds, notice, { owner: caller }, async (trx) => {
      if (withoutAccount.length > 0) {
        const phones = await trx
          .selectFrom('persons as pe')
          .leftJoin('candidates as c', 'c.person_id', 'pe.id')
          .select(['pe.id', 'c.enterprise_id', 'c.phone as candidate_phone', 'pe.phone'])
          .where(
            'pe.id',
            'in',
            withoutAccount.map((r) => r.personId),
          )
          .execute();
        const phoneOf = (personId: number, enterpriseId: number) =>
          phones.find((x) => x.id === personId && x.enterprise_id === enterpriseId)?.candidate_phone ?? phones.find((x) => x.id === personId)?.phone ?? null;
        const summary = await new Notifier().notifyContacts(
          trx,
          withoutAccount.map((r) => ({
            personId: r.personId,
            enterpriseId: r.enterpriseId,
            orgUnitId: r.orgUnitId,
            name: r.name,
            phone: phoneOf(r.personId, r.enterpriseId),
          })),
          notice,
        );
        contacted = summary.sms + summary.email;
      }
      await recordAudit(trx, p.actor, {
        action: 'study.remind_behind',
        targetType: 'study_year',
        targetId: p.year,
        details: { reminded: accountIds.length, withoutAccount: withoutAccount.length, contacted },
      });
      return { done: accountIds.length, total: accountIds.length, checkpoint: { owner: caller } };
    });
    return { year: p.year, reminded: accountIds.length, withoutAccount: withoutAccount.length, contacted };
  };
}

/** The reminders set in the study settings (e.g. 30 June under 20 学时): run daily, acting on the dates due. */
export function studyRemindersHandler(ctx: AppContext) {
  return async (job: JobContext): Promise<unknown> => {
    const date = (job.params.date as string | undefined) ?? clock.today();
    const settings = await ctx.settings.studySettings();
    const due = remindersDue(settings.reminders, date, settings.minutesPerHour);
    const rule = due.sort((a, b) => b.belowMinutes - a.belowMinutes)[0];
    if (!rule) return { date, reminded: 0 };
    const year = Number(date.slice(0, 4));
    const accountIds = await officerAccountsBelow(ctx.db, year, rule.belowMinutes);
    await notifyInChunks(job, accountIds, {
      kind: 'study.reminder',
      title: '年度学时提醒',
      body: `截至 ${date}，您 ${year} 年度的线上自学学时不足 ${rule.belowHours} 学时（全年线上自学目标 ${annualTargetHours(settings, year)} 学时，1 学时 = ${settings.minutesPerHour} 分钟）。请及时参加在线自学。`,
      link: '/study/account',
    });
    return {
      date,
      belowHours: rule.belowHours,
      reminded: accountIds.length,
      belowMinutesShownAs: minutesToStudyHours(rule.belowMinutes, settings.minutesPerHour),
    };
  };
}

/** Queues today's reminder run once across all nodes (singleton key `study.reminders:<date>`; called at start and hourly). */
export async function scheduleStudyReminders(ctx: AppContext): Promise<boolean> {
  const today = clock.today();
  const job = await ctx.jobs.enqueueOnce(ctx.db, {
    kind: STUDY_REMINDERS,
    params: { date: today },
    maxAttempts: 3,
    singletonKey: `${STUDY_REMINDERS}:${today}`,
  });
  return job !== undefined;
}
