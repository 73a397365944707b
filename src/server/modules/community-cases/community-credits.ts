import type { CommunityCreditRule } from '../../../domain/community-cases';
import { recordAudit, type Actor } from '../../audit/audit-log';
import type { SessionAccount } from '../../auth/session-store';
import { clock } from '../../clock';
import type { Database } from '../../db/database';
import { settingVersion, writeSetting } from '../settings/repository';
import { COMMUNITY_CREDIT_SETTING, communityCreditRule } from '../community/credit-rule';
import { officerContext } from './officer-context';
import { findPersonOfAccount } from '../../persons/repository';

/** The province's rule for study hours from the exchange platform, and the officer's own community lines. */
export class CommunityCredits {
  constructor(private readonly db: Database) {}

  /** The rule in force with its version (for the optimistic update). */
  async rule() {
    return { ...(await communityCreditRule(this.db)), version: await settingVersion(this.db, COMMUNITY_CREDIT_SETTING) };
  }

  async updateRule(caller: SessionAccount, actor: Actor, rule: CommunityCreditRule, version: number) {
    await this.db.transaction().execute(async (trx) => {
      await writeSetting(trx, COMMUNITY_CREDIT_SETTING, rule, caller.accountId, version);
      await recordAudit(trx, actor, {
        action: 'community.credit_rule.update',
        targetType: 'setting',
        targetId: COMMUNITY_CREDIT_SETTING,
        details: { ...rule },
      });
    });
    return this.rule();
  }

  /** The caller's 交流分享 lines of the year's study account (this year in China when none is given). */
  async mine(caller: SessionAccount, year = Number(new Date(clock.nowMs() + 8 * 3600_000).toISOString().slice(0, 4))) {
    const rule = await communityCreditRule(this.db);
    const person = await findPersonOfAccount(this.db, caller.accountId);
    const lines = person
      ? await this.db
          .selectFrom('study_ledger_entries')
          .select(['source_ref as sourceRef', 'title', 'minutes', 'status', 'status_reason as statusReason', 'occurred_on as occurredOn'])
          .where('person_id', '=', person.id)
          .where('year', '=', year)
          .where('source', '=', 'community')
          .orderBy('occurred_on', 'desc')
          .orderBy('id', 'desc')
          .execute()
      : [];
    const totalMinutes = lines.filter((l) => l.status === 'credited').reduce((n, l) => n + l.minutes, 0);
    return { year, totalMinutes, capMinutes: rule.yearlyCapMinutes, lines };
  }

  /** The name and enterprise the caller is shown under on the platform. */
  async profile(caller: SessionAccount) {
    const officer = await officerContext(this.db, caller);
    return { name: officer?.name ?? null, enterpriseName: officer?.enterpriseName ?? null };
  }
}
