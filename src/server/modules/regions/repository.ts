import { sql, type Kysely } from 'kysely';
import type { SessionAccount } from '../../auth/session-store';
import type { DB, OrgUnitRow } from '../../db/types';

/** Org units in the caller's subtree, in tree order. */
export function listOrgUnitsInScope(db: Kysely<DB>, scopePath: string): Promise<OrgUnitRow[]> {
  return db
    .selectFrom('org_units')
    .selectAll()
    .where(sql<boolean>`path = ${scopePath} or path like ${`${scopePath}.%`}`)
    .orderBy('depth')
    .orderBy('sort')
    .orderBy('code')
    .execute();
}

export function findOrgUnitInScope(db: Kysely<DB>, caller: Pick<SessionAccount, 'orgUnitPath'>, id: number): Promise<OrgUnitRow | undefined> {
  const p = caller.orgUnitPath;
  return db
    .selectFrom('org_units')
    .selectAll()
    .where('id', '=', id)
    .where(sql<boolean>`path = ${p} or path like ${`${p}.%`}`)
    .executeTakeFirst();
}
