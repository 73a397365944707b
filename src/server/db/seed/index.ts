import { recordAudit } from '../../audit/audit-log';
import type { Database } from '../database';
import { POLICY_RULES } from '../../../domain/eligibility';
import { seedOrgUnits } from './org-units';

/** More data seeded in the same transaction (the demo data, src/server/demo); answers what it added, by name. */
export type SeedStep = (trx: Database) => Promise<Record<string, number>>;

/**
 * Reference data always, then `more` (the demo layer's step, when the caller gives it). Idempotent, in one
 * transaction, audited when it adds anything.
 */
export async function seed(db: Database, more?: SeedStep): Promise<{ orgUnits: number } & Record<string, number>> {
  return db.transaction().execute(async (trx) => {
    const orgUnits = await seedOrgUnits(trx);
    // the policy's eligibility conditions as rule version 1 (the province edits later versions)
    await trx
      .insertInto('eligibility_rules')
      .values({ version: 1, rules: JSON.stringify(POLICY_RULES), note: '《江苏省企业首席质量官制度》第二条' })
      .onConflict((oc) => oc.column('version').doNothing())
      .execute();
    const counts = { orgUnits, ...(more ? await more(trx) : {}) };
    if (Object.values(counts).some((n) => n > 0)) {
      await recordAudit(trx, { accountId: null, username: 'system', role: null, ip: null }, { action: 'system.seed', details: counts });
    }
    return counts;
  });
}
