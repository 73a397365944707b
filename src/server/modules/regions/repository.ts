import type { Kysely } from 'kysely';
import { scopeOf, type RegionCaller } from '../../auth/scope';
import type { DB, OrgUnitRow } from '../../db/types';

/** Org units in the caller's subtree, in tree order. */
export function listOrgUnitsInScope(db: Kysely<DB>, caller: RegionCaller): Promise<OrgUnitRow[]> {
  return db.selectFrom('org_units').selectAll().where(scopeOf(caller).subtree('path')).orderBy('depth').orderBy('sort').orderBy('code').execute();
}

export function findOrgUnitInScope(db: Kysely<DB>, caller: RegionCaller, id: number): Promise<OrgUnitRow | undefined> {
  return db.selectFrom('org_units').selectAll().where('id', '=', id).where(scopeOf(caller).subtree('path')).executeTakeFirst();
}
