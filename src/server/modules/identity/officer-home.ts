import type { Transaction } from 'kysely';
import { recordAudit, type Actor } from '../../audit/audit-log';
import { clock } from '../../clock';
import type { DB } from '../../db/types';

/**
 * Officers are homed where they work: an officer account's org unit becomes the unit of the person's active
 * filing (the enterprise's county), so the classes, courses and boards of that county are theirs. Called when a
 * filing is approved and when an account is linked to a person who already holds one. Ending a filing moves
 * nobody: the account stays where it last worked (its history stays with the filings).
 */
export async function homeOfficerAtActiveFiling(trx: Transaction<DB>, actor: Actor, personId: number): Promise<void> {
  const row = await trx
    .selectFrom('persons as p')
    .innerJoin('accounts as a', 'a.id', 'p.account_id')
    .innerJoin('filings as f', (join) => join.onRef('f.person_id', '=', 'p.id').on('f.status', '=', 'active'))
    .select(['a.id as accountId', 'a.username', 'a.org_unit_id as from', 'f.org_unit_id as to', 'f.id as filingId'])
    .where('p.id', '=', personId)
    .where('a.role', '=', 'officer')
    .orderBy('f.decided_at', 'desc')
    .executeTakeFirst();
  if (!row || row.from === row.to) return;
  await trx.updateTable('accounts').set({ org_unit_id: row.to, updated_at: clock.now() }).where('id', '=', row.accountId).execute();
  await recordAudit(trx, actor, {
    action: 'account.officer_home',
    targetType: 'account',
    targetId: row.accountId,
    details: { fromOrgUnitId: row.from, toOrgUnitId: row.to, filingId: row.filingId },
  });
}
