import { ownCurriculumTiers as tiersKeptBy } from '../../../domain/abilities';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { OrgUnitKind } from '../../../domain/org-unit';
import { TRAINING_TIER_LABELS, type TrainingTier } from '../../../domain/training-delegation';
import { recordAudit, type Actor } from '../../audit/audit-log';
import type { SessionAccount } from '../../auth/session-store';
import type { Database } from '../../db/database';
import type { DB } from '../../db/types';
import { conflict, forbidden, invalid, notFound } from '../../errors';
import { assertBureau, curriculumVisibility, isBureau } from './access';
import type { CurriculumInput, CurriculumUpdate } from '../../../contract/training-plans';
import { clock } from '../../clock';
import { updateVersioned } from '../../db/versioned';

const summaryColumns = [
  'c.id',
  'c.org_unit_id as orgUnitId',
  'o.name as orgUnitName',
  'o.kind as orgUnitKind',
  'c.tier',
  'c.title',
  'c.version',
  sql<number>`(select count(*)::int from training_curriculum_modules m where m.curriculum_id = c.id)`.as('moduleCount'),
  sql<number>`(select coalesce(sum(m.hours), 0)::int from training_curriculum_modules m where m.curriculum_id = c.id)`.as('totalHours'),
  sql<number>`(select count(*)::int from training_materials t where t.org_unit_id = c.org_unit_id and t.tier = c.tier)`.as('materialCount'),
  'c.updated_at as updatedAt',
  'u.display_name as updatedByName',
] as const;

/** The tiers whose curriculum and materials the caller's own unit keeps (none for counties and non-bureaus). */
export async function ownCurriculumTiers(db: Database | Transaction<DB>, caller: SessionAccount): Promise<TrainingTier[]> {
  const unit = await db.selectFrom('org_units').select('kind').where('id', '=', caller.orgUnitId).executeTakeFirstOrThrow();
  return tiersKeptBy(caller.role, unit.kind as OrgUnitKind);
}

/**
 * 统一教材: one curriculum per city for 基础 and 提升, the province's for 高级, each a list of modules (title,
 * hours, topics, objectives). Every save bumps the version and keeps a snapshot of what it replaced.
 */
export class CurriculumService {
  constructor(private readonly db: Database) {}

  private visible(caller: SessionAccount, db: Kysely<DB> = this.db) {
    return db
      .selectFrom('training_curricula as c')
      .innerJoin('org_units as o', 'o.id', 'c.org_unit_id')
      .leftJoin('accounts as u', 'u.id', 'c.updated_by')
      .where(curriculumVisibility(caller, 'c.org_unit_id'));
  }

  async list(caller: SessionAccount, filter: { tier?: TrainingTier | undefined; orgUnitId?: number | undefined }) {
    let q = this.visible(caller);
    if (filter.tier) q = q.where('c.tier', '=', filter.tier);
    if (filter.orgUnitId) q = q.where('c.org_unit_id', '=', filter.orgUnitId);
    const rows = await q.select(summaryColumns).orderBy('o.path').orderBy('c.tier').execute();
    return rows.map((r) => ({ ...r, updatedByName: r.updatedByName ?? null }));
  }

  async get(caller: SessionAccount, id: number) {
    const row = await this.visible(caller)
      .select([...summaryColumns, 'c.description'])
      .where('c.id', '=', id)
      .executeTakeFirst();
    if (!row) throw notFound('课程体系');
    const modules = await this.db
      .selectFrom('training_curriculum_modules')
      .select(['id', 'seq', 'title', 'hours', 'topics', 'objectives'])
      .where('curriculum_id', '=', id)
      .orderBy('seq')
      .execute();
    return { ...row, updatedByName: row.updatedByName ?? null, modules, canEdit: isBureau(caller) && row.orgUnitId === caller.orgUnitId };
  }

