import type { Transaction } from 'kysely';
import { evaluateEligibility, POLICY_RULES, segmentOf, type EligibilityResult, type EligibilityRules } from '../../../domain/eligibility';
import type { Database } from '../../db/database';
import type { DB } from '../../db/types';
import { candidateSnapshot } from './persons';

/** The eligibility rules in force: the newest published version, or the policy's own rules (version 0) before any. */
async function rulesInForce(trx: Transaction<DB> | Database): Promise<{ version: number; rules: EligibilityRules }> {
  const row = await trx.selectFrom('eligibility_rules').select(['version', 'rules']).orderBy('version', 'desc').limit(1).executeTakeFirst();
  return row ? { version: row.version, rules: row.rules as unknown as EligibilityRules } : { version: 0, rules: POLICY_RULES };
}

/**
 * Eligibility under the rules in force, from the enterprise's own candidate data as the filing snapshots it (never
 * the shared person record, which another enterprise's typing must not move). Returns the snapshot with the result.
 */
export async function evaluateCandidate(trx: Transaction<DB> | Database, enterpriseId: number, personId: number, reportsToGeneralManager: boolean) {
  const enterprise = await trx.selectFrom('enterprises').select(['ownership', 'above_scale']).where('id', '=', enterpriseId).executeTakeFirstOrThrow();
  const snapshot = await candidateSnapshot(trx, enterpriseId, personId);
  const { version, rules } = await rulesInForce(trx);
  const result: EligibilityResult = evaluateEligibility(rules, segmentOf({ ownership: enterprise.ownership, aboveScale: enterprise.above_scale }), {
    education: snapshot.education,
    qualityYears: snapshot.qualityYears,
    position: snapshot.positionLevel,
    reportsToGeneralManager,
  });
  return { version, result, snapshot };
}
