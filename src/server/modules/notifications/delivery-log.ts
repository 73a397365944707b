import { maskAddress } from '../../../domain/notices';
import { scopeOf } from '../../auth/scope';
import type { SessionAccount } from '../../auth/session-store';
import type { Database } from '../../db/database';

export interface DeliveryFilters {
  page: number;
  pageSize: number;
  channel?: 'in_app' | 'sms' | 'email';
  status?: 'pending' | 'sent' | 'failed' | 'capped';
  q?: string;
}

/** What was sent: bureaus audit every delivery in their region; everyone sees what was sent to them. */
export class DeliveryLog {
  constructor(private readonly db: Database) {}

  /** Official notices in the caller's region: community notices (mentions, moderation) carry members-only board content. */
  inRegion(caller: SessionAccount, query: DeliveryFilters) {
    return this.list((q) => q.where(scopeOf(caller).region('d.org_unit_id')).where('d.official', '=', true), query);
  }

  /** What was sent to the caller, on every channel. */
  mine(caller: SessionAccount, query: DeliveryFilters) {
    // an enterprise account also sees what reached its enterprise itself before it had an account (roster
    // contact), never what went to its other accounts or to its officers in person
    const enterpriseId = caller.role === 'enterprise' ? caller.enterpriseId : null;
    return this.list(
      (q) =>
        q.where((eb) =>
          enterpriseId
            ? eb.or([
                eb('d.account_id', '=', caller.accountId),
                eb.and([eb('d.enterprise_id', '=', enterpriseId), eb('d.account_id', 'is', null), eb('d.person_id', 'is', null)]),
              ])
            : eb('d.account_id', '=', caller.accountId),
        ),
      query,
    );
  }

  private base() {
    return this.db.selectFrom('notification_deliveries as d').innerJoin('org_units as o', 'o.id', 'd.org_unit_id');
  }

  private async list(where: (q: ReturnType<DeliveryLog['base']>) => ReturnType<DeliveryLog['base']>, query: DeliveryFilters) {
    let q = where(this.base());
    if (query.channel) q = q.where('d.channel', '=', query.channel);
    if (query.status) q = q.where('d.status', '=', query.status);
    if (query.q)
      q = q.where((eb) =>
        eb.or([
          eb('d.recipient_name', 'ilike', `%${query.q?.replace(/[\\%_]/g, (c) => `\\${c}`) ?? ''}%`),
          eb('d.title', 'ilike', `%${query.q?.replace(/[\\%_]/g, (c) => `\\${c}`) ?? ''}%`),
        ]),
      );
    const [{ total }, rows] = await Promise.all([
      q.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
      q
        .select([
          'd.id',
          'd.kind',
          'd.title',
          'd.body',
          'd.channel',
          'd.recipient_name',
          'o.name as org_unit_name',
          'd.address',
          'd.status',
          'd.attempts',
          'd.last_error',
          'd.created_at',
          'd.sent_at',
        ])
        .orderBy('d.id', 'desc')
        .limit(query.pageSize)
        .offset((query.page - 1) * query.pageSize)
        .execute(),
    ]);
    return {
      items: rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        title: r.title,
        body: r.body,
        channel: r.channel,
        recipientName: r.recipient_name,
        orgUnitName: r.org_unit_name,
        address: maskAddress(r.channel, r.address),
        status: r.status,
        attempts: r.attempts,
        lastError: r.last_error,
        createdAt: r.created_at,
        sentAt: r.sent_at,
      })),
      total: Number(total),
      page: query.page,
      pageSize: query.pageSize,
    };
  }
}
