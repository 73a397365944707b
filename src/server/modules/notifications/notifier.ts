import { sql, type Kysely } from 'kysely';
import { isOfficialNotice } from '../../../domain/notices';
import { codeAtOrAbove } from '../../auth/scope';
import { clock } from '../../clock';
import type { DB } from '../../db/types';
import { filingReviewUnit } from '../regions/delegation';
import { queueOutside, type DeliverySummary, type Notice, type Recipient } from './outbox';

export type { DeliverySummary, Notice, Recipient } from './outbox';

/**
 * Sends a notice inside the caller's transaction (a rolled-back change notifies no one): to accounts in-app and,
 * for official notices, by SMS and e-mail to the account's phone and address (an officer's linked person's phone
 * when the account has none); to enterprises and officers without accounts by SMS and e-mail only
 * (`notifyContacts`). Every delivery is a `notification_deliveries` row; outside channels are sent by a job.
 */
export class Notifier {
  async notify(trx: Kysely<DB>, accountIds: readonly number[], notice: Notice): Promise<DeliverySummary> {
    const unique = [...new Set(accountIds)];
    if (unique.length === 0) return queueOutside(trx, [], notice);
    const inserted = await trx
      .insertInto('notifications')
      .values(unique.map((account_id) => ({ account_id, kind: notice.kind, title: notice.title, body: notice.body, link: notice.link ?? null })))
      .returning('account_id')
      .execute();
    const accounts = await trx
      .selectFrom('accounts as a')
      .select([
        'a.id',
        'a.display_name',
        'a.org_unit_id',
        'a.enterprise_id',
        'a.email',
        sql<string | null>`coalesce(a.phone, (select p.phone from persons p where p.account_id = a.id limit 1))`.as('phone'),
      ])
      .where('a.id', 'in', unique)
      .execute();
    const official = isOfficialNotice(notice.kind);
    await trx
      .insertInto('notification_deliveries')
      .values(
        accounts.map((a) => ({
          kind: notice.kind,
          title: notice.title,
          body: notice.body,
          link: notice.link ?? null,
          official,
          channel: 'in_app' as const,
          account_id: a.id,
          enterprise_id: a.enterprise_id,
          org_unit_id: a.org_unit_id,
          recipient_name: a.display_name,
          status: 'sent' as const,
          attempts: 1,
          day: clock.today(),
          sent_at: clock.now(),
        })),
      )
      .execute();
    const recipients: Recipient[] = accounts.map((a) => ({
      accountId: a.id,
      enterpriseId: a.enterprise_id,
      orgUnitId: a.org_unit_id,
      name: a.display_name,
      phone: a.phone,
      email: a.email,
    }));
    const summary = await queueOutside(trx, recipients, notice);
    return { ...summary, inApp: inserted.length };
  }

  /** Enterprises and officers without accounts: SMS and e-mail to the contact on the roster or the filing (official notices only). */
  async notifyContacts(trx: Kysely<DB>, contacts: readonly Recipient[], notice: Notice): Promise<DeliverySummary> {
    return queueOutside(
      trx,
      contacts.map((c) => ({ ...c, accountId: null })),
      notice,
    );
  }

  /** Active accounts of an enterprise. */
  async enterpriseAccounts(trx: Kysely<DB>, enterpriseId: number): Promise<number[]> {
    return (await trx.selectFrom('accounts').select('id').where('enterprise_id', '=', enterpriseId).where('status', '=', 'active').execute()).map((r) => r.id);
  }

  /** Active accounts of the bureau that reviews filings of a unit: the unit itself, or the nearest unit above it with reviewers. */
  async reviewersOf(trx: Kysely<DB>, orgUnitId: number): Promise<number[]> {
    const rows = await sql<{ id: number; depth: number }>`
      select a.id, o.depth from accounts a join org_units o on o.id = a.org_unit_id
      where a.status = 'active' and a.role in ('county_admin', 'city_admin')
        and ${codeAtOrAbove('o.code', orgUnitId)}`.execute(trx);
    const deepest = Math.max(-1, ...rows.rows.map((r) => r.depth));
    return rows.rows.filter((r) => r.depth === deepest).map((r) => r.id);
  }

  /** Reviewers of filings of a unit: as reviewersOf, but from the city when the unit's county is merged into it (合并至市级). */
  async filingReviewersOf(trx: Kysely<DB>, orgUnitId: number): Promise<number[]> {
    return this.reviewersOf(trx, (await filingReviewUnit(trx, orgUnitId)).id);
  }
}
