import { sql, type Kysely, type Transaction } from 'kysely';
import { isWithinScope, type OrgUnitKind } from '../../../domain/org-unit';
import { plannableTiers, TRAINING_TIER_LABELS } from '../../../domain/training-delegation';
import { recordAudit, type Actor } from '../../audit/audit-log';
import type { SessionAccount } from '../../auth/session-store';
import type { Database } from '../../db/database';
import type { TrainingPlanStatus } from '../../db/tables-training-plans';
import type { DB } from '../../db/types';
import { AppError, conflict, forbidden, invalid, notFound, stateError } from '../../errors';
import { Notifier } from '../notifications/notifier';
import { assertBureau } from './access';
import type { PlanInput, PlanUpdate } from '../../../contract/training-plans';
import { clock } from '../../clock';
import { mergedCountiesOf, TrainingPlanViews } from './plan-views';
import { updateVersioned } from '../../db/versioned';

export const PLAN_STATUS_LABELS: Record<TrainingPlanStatus, string> = {
  draft: '草稿',
  submitted: '已报送',
  returned: '退回修改',
  acknowledged: '已阅知',
};

/** Facts about a unit that decide which plans it files. */
async function unitFacts(db: Kysely<DB>, orgUnitId: number) {
  const unit = await db
    .selectFrom('org_units as o')
    .leftJoin('county_training_settings as s', 's.org_unit_id', 'o.id')
    .select(['o.id', 'o.kind', 'o.name', 'o.parent_id', 'o.path', 's.merged_into_city'])
    .where('o.id', '=', orgUnitId)
    .executeTakeFirstOrThrow();
  const merged = await mergedCountiesOf(db, orgUnitId);
  return { ...unit, kind: unit.kind as OrgUnitKind, mergedIntoCity: unit.merged_into_city === true, mergedCounties: merged };
}

/**
 * Annual training plans: each bureau files one per tier and year (county 基础, city 提升 and 基础 for counties
 * merged into it, province 高级); the bureau above comments, acknowledges or returns it; the parent and the
 * province see every filed plan of their subtree and who has not filed (reading is TrainingPlanViews, plan-views.ts).
 */
export class TrainingPlanService extends TrainingPlanViews {
  constructor(
    db: Database,
    private readonly notifier = new Notifier(),
  ) {
    super(db);
  }

  async create(caller: SessionAccount, actor: Actor, input: PlanInput) {
    assertBureau(caller, '编制培训计划');
    const unit = await unitFacts(this.db, caller.orgUnitId);
    const tiers = plannableTiers(unit.kind, { mergedIntoCity: unit.mergedIntoCity, hasMergedCounties: unit.mergedCounties.length > 0 });
    if (!tiers.includes(input.tier)) {
      const message =
        unit.kind === 'county' && unit.mergedIntoCity
          ? '本县（市、区）已合并至设区市，基础培训由市局统一编制计划'
          : tiers.length === 0
            ? '本单位不单独编制培训计划'
            : `本单位只能编制${tiers.map((t) => TRAINING_TIER_LABELS[t]).join('、')}计划`;
      throw invalid('tier', message);
    }
    try {
      const id = await this.db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('training_plans')
          .values({
            org_unit_id: caller.orgUnitId,
            tier: input.tier,
            year: input.year,
            title: input.title,
            topics: input.topics,
            summary: input.summary,
            budget_yuan: input.budgetYuan,
            created_by: caller.accountId,
            updated_by: caller.accountId,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await writeClasses(trx, row.id, input.classes);
        await recordAudit(trx, actor, {
          action: 'training_plan.create',
          targetType: 'training_plan',
          targetId: row.id,
          details: { year: input.year, tier: input.tier, classes: input.classes.length },
        });
        return row.id;
      });
      return await this.get(caller, id);
    } catch (err) {
      if ((err as { code?: string }).code === '23505')
        throw conflict(`本单位已有 ${input.year} 年度${TRAINING_TIER_LABELS[input.tier]}计划`, [{ path: 'year', message: '该年度计划已存在' }]);
      throw err;
    }
  }

