import type { Kysely, Transaction } from 'kysely';
import { hasPermission } from '../../../domain/permissions';
import type { SessionAccount } from '../../auth/session-store';
import type { DB } from '../../db/types';
import { forbidden } from '../../errors';
import { mayReviewFilingsOf } from '../regions/delegation';

/**
 * May the caller take the bureau's decisions on filings of a unit (approve, return, reject, end)? A reviewing
 * bureau, unless the unit's county is merged into its city (合并至市级): then the county reads them and the city
 * decides. Scope (404) and state (409) are checked by each transition; this is the rest, for routes and the UI alike.
 */
export async function mayDecideFilingsOf(db: Kysely<DB>, caller: Pick<SessionAccount, 'role' | 'orgUnitPath'>, orgUnitId: number): Promise<boolean> {
  return hasPermission(caller.role, 'filings:review') && (await mayReviewFilingsOf(db, caller.orgUnitPath, orgUnitId));
}

/** A county merged into its city reads its filings but the city decides them (403 with the reason). */
export async function assertReviewer(trx: Transaction<DB>, caller: SessionAccount, orgUnitId: number): Promise<void> {
  if (!(await mayDecideFilingsOf(trx, caller, orgUnitId))) throw forbidden('该县（市、区）已合并至设区市，聘任备案由市局审核');
}
