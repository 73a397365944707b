import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { deliverySummarySchema } from '../../../contract/notifications';
import { emailAddress, isOfficialNotice, smsNumber } from '../../../domain/notices';
import { clock } from '../../clock';
import type { DB } from '../../db/types';
import type { JobRunner } from '../../jobs/runner';

export const NOTICE_DELIVER = 'notifications.deliver';

export interface Notice {
  kind: string;
  title: string;
  body: string;
  /** Where in the web app the notice leads. */
  link?: string;
}

/** Someone a notice goes to: an account, or an enterprise or officer without one (reached at the contact on the roster or filing). */
export interface Recipient {
  accountId?: number | null;
  enterpriseId?: number | null;
  personId?: number | null;
  orgUnitId: number;
  name: string;
  phone?: string | null;
  email?: string | null;
}

/** How a notice went out (src/contract/notifications.ts; the reminder jobs' results carry it). */
export type DeliverySummary = z.infer<typeof deliverySummarySchema>;

export const emptySummary = (): DeliverySummary => ({ inApp: 0, sms: 0, email: 0, capped: 0, unreached: 0 });

export function addSummaries(a: DeliverySummary, b: DeliverySummary): DeliverySummary {
  return { inApp: a.inApp + b.inApp, sms: a.sms + b.sms, email: a.email + b.email, capped: a.capped + b.capped, unreached: a.unreached + b.unreached };
}

interface DeliverySetup {
  jobs: JobRunner;
  sms: boolean;
  email: boolean;
  dailyCap: number;
}

let setup: DeliverySetup | undefined;

/**
 * Set by app.ts from the configuration: which outside channels exist, the job runner that sends, the per-day cap.
 * Returns the previous setting, which the app gives back when it closes (tests build several apps in one process).
 */
export function configureNoticeDelivery(value: DeliverySetup | undefined): DeliverySetup | undefined {
  const previous = setup;
  setup = value;
  return previous;
}

export function outsideChannels(): { sms: boolean; email: boolean } {
  return { sms: setup?.sms ?? false, email: setup?.email ?? false };
}

/**
 * Records SMS and e-mail deliveries of an official notice inside the caller's transaction and queues one
 * `notifications.deliver` job that sends them after the commit (a rolled-back change sends nothing, a slow
 * gateway never holds the transaction). Each address is counted against the day's cap by an upsert that
 * refuses past the cap; a refused delivery is recorded as `capped`. An address is used once per notice.
 */
export async function queueOutside(trx: Kysely<DB>, recipients: readonly Recipient[], notice: Notice): Promise<DeliverySummary> {
  const summary = emptySummary();
  if (!setup || !isOfficialNotice(notice.kind)) {
    summary.unreached = recipients.filter((r) => !r.accountId).length;
    return summary;
  }
  const { jobs, dailyCap } = setup;
  const day = clock.today();
  const used = new Set<string>();
  let jobId: number | undefined;
  for (const r of recipients) {
    const targets: ['sms' | 'email', string][] = [];
    const phone = setup.sms ? smsNumber(r.phone) : null;
    const email = setup.email ? emailAddress(r.email) : null;
    if (phone) targets.push(['sms', phone]);
    if (email) targets.push(['email', email]);
    if (targets.length === 0 && !r.accountId) summary.unreached += 1;
    for (const [channel, address] of targets) {
      if (used.has(`${channel}:${address}`)) continue;
      used.add(`${channel}:${address}`);
      const counted = await trx
        .insertInto('notification_daily_counts')
        .values({ day, channel, address, sent: 1 })
        .onConflict((oc) =>
          oc
            .columns(['day', 'channel', 'address'])
            .doUpdateSet((eb) => ({ sent: eb('notification_daily_counts.sent', '+', 1) }))
            .where('notification_daily_counts.sent', '<', dailyCap),
        )
        .returning('sent')
        .executeTakeFirst();
      const capped = counted === undefined;
      if (!capped && jobId === undefined) jobId = (await jobs.enqueue(trx, { kind: NOTICE_DELIVER, maxAttempts: 4 })).id;
      await trx
        .insertInto('notification_deliveries')
        .values({
          kind: notice.kind,
          title: notice.title,
          body: notice.body,
          link: notice.link ?? null,
          official: true,
          channel,
          account_id: r.accountId ?? null,
          enterprise_id: r.enterpriseId ?? null,
          person_id: r.personId ?? null,
          org_unit_id: r.orgUnitId,
          recipient_name: r.name,
          address,
          status: capped ? 'capped' : 'pending',
          last_error: capped ? `该${channel === 'sms' ? '号码' : '邮箱'}今日已收到 ${dailyCap} 条通知（每日上限）` : null,
          job_id: capped ? null : (jobId ?? null),
          day,
        })
        .execute();
      if (capped) summary.capped += 1;
      else summary[channel] += 1;
    }
  }
  return summary;
}
