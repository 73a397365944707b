import type { Transaction } from 'kysely';
import { FILING_STATUSES } from '../../../domain/filing-input';
import { hasPermission } from '../../../domain/permissions';
import { scopeOf } from '../../auth/scope';
import type { SessionAccount } from '../../auth/session-store';
import type { DB, FilingStatus } from '../../db/types';
import { forbidden, notFound, stateError } from '../../errors';
import { clock } from '../../clock';

/** What every step of the filing workflow shares: whose filing it is, the filing locked for the step, the round's decision. */

export const statusLabel = (s: FilingStatus) => FILING_STATUSES[s];

/** The enterprise a caller files for: only a confirmed enterprise account manages filings. */
export function enterpriseOf(caller: SessionAccount): number {
  if (!hasPermission(caller.role, 'filings:manage') || !caller.enterpriseId) throw forbidden('只有已确认的企业账户可以办理聘任备案');
  return caller.enterpriseId;
}

/** Loads the caller's own filing in one of the given states, locked for the transition. */
export async function lockOwnFiling(trx: Transaction<DB>, caller: SessionAccount, id: number, states: FilingStatus[], verb: string) {
  const enterpriseId = enterpriseOf(caller);
  const filing = await trx.selectFrom('filings').selectAll().where('id', '=', id).where('enterprise_id', '=', enterpriseId).forUpdate().executeTakeFirst();
  if (!filing) throw notFound('备案');
  if (!states.includes(filing.status)) throw stateError(`当前状态为“${statusLabel(filing.status)}”，不能${verb}`);
  return filing;
}

/** A filing of an enterprise in the bureau's region, locked for a transition. */
export function lockInBureauScope(trx: Transaction<DB>, caller: SessionAccount, id: number) {
  return trx
    .selectFrom('filings as f')
    .innerJoin('enterprises as e', 'e.id', 'f.enterprise_id')
    .selectAll('f')
    .where('f.id', '=', id)
    .where(scopeOf(caller).region('e.org_unit_id'))
    .forUpdate()
    .executeTakeFirst();
}

/** Records the decision on a filing's submitted round. */
export async function decideRound(
  trx: Transaction<DB>,
  filingId: number,
  round: number,
  decision: 'approved' | 'returned' | 'rejected' | 'withdrawn',
  remarks: string | null,
  by: number,
) {
  await trx
    .updateTable('filing_rounds')
    .set({ decision, remarks, decided_by: by, decided_at: clock.now() })
    .where('filing_id', '=', filingId)
    .where('round', '=', round)
    .execute();
}
