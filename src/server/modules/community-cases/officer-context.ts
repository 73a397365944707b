import type { Kysely } from 'kysely';
import type { SessionAccount } from '../../auth/session-store';
import type { DB } from '../../db/types';
import { findPersonOfAccount } from '../../persons/repository';

/** The officer behind a session: their person, and the enterprise and bureau of their active filing. */
export interface OfficerContext {
  personId: number;
  name: string;
  enterpriseId: number | null;
  enterpriseName: string | null;
  /** the bureau responsible for the active filing, else the account's own unit */
  orgUnitId: number;
}

export async function officerContext(db: Kysely<DB>, account: Pick<SessionAccount, 'accountId' | 'orgUnitId'>): Promise<OfficerContext | null> {
  const person = await findPersonOfAccount(db, account.accountId);
  if (!person) return null;
  const filing = await db
    .selectFrom('filings as f')
    .innerJoin('enterprises as e', 'e.id', 'f.enterprise_id')
    .select(['f.enterprise_id', 'e.name', 'f.org_unit_id'])
    .where('f.person_id', '=', person.id)
    .where('f.status', '=', 'active')
    .orderBy('f.id', 'desc')
    .executeTakeFirst();
  return {
    personId: person.id,
    name: person.name,
    enterpriseId: filing?.enterprise_id ?? null,
    enterpriseName: filing?.name ?? null,
    orgUnitId: filing?.org_unit_id ?? account.orgUnitId,
  };
}
