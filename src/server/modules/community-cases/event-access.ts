import { sql, type Kysely, type RawBuilder } from 'kysely';
import { hasPermission, ROLE_SCOPE } from '../../../domain/permissions';
import { scopeOf } from '../../auth/scope';
import type { SessionAccount } from '../../auth/session-store';
import type { DB } from '../../db/types';
import { notFound } from '../../errors';

/**
 * Who runs and who sees a 交流活动. A bureau's event (no organisation) is run by the bureaus over its unit and seen
 * by everyone in the community. A 联盟/之家's event (`organisation_id`) is run by the organisation's admins (the
 * alliance_admin accounts a bureau bound to it) and by the bureaus over the organisation's unit, as the
 * organisation itself is (`CommunityView`), and seen by its active members and those who run it.
 */

/** A bureau that organises events of its region. */
export const managesRegion = (caller: SessionAccount): boolean => hasPermission(caller.role, 'community:manage') && ROLE_SCOPE[caller.role] === 'region';

const orgColumn = (alias: string) => sql.ref(`${alias}.organisation_id`);

/** The caller runs the event: a condition on a `community_events` alias. */
export function eventManagedBy(caller: SessionAccount, alias = 'ev'): RawBuilder<boolean> {
  const region = managesRegion(caller) ? scopeOf(caller).region(`${alias}.org_unit_id`) : sql<boolean>`false`;
  const admin = sql<boolean>`${orgColumn(alias)} in (select m.organisation_id from community_members m where m.account_id = ${caller.accountId} and m.is_admin and m.status = 'active')`;
  return sql<boolean>`(${region} or ${admin})`;
}

/** The caller may see the event: a bureau's event, or an organisation's the caller belongs to or runs. */
export function eventVisibleTo(caller: SessionAccount, alias = 'ev'): RawBuilder<boolean> {
  const member = sql<boolean>`${orgColumn(alias)} in (select m.organisation_id from community_members m where m.account_id = ${caller.accountId} and m.status = 'active')`;
  return sql<boolean>`(${orgColumn(alias)} is null or ${member} or ${eventManagedBy(caller, alias)})`;
}

/** The event the caller runs, locked for update in `trx`; 404 when there is none. */
export async function lockManagedEvent(trx: Kysely<DB>, caller: SessionAccount, id: number) {
  const row = await trx
    .selectFrom('community_events as ev')
    .selectAll('ev')
    .where('ev.id', '=', id)
    .where(eventManagedBy(caller))
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw notFound('活动');
  return row;
}
