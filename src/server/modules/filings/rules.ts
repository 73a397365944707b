import type { z } from 'zod';
import { eligibilityRulesSchema } from '../../../domain/eligibility';
import { recordAudit, type Actor } from '../../audit/audit-log';
import type { SessionAccount } from '../../auth/session-store';
import type { Database } from '../../db/database';

/** Eligibility rules as versioned data: everyone signed in reads them; the province publishes new versions. */
export class EligibilityRuleService {
  constructor(private readonly db: Database) {}

  /** The version in force and the earlier ones, newest first. */
  async versions() {
    const rows = await this.db
      .selectFrom('eligibility_rules')
      .select(['version', 'rules', 'note', 'created_at as createdAt'])
      .orderBy('version', 'desc')
      .execute();
    const all = rows.map((r) => ({ ...r, rules: eligibilityRulesSchema.parse(r.rules) }));
    const [current, ...history] = all;
    if (!current) throw new Error('eligibility rules are not seeded');
    return { current, history };
  }

  /** Publishes the next version (filings submitted from now on are checked against it), audited. */
  async publish(caller: SessionAccount, actor: Actor, input: { rules: z.infer<typeof eligibilityRulesSchema>; note: string }) {
    const row = await this.db.transaction().execute(async (trx) => {
      const last = await trx
        .selectFrom('eligibility_rules')
        .select((eb) => eb.fn.max('version').as('v'))
        .executeTakeFirstOrThrow();
      const next = Number(last.v ?? 0) + 1;
      const inserted = await trx
        .insertInto('eligibility_rules')
        .values({ version: next, rules: JSON.stringify(input.rules), note: input.note, created_by: caller.accountId })
        .returning(['version', 'rules', 'note', 'created_at as createdAt'])
        .executeTakeFirstOrThrow();
      await recordAudit(trx, actor, { action: 'eligibility_rules.publish', targetType: 'eligibility_rules', targetId: next, details: { note: input.note } });
      return inserted;
    });
    return { ...row, rules: eligibilityRulesSchema.parse(row.rules) };
  }
}
