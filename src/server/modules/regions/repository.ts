import type { Kysely } from 'kysely';
import { pathWithin } from '../../auth/scope';
import type { SessionAccount } from '../../auth/session-store';
import type { DB, OrgUnitRow } from '../../db/types';

/** Org units in the caller's subtree, in tree order. */
export function listOrgUnitsInScope(db: Kysely<DB>, scopePath: string): Promise<OrgUnitRow[]> {
  return db
    .selectFrom('org_units')
    .selectAll()
    .where(pathWithin('path', scopePath))
    .orderBy('depth')
    .orderBy('sort')
    .orderBy('code')
    .execute();
}

export function findOrgUnitInScope(db: Kysely<DB>, caller: Pick<SessionAccount, 'orgUnitPath'>, id: number): Promise<OrgUnitRow | undefined> {
  return db
    .selectFrom('org_units')
    .selectAll()
    .where('id', '=', id)
    .where(pathWithin('path', caller.orgUnitPath))
    .executeTakeFirst();
}
