import { sql, type Kysely } from 'kysely';
import { DEFAULT_ONLINE_SOURCES, type StudySource } from '../../../domain/study-hours';
import { recordAudit, type Actor } from '../../audit/audit-log';
import type { DB } from '../../db/types';
import { versionOrConflict } from '../../db/versioned';
import { clock } from '../../clock';
import { assertOpenYear, closedYearMessage, isClosedYear } from './closed-year';

/**
 * Which study sources count as online self-study (policy §五: "每年累计线上自学应不少于 50 个学时"). A rule is kept
 * per year and applies from that year until a later year has its own; the ledger's `online` flag follows it
 * (a trigger sets it on every line written, and a saved rule recomputes the lines of the years it governs).
 */
export interface OnlineStudyRule {
  year: number;
  sources: StudySource[];
  note: string | null;
  version: number;
  updatedAt: Date;
  /** why the rule can no longer be edited (a closed year, policy 八); null while it can */
  closedReason: string | null;
}

export async function listOnlineStudyRules(db: Kysely<DB>): Promise<OnlineStudyRule[]> {
  const rows = await db.selectFrom('study_online_rules').select(['year', 'sources', 'note', 'version', 'updated_at']).orderBy('year', 'desc').execute();
  return rows.map((r) => ({
    year: r.year,
    sources: r.sources,
    note: r.note,
    version: r.version,
    updatedAt: r.updated_at,
    closedReason: isClosedYear(r.year) ? closedYearMessage(r.year) : null,
  }));
}

/** The sources that count online in `year` (the newest rule of that year or before; the policy default without one). */
export async function onlineSourcesFor(db: Kysely<DB>, year: number): Promise<{ sources: StudySource[]; ruleYear: number | null }> {
  const row = await db
    .selectFrom('study_online_rules')
    .select(['year', 'sources'])
    .where('year', '<=', year)
    .orderBy('year', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? { sources: row.sources, ruleYear: row.year } : { sources: [...DEFAULT_ONLINE_SOURCES], ruleYear: null };
}

/**
 * Saves the rule of a year (version 0: a new year's rule; a unique violation if another editor created it first is 409)
 * and recomputes the `online` flag of every ledger line it governs, in one transaction. Returns the lines changed.
 */
export async function saveOnlineStudyRule(
  db: Kysely<DB>,
  actor: Actor,
  input: { year: number; sources: StudySource[]; note: string | null; version: number },
): Promise<{ version: number; recomputed: number }> {
  // a past year's rule decided that year's 考核 (policy 八); a rule set now governs this year and later only
  assertOpenYear(input.year, '计入线上自学的来源：');
  const sources = [...new Set(input.sources)];
  return db.transaction().execute(async (trx) => {
    // Ledger writers flag their line by the rule they see when they write it. SHARE mode waits for writers already
    // in flight and holds off new ones until this transaction commits, so no line can be written under the old rule
    // after the recompute below has run (it would keep a stale flag). Saving a rule is rare and the recompute short.
    await sql`lock table study_ledger_entries in share mode`.execute(trx);
    let version: number;
    if (input.version === 0) {
      await trx.insertInto('study_online_rules').values({ year: input.year, sources, note: input.note, updated_by: actor.accountId }).execute();
      version = 1;
    } else {
      const row = await trx
        .updateTable('study_online_rules')
        .set({ sources, note: input.note, updated_by: actor.accountId, updated_at: clock.now(), version: sql<number>`version + 1` })
        .where('year', '=', input.year)
        .where('version', '=', input.version)
        .returning('version')
        .executeTakeFirst();
      version = await versionOrConflict(row, () => trx.selectFrom('study_online_rules').select('version').where('year', '=', input.year).executeTakeFirst());
    }
    const recomputed = await recomputeOnlineFlags(trx, input.year);
    await recordAudit(trx, actor, {
      action: 'study.online_rule.save',
      targetType: 'study_online_rule',
      targetId: input.year,
      details: { sources, recomputed },
    });
    return { version, recomputed };
  });
}

/** Sets `online` on the ledger lines of `fromYear` and later from the rules now stored; returns how many changed. */
export async function recomputeOnlineFlags(trx: Kysely<DB>, fromYear: number): Promise<number> {
  const result = await sql`
    update study_ledger_entries set online = study_source_online(year, source)
    where year >= ${fromYear} and online is distinct from study_source_online(year, source)`.execute(trx);
  return Number(result.numAffectedRows ?? 0);
}
