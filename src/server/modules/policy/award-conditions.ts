import { sql, type Kysely } from 'kysely';
import { AWARD_LEVELS, DEFAULT_AWARD_CONDITIONS, type AwardConditionSpec, type AwardLevel } from '../../../domain/award-eligibility';
import { recordAudit, type Actor } from '../../audit/audit-log';
import type { DB } from '../../db/types';

/**
 * Quality-award conditions per award level, versioned (policy §八). A version is never edited: the province adopts a
 * new one, which applies to checks from its adoption day, so a past check can be reproduced with the version of its day.
 */
export interface AwardScheme {
  level: AwardLevel;
  levelLabel: string;
  version: number;
  adoptedOn: string;
  note: string | null;
  conditions: AwardConditionSpec[];
}

async function conditionsOf(db: Kysely<DB>, schemeIds: number[]) {
  if (schemeIds.length === 0) return new Map<number, AwardConditionSpec[]>();
  const rows = await db
    .selectFrom('award_conditions')
    .select(['scheme_id', 'kind', 'params'])
    .where('scheme_id', 'in', schemeIds)
    .orderBy('scheme_id')
    .orderBy('position')
    .execute();
  const map = new Map<number, AwardConditionSpec[]>();
  for (const r of rows) map.set(r.scheme_id, [...(map.get(r.scheme_id) ?? []), { kind: r.kind, params: r.params as AwardConditionSpec['params'] }]);
  return map;
}

/** The scheme a check on `date` uses: the newest version adopted on or before that day (the policy default without one). */
export async function schemeInForce(db: Kysely<DB>, level: AwardLevel, date: string): Promise<AwardScheme> {
  const row = await db
    .selectFrom('award_condition_schemes')
    .select(['id', 'version', 'adopted_on', 'note'])
    .where('award_level', '=', level)
    .where('adopted_on', '<=', date)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) return { level, levelLabel: AWARD_LEVELS[level], version: 0, adoptedOn: date, note: '政策默认条件', conditions: DEFAULT_AWARD_CONDITIONS };
  const conditions = (await conditionsOf(db, [row.id])).get(row.id) ?? [];
  return { level, levelLabel: AWARD_LEVELS[level], version: row.version, adoptedOn: row.adopted_on, note: row.note, conditions };
}

export async function listSchemes(db: Kysely<DB>): Promise<AwardScheme[]> {
  const rows = await db
    .selectFrom('award_condition_schemes')
    .select(['id', 'award_level', 'version', 'adopted_on', 'note'])
    .orderBy(sql`array_position(array['province', 'city', 'county']::text[], award_level::text)`)
    .orderBy('version', 'desc')
    .execute();
  const conditions = await conditionsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    level: r.award_level,
    levelLabel: AWARD_LEVELS[r.award_level],
    version: r.version,
    adoptedOn: r.adopted_on,
    note: r.note,
    conditions: conditions.get(r.id) ?? [],
  }));
}

/**
 * Adopts a new version for a level, applying from `adoptedOn`. The version number is the next one; two provinces
 * adopting at once collide on `unique (award_level, version)` and the second gets 409.
 */
export async function adoptScheme(
  db: Kysely<DB>,
  actor: Actor,
  level: AwardLevel,
  input: { conditions: AwardConditionSpec[]; note: string | null; adoptedOn: string },
) {
  return db.transaction().execute(async (trx) => {
    const head = await trx
      .insertInto('award_condition_schemes')
      .values({
        award_level: level,
        version: sql<number>`(select coalesce(max(version), 0) + 1 from award_condition_schemes where award_level = ${level})`,
        adopted_on: input.adoptedOn,
        note: input.note,
        created_by: actor.accountId,
      })
      .returning(['id', 'version'])
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('award_conditions')
      .values(input.conditions.map((c, i) => ({ scheme_id: head.id, position: i + 1, kind: c.kind, params: JSON.stringify(c.params) })))
      .execute();
    await recordAudit(trx, actor, {
      action: 'award.scheme.adopt',
      targetType: 'award_condition_scheme',
      targetId: head.id,
      details: { level, version: head.version, conditions: input.conditions.map((c) => c.kind) },
    });
    return { level, version: head.version, adoptedOn: input.adoptedOn };
  });
}