  async create(caller: SessionAccount, actor: Actor, input: CurriculumInput) {
    assertBureau(caller, '编制课程体系');
    const tiers = await ownCurriculumTiers(this.db, caller);
    if (!tiers.includes(input.tier)) {
      throw invalid(
        'tier',
        tiers.length === 0
          ? '课程体系由设区市（基础、提升）和省局（高级）统一编制'
          : `本单位只能编制${tiers.map((t) => TRAINING_TIER_LABELS[t]).join('、')}课程体系`,
      );
    }
    if (input.modules.some((m) => m.id !== undefined)) throw invalid('modules', '新建课程体系时模块不应带编号');
    try {
      const id = await this.db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('training_curricula')
          .values({
            org_unit_id: caller.orgUnitId,
            tier: input.tier,
            title: input.title,
            description: input.description,
            created_by: caller.accountId,
            updated_by: caller.accountId,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await this.saveModules(trx, row.id, input.modules);
        await this.snapshot(trx, row.id, 1, caller.accountId);
        await recordAudit(trx, actor, {
          action: 'training_curriculum.create',
          targetType: 'training_curriculum',
          targetId: row.id,
          details: { tier: input.tier, modules: input.modules.length },
        });
        return row.id;
      });
      return await this.get(caller, id);
    } catch (err) {
      if ((err as { code?: string }).code === '23505')
        throw conflict(`本单位已有${TRAINING_TIER_LABELS[input.tier]}课程体系，请在原有基础上修订`, [{ path: 'tier', message: '该层级课程体系已存在' }]);
      throw err;
    }
  }

  async update(caller: SessionAccount, actor: Actor, id: number, input: CurriculumUpdate) {
    assertBureau(caller, '修订课程体系');
    await this.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('training_curricula').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
      if (!row) throw notFound('课程体系');
      if (row.org_unit_id !== caller.orgUnitId) {
        const readable = await this.visible(caller, trx).select('c.id').where('c.id', '=', id).executeTakeFirst();
        if (readable) throw forbidden('只有编制单位可以修订课程体系');
        throw notFound('课程体系');
      }
      const version = await updateVersioned(trx, 'training_curricula', id, input.version, {
        title: input.title,
        description: input.description,
        updated_by: caller.accountId,
        updated_at: clock.now(),
      });
      await this.saveModules(trx, id, input.modules);
      await this.snapshot(trx, id, version, caller.accountId);
      await recordAudit(trx, actor, {
        action: 'training_curriculum.update',
        targetType: 'training_curriculum',
        targetId: id,
        details: { version, modules: input.modules.length },
      });
    });
    return this.get(caller, id);
  }

  /** Modules with an id are kept (materials stay attached), new ones added, missing ones removed. */
  private async saveModules(trx: Transaction<DB>, curriculumId: number, modules: CurriculumInput['modules']): Promise<void> {
    const existing = new Set(
      (await trx.selectFrom('training_curriculum_modules').select('id').where('curriculum_id', '=', curriculumId).execute()).map((r) => r.id),
    );
    for (const [i, m] of modules.entries()) {
      if (m.id !== undefined && !existing.has(m.id)) throw invalid(`modules.${i}.id`, `第 ${i + 1} 个模块不属于该课程体系`);
    }
    const kept = modules.flatMap((m) => (m.id === undefined ? [] : [m.id]));
    const removed = [...existing].filter((id) => !kept.includes(id));
    if (removed.length) await trx.deleteFrom('training_curriculum_modules').where('id', 'in', removed).execute();
    for (const [i, m] of modules.entries()) {
      const values = { seq: i + 1, title: m.title, hours: m.hours, topics: m.topics, objectives: m.objectives };
      if (m.id === undefined)
        await trx
          .insertInto('training_curriculum_modules')
          .values({ curriculum_id: curriculumId, ...values })
          .execute();
      else await trx.updateTable('training_curriculum_modules').set(values).where('id', '=', m.id).execute();
    }
  }

  private async snapshot(trx: Transaction<DB>, curriculumId: number, version: number, by: number): Promise<void> {
    const c = await trx.selectFrom('training_curricula').select(['title', 'description', 'tier']).where('id', '=', curriculumId).executeTakeFirstOrThrow();
    const modules = await trx
      .selectFrom('training_curriculum_modules')
      .select(['id', 'seq', 'title', 'hours', 'topics', 'objectives'])
      .where('curriculum_id', '=', curriculumId)
      .orderBy('seq')
      .execute();
    await trx
      .insertInto('training_curriculum_versions')
      .values({ curriculum_id: curriculumId, version, snapshot: JSON.stringify({ ...c, modules }), created_by: by })
      .execute();
  }

  async versions(caller: SessionAccount, id: number) {
    await this.get(caller, id);
    const rows = await this.db
      .selectFrom('training_curriculum_versions as v')
      .leftJoin('accounts as a', 'a.id', 'v.created_by')
      .select(['v.version', 'v.created_at as createdAt', 'a.display_name as createdByName', 'v.snapshot'])
      .where('v.curriculum_id', '=', id)
      .orderBy('v.version', 'desc')
      .execute();
    return rows.map((r) => ({ ...r, createdByName: r.createdByName ?? null }));
  }
}
