import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types';
import { filingReviewUnit } from '../training-plans/delegation';

export interface Notice {
  kind: string;
  title: string;
  body: string;
  /** Where in the web app the notice leads. */
  link?: string;
}

/**
 * A way to reach an account. The in-app centre is the one built; an SMS or e-mail channel implements the
 * same interface and is added to the list (sending after commit, from a job, so a slow gateway never holds
 * a transaction).
 */
export interface NotificationChannel {
  deliver(trx: Kysely<DB>, accountIds: readonly number[], notice: Notice): Promise<void>;
}

export const inAppChannel: NotificationChannel = {
  async deliver(trx, accountIds, notice) {
    if (accountIds.length === 0) return;
    await trx
      .insertInto('notifications')
      .values(accountIds.map((account_id) => ({ account_id, kind: notice.kind, title: notice.title, body: notice.body, link: notice.link ?? null })))
      .execute();
  },
};

/** Sends a notice through every channel, inside the caller's transaction (a rolled-back change notifies no one). */
export class Notifier {
  constructor(private readonly channels: readonly NotificationChannel[] = [inAppChannel]) {}

  async notify(trx: Kysely<DB>, accountIds: readonly number[], notice: Notice): Promise<void> {
    const unique = [...new Set(accountIds)];
    for (const channel of this.channels) await channel.deliver(trx, unique, notice);
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
        and o.code = any(string_to_array((select path from org_units where id = ${orgUnitId}), '.'))`.execute(trx);
    const deepest = Math.max(-1, ...rows.rows.map((r) => r.depth));
    return rows.rows.filter((r) => r.depth === deepest).map((r) => r.id);
  }

  /** Reviewers of filings of a unit: as reviewersOf, but from the city when the unit's county is merged into it (合并至市级). */
  async filingReviewersOf(trx: Kysely<DB>, orgUnitId: number): Promise<number[]> {
    return this.reviewersOf(trx, (await filingReviewUnit(trx, orgUnitId)).id);
  }
}
