import { sql } from 'kysely';
import { recordAudit, type Actor } from '../../audit/audit-log';
import type { SessionAccount } from '../../auth/session-store';
import { clock } from '../../clock';
import type { Database } from '../../db/database';
import { forbidden, notFound } from '../../errors';
import { scopeOf } from '../../auth/scope';
import { assertCan, instructorScope } from './access';
import type { Db } from './records';

/** The instructor pool (讲师库) of the city and provincial bureaus, with the learners' ratings. */
export class TrainingInstructors {
  constructor(private readonly db: Database) {}

  async list(caller: SessionAccount) {
    assertCan(caller, 'read');
    const rows = await this.db
      .selectFrom('training_instructors as i')
      .innerJoin('org_units as o', 'o.id', 'i.org_unit_id')
      .selectAll('i')
      .select('o.name as orgUnitName')
      .where(instructorScope(caller))
      .orderBy('i.org_unit_id')
      .orderBy('i.name')
      .execute();
    const ratings = await this.ratings(rows.map((r) => r.id));
    return rows.map((r) => ({
      id: r.id,
      orgUnitId: r.org_unit_id,
      orgUnitName: r.orgUnitName,
      name: r.name,
      organisation: r.organisation,
      title: r.title,
      topics: r.topics,
      active: r.active,
      rating: ratings.get(r.id)?.mean ?? null,
      ratingCount: ratings.get(r.id)?.count ?? 0,
    }));
  }

  /** Mean rating (1–5) of each instructor over every survey answer that rated them. */
  async ratings(ids: readonly number[], db: Db = this.db): Promise<Map<number, { mean: number; count: number }>> {
    const out = new Map<number, { mean: number; count: number }>();
    if (ids.length === 0) return out;
    const rows = await sql<{ id: string; mean: string; n: number }>`
      select kv.key as id, avg(kv.value::numeric) as mean, count(*)::int as n
      from training_survey_responses r, jsonb_each_text(r.instructor_ratings) kv
      where kv.key = any(${ids.map(String)})
      group by kv.key`.execute(db);
    for (const r of rows.rows) out.set(Number(r.id), { mean: Math.round(Number(r.mean) * 10) / 10, count: Number(r.n) });
    return out;
  }

  async save(
    caller: SessionAccount,
    actor: Actor,
    id: number | null,
    input: { name: string; organisation: string; title?: string | null | undefined; topics?: string[] | undefined; active?: boolean | undefined },
  ) {
    assertCan(caller, 'manage');
    if (caller.orgUnitKind !== 'city' && caller.orgUnitKind !== 'province') throw forbidden('讲师库由设区市市场监管局和省局维护');
    return this.db.transaction().execute(async (trx) => {
      // an update leaves the fields it does not carry as they are (Kysely omits undefined columns)
      const values = { name: input.name, organisation: input.organisation, title: input.title, topics: input.topics, active: input.active };
      let rowId: number;
      if (id === null) {
        rowId = (
          await trx
            .insertInto('training_instructors')
            .values({
              ...values,
              title: input.title ?? null,
              topics: input.topics ?? [],
              active: input.active ?? true,
              org_unit_id: caller.orgUnitId,
              created_by: caller.accountId,
            })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id;
      } else {
        const updated = await trx
          .updateTable('training_instructors')
          .set({ ...values, updated_at: clock.now() })
          .where('id', '=', id)
          .where('org_unit_id', '=', caller.orgUnitId)
          .returning('id')
          .executeTakeFirst();
        if (!updated) throw notFound('讲师');
        rowId = updated.id;
      }
      await recordAudit(trx, actor, {
        action: id === null ? 'training.instructor.create' : 'training.instructor.update',
        targetType: 'training_instructor',
        targetId: rowId,
        details: { name: input.name },
      });
      return { id: rowId };
    });
  }

  /** The trainer accounts (承办机构) a class may be given to: in the caller's area and in the units above it. */
  trainerOptions(caller: SessionAccount) {
    return this.db
      .selectFrom('accounts as a')
      .innerJoin('org_units as o', 'o.id', 'a.org_unit_id')
      .select(['a.id', 'a.display_name as name', 'o.name as orgUnitName'])
      .where('a.role', '=', 'trainer')
      .where('a.status', '=', 'active')
      .where(scopeOf(caller).line('o.path'))
      .orderBy('a.display_name')
      .execute();
  }
}