  /** The caller's own plan, locked, in one of the given states. */
  private async ownPlan(trx: Transaction<DB>, caller: SessionAccount, id: number, states: TrainingPlanStatus[], verb: string) {
    assertBureau(caller, verb);
    const plan = await trx.selectFrom('training_plans').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!plan) throw notFound('培训计划');
    if (plan.org_unit_id !== caller.orgUnitId) {
      // a plan in the caller's subtree is readable but not theirs to change; anything else does not exist for them
      const readable = await this.visible(trx, caller).select('p.id').where('p.id', '=', id).executeTakeFirst();
      if (readable) throw forbidden(`只有编制单位可以${verb}`);
      throw notFound('培训计划');
    }
    if (!states.includes(plan.status)) throw stateError(`当前状态为“${PLAN_STATUS_LABELS[plan.status]}”，不能${verb}`);
    return plan;
  }

  async update(caller: SessionAccount, actor: Actor, id: number, input: PlanUpdate) {
    await this.db.transaction().execute(async (trx) => {
      await this.ownPlan(trx, caller, id, ['draft', 'returned'], '修改');
      await updateVersioned(trx, 'training_plans', id, input.version, {
        title: input.title,
        topics: input.topics,
        summary: input.summary,
        budget_yuan: input.budgetYuan,
        updated_by: caller.accountId,
        updated_at: clock.now(),
      });
      // the planned classes are replaced when the update carries them, and kept when it does not
      if (input.classes) {
        await trx.deleteFrom('training_plan_classes').where('plan_id', '=', id).execute();
        await writeClasses(trx, id, input.classes);
      }
      await recordAudit(trx, actor, {
        action: 'training_plan.update',
        targetType: 'training_plan',
        targetId: id,
        details: { classes: input.classes?.length, budgetYuan: input.budgetYuan },
      });
    });
    return this.get(caller, id);
  }

  async remove(caller: SessionAccount, actor: Actor, id: number): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const plan = await this.ownPlan(trx, caller, id, ['draft'], '删除');
      await trx.deleteFrom('training_plans').where('id', '=', id).execute();
      await recordAudit(trx, actor, {
        action: 'training_plan.delete',
        targetType: 'training_plan',
        targetId: id,
        details: { year: plan.year, tier: plan.tier },
      });
    });
  }

  async submit(caller: SessionAccount, actor: Actor, id: number) {
    await this.db.transaction().execute(async (trx) => {
      const plan = await this.ownPlan(trx, caller, id, ['draft', 'returned'], '报送');
      const sums = await trx
        .selectFrom('training_plan_classes')
        .select([sql<number>`count(*)::int`.as('n'), sql<number>`coalesce(sum(budget_yuan), 0)::bigint`.as('budget')])
        .where('plan_id', '=', id)
        .executeTakeFirstOrThrow();
      if (Number(sums.n) === 0) throw new AppError(422, 'RULE', '请至少填写一个计划班次后再报送', [{ path: 'classes', message: '请至少填写一个计划班次' }]);
      if (Number(sums.budget) > plan.budget_yuan) {
        throw new AppError(422, 'RULE', `各班次预算合计 ${Number(sums.budget)} 元，超过专项经费预算 ${plan.budget_yuan} 元`, [
          { path: 'budgetYuan', message: '专项经费预算不足以覆盖各班次预算' },
        ]);
      }
      await trx
        .updateTable('training_plans')
        .set({ status: 'submitted', submitted_at: clock.now(), submitted_by: caller.accountId, reviewed_at: null, reviewed_by: null, updated_at: clock.now() })
        .where('id', '=', id)
        .execute();
      await trx
        .insertInto('training_plan_comments')
        .values({ plan_id: id, kind: 'submitted', body: null, author_account_id: caller.accountId, author_org_unit_id: caller.orgUnitId })
        .execute();
      await recordAudit(trx, actor, {
        action: 'training_plan.submit',
        targetType: 'training_plan',
        targetId: id,
        details: { year: plan.year, tier: plan.tier },
      });
      const parent = await trx.selectFrom('org_units').select('parent_id').where('id', '=', plan.org_unit_id).executeTakeFirstOrThrow();
      if (parent.parent_id !== null) {
        await this.notifier.notify(trx, await bureauAccounts(trx, parent.parent_id), {
          kind: 'training_plan.submitted',
          title: '下级单位报送了年度培训计划',
          body: `${caller.orgUnitName}报送了 ${plan.year} 年度${TRAINING_TIER_LABELS[plan.tier]}计划“${plan.title}”，请审阅。`,
          link: `/training-plans/${id}`,
        });
      }
    });
    return this.get(caller, id);
  }

  /** A comment by the bureau itself or a bureau above it, on a filed plan. */
  async comment(caller: SessionAccount, actor: Actor, id: number, body: string) {
    assertBureau(caller, '发表意见');
    await this.db.transaction().execute(async (trx) => {
      const plan = await this.visible(trx, caller)
        .select(['p.id', 'p.org_unit_id', 'p.status', 'p.year', 'p.tier', 'p.title', 'o.path'])
        .where('p.id', '=', id)
        .forUpdate(['p'])
        .executeTakeFirst();
      if (!plan) throw notFound('培训计划');
      const own = plan.org_unit_id === caller.orgUnitId;
      if (!own && !isWithinScope(plan.path, caller.orgUnitPath)) throw forbidden('只有编制单位和上级市场监管部门可以发表意见');
      if (plan.status === 'draft') throw stateError('计划尚未报送，不能发表意见');
      await trx
        .insertInto('training_plan_comments')
        .values({ plan_id: id, kind: 'comment', body, author_account_id: caller.accountId, author_org_unit_id: caller.orgUnitId })
        .execute();
      await recordAudit(trx, actor, { action: 'training_plan.comment', targetType: 'training_plan', targetId: id });
      if (!own) {
        await this.notifier.notify(trx, await bureauAccounts(trx, plan.org_unit_id), {
          kind: 'training_plan.comment',
          title: '培训计划收到上级意见',
          body: `${caller.orgUnitName}对 ${plan.year} 年度${TRAINING_TIER_LABELS[plan.tier]}计划“${plan.title}”提出意见：${body}`,
          link: `/training-plans/${id}`,
        });
      }
    });
    return this.get(caller, id);
  }

  acknowledge(caller: SessionAccount, actor: Actor, id: number, remarks: string | null) {
    return this.review(caller, actor, id, 'acknowledged', remarks);
  }

  returnForRevision(caller: SessionAccount, actor: Actor, id: number, remarks: string) {
    return this.review(caller, actor, id, 'returned', remarks);
  }

  /** 阅知 or 退回修改: only the bureau directly above the plan's bureau, on a submitted plan. */
  private async review(caller: SessionAccount, actor: Actor, id: number, outcome: 'acknowledged' | 'returned', remarks: string | null) {
    assertBureau(caller, '审阅培训计划');
    await this.db.transaction().execute(async (trx) => {
      const plan = await this.visible(trx, caller)
        .select(['p.id', 'p.org_unit_id', 'p.status', 'p.year', 'p.tier', 'p.title', 'o.parent_id'])
        .where('p.id', '=', id)
        .forUpdate(['p'])
        .executeTakeFirst();
      if (!plan) throw notFound('培训计划');
      if (plan.parent_id !== caller.orgUnitId) throw forbidden('只有上一级市场监管部门可以审阅该计划');
      if (plan.status !== 'submitted') throw stateError(`当前状态为“${PLAN_STATUS_LABELS[plan.status]}”，不能审阅`);
      await trx
        .updateTable('training_plans')
        .set({ status: outcome, reviewed_at: clock.now(), reviewed_by: caller.accountId, updated_at: clock.now() })
        .where('id', '=', id)
        .execute();
      await trx
        .insertInto('training_plan_comments')
        .values({ plan_id: id, kind: outcome, body: remarks, author_account_id: caller.accountId, author_org_unit_id: caller.orgUnitId })
        .execute();
      await recordAudit(trx, actor, {
        action: outcome === 'acknowledged' ? 'training_plan.acknowledge' : 'training_plan.return',
        targetType: 'training_plan',
        targetId: id,
      });
      await this.notifier.notify(trx, await bureauAccounts(trx, plan.org_unit_id), {
        kind: `training_plan.${outcome}`,
        title: outcome === 'acknowledged' ? '培训计划已阅知' : '培训计划被退回修改',
        body: `${plan.year} 年度${TRAINING_TIER_LABELS[plan.tier]}计划“${plan.title}”${outcome === 'acknowledged' ? '已由上级阅知' : '被退回修改'}${remarks ? `：${remarks}` : '。'}`,
        link: `/training-plans/${id}`,
      });
    });
    return this.get(caller, id);
  }
}

async function writeClasses(trx: Transaction<DB>, planId: number, classes: PlanInput['classes']): Promise<void> {
  if (classes.length === 0) return;
  await trx
    .insertInto('training_plan_classes')
    .values(
      classes.map((c, i) => ({
        plan_id: planId,
        seq: i + 1,
        title: c.title,
        planned_month: c.plannedMonth,
        format: c.format,
        places: c.places,
        hours: c.hours,
        budget_yuan: c.budgetYuan,
        budget_note: c.budgetNote,
      })),
    )
    .execute();
}

/** Active bureau accounts of a unit (the people who act on its plans). */
export async function bureauAccounts(trx: Kysely<DB>, orgUnitId: number): Promise<number[]> {
  const rows = await trx
    .selectFrom('accounts')
    .select('id')
    .where('org_unit_id', '=', orgUnitId)
    .where('status', '=', 'active')
    .where('role', 'in', ['province_admin', 'city_admin', 'county_admin'])
    .execute();
  return rows.map((r) => r.id);
}
