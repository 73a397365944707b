import { sql, type Kysely, type Transaction } from 'kysely';
import { isWithinScope, type OrgUnitKind } from '../../../domain/org-unit';
import { plannableTiers, TRAINING_TIER_LABELS } from '../../../domain/training-delegation';
import { recordAudit, recordAuditAlone, type Actor } from '../../audit/audit-log';
import { orgUnitWithin, scopeOf } from '../../auth/scope';
import type { SessionAccount } from '../../auth/session-store';
import type { Database } from '../../db/database';
import type { TrainingPlanStatus } from '../../db/tables-training-plans';
import type { DB } from '../../db/types';
import { AppError, conflict, forbidden, invalid, notFound, stateError } from '../../errors';
import { Notifier } from '../notifications/notifier';
import { assertBureau, assertRegionReader, isBureau, onCallerPath } from './access';
import { planOverview, type OverviewCaller } from './plan-overview';
import type { PlanFilter, PlanInput, PlanUpdate } from '../../../contract/training-plans';
import { clock } from '../../clock';
import { updateVersioned } from '../../db/versioned';

export const PLAN_STATUS_LABELS: Record<TrainingPlanStatus, string> = {
  draft: '草稿',
  submitted: '已报送',
  returned: '退回修改',
  acknowledged: '已阅知',
};

const totals = [
  sql<number>`(select count(*)::int from training_plan_classes c where c.plan_id = p.id)`.as('classCount'),
  sql<number>`(select coalesce(sum(c.places), 0)::int from training_plan_classes c where c.plan_id = p.id)`.as('places'),
  sql<number>`(select coalesce(sum(c.hours), 0)::int from training_plan_classes c where c.plan_id = p.id)`.as('hours'),
  sql<number>`(select coalesce(sum(c.budget_yuan), 0)::bigint from training_plan_classes c where c.plan_id = p.id)`.as('classBudgetYuan'),
] as const;

const summaryColumns = [
  'p.id',
  'p.org_unit_id as orgUnitId',
  'o.name as orgUnitName',
  'o.kind as orgUnitKind',
  'p.year',
  'p.tier',
  'p.title',
  'p.status',
  'p.budget_yuan as budgetYuan',
  ...totals,
  'p.submitted_at as submittedAt',
  'p.updated_at as updatedAt',
] as const;

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

/** The counties merged into a city (none for other units). */
export async function mergedCountiesOf(db: Kysely<DB>, cityId: number): Promise<{ id: number; name: string }[]> {
  return db
    .selectFrom('org_units as o')
    .innerJoin('county_training_settings as s', 's.org_unit_id', 'o.id')
    .select(['o.id', 'o.name'])
    .where('o.parent_id', '=', cityId)
    .where('o.kind', '=', 'county')
    .where('s.merged_into_city', '=', true)
    .orderBy('o.code')
    .execute();
}

/**
 * Annual training plans: each bureau files one per tier and year (county 基础, city 提升 and 基础 for counties
 * merged into it, province 高级); the bureau above comments, acknowledges or returns it; the parent and the
 * province see every filed plan of their subtree and who has not filed.
 */
export class TrainingPlanService {
  constructor(
    private readonly db: Database,
    private readonly notifier = new Notifier(),
  ) {}

  /**
   * Plans the caller may read: its own unit's (drafts included, for the bureau itself), filed plans in its
   * subtree, and filed plans of the bureaus above it (a county reads the city's plan that covers it).
   */
  private visible(db: Kysely<DB>, caller: SessionAccount) {
    const own = isBureau(caller) ? sql<boolean>`p.org_unit_id = ${caller.orgUnitId}` : sql<boolean>`false`;
    return db
      .selectFrom('training_plans as p')
      .innerJoin('org_units as o', 'o.id', 'p.org_unit_id')
      .where(sql<boolean>`(${own} or (p.status <> 'draft' and (${scopeOf(caller).region('p.org_unit_id')} or ${onCallerPath(caller, 'p.org_unit_id')})))`);
  }

  async list(caller: SessionAccount, filter: PlanFilter, page: number, pageSize: number) {
    assertRegionReader(caller);
    let q = this.visible(this.db, caller);
    if (filter.year) q = q.where('p.year', '=', filter.year);
    if (filter.tier) q = q.where('p.tier', '=', filter.tier);
    if (filter.status) q = q.where('p.status', '=', filter.status);
    if (filter.orgUnitId) {
      const unit = await this.db.selectFrom('org_units').select('path').where('id', '=', filter.orgUnitId).executeTakeFirst();
      if (!unit) throw invalid('orgUnitId', '所选单位不存在');
      q = q.where(orgUnitWithin('p.org_unit_id', unit.path));
    }
    const [{ total }, items] = await Promise.all([
      q.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
      q
        .select(summaryColumns)
        .orderBy('p.year', 'desc')
        .orderBy('o.path')
        .orderBy('p.tier')
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute(),
    ]);
    return { items: items.map(numbers), total: Number(total) };
  }

  /** Every visible plan matching the filter, for the Excel export (audited with the filter and the row count). */
  async exportRows(caller: SessionAccount, actor: Actor, filter: PlanFilter) {
    const { items } = await this.list(caller, filter, 1, 10_000);
    await recordAuditAlone(this.db, actor, { action: 'training_plan.export', targetType: 'training_plan', details: { ...filter, rows: items.length } });
    return items;
  }

  async get(caller: SessionAccount, id: number) {
    assertRegionReader(caller);
    const plan = await this.visible(this.db, caller)
      .select([...summaryColumns, 'p.topics', 'p.summary', 'p.version', 'p.reviewed_at as reviewedAt', 'o.parent_id as parentId', 'o.path as orgUnitPath'])
      .where('p.id', '=', id)
      .executeTakeFirst();
    if (!plan) throw notFound('培训计划');
    const classes = await this.db
      .selectFrom('training_plan_classes')
      .select(['id', 'seq', 'title', 'planned_month as plannedMonth', 'format', 'places', 'hours', 'budget_yuan as budgetYuan', 'budget_note as budgetNote'])
      .where('plan_id', '=', id)
      .orderBy('seq')
      .execute();
    const comments = await this.db
      .selectFrom('training_plan_comments as c')
      .innerJoin('accounts as a', 'a.id', 'c.author_account_id')
      .innerJoin('org_units as u', 'u.id', 'c.author_org_unit_id')
      .select(['c.id', 'c.kind', 'c.body', 'a.display_name as authorName', 'u.name as authorUnitName', 'c.created_at as createdAt'])
      .where('c.plan_id', '=', id)
      .orderBy('c.id')
      .execute();
    const reviewer = plan.parentId === null ? null : await this.db.selectFrom('org_units').select('name').where('id', '=', plan.parentId).executeTakeFirst();
    const coveredCounties = plan.tier === 'basic' && plan.orgUnitKind === 'city' ? await mergedCountiesOf(this.db, plan.orgUnitId) : [];
    const own = isBureau(caller) && plan.orgUnitId === caller.orgUnitId;
    const editable = own && (plan.status === 'draft' || plan.status === 'returned');
    const reviewerOfPlan = isBureau(caller) && plan.parentId === caller.orgUnitId;
    const { parentId: _parent, orgUnitPath: _path, ...rest } = plan;
    return {
      ...numbers(rest),
      version: rest.version,
      classes: classes.map((c) => ({ ...c, budgetYuan: Number(c.budgetYuan), tier: plan.tier })),
      comments,
      reviewerUnitName: reviewer?.name ?? null,
      coveredCounties: coveredCounties.map((c) => ({ id: Number(c.id), name: c.name })),
      can: {
        edit: editable,
        submit: editable,
        remove: own && plan.status === 'draft',
        review: reviewerOfPlan && plan.status === 'submitted',
        comment: plan.status !== 'draft' && isBureau(caller) && (own || isWithinScope(plan.orgUnitPath, caller.orgUnitPath)),
      },
    };
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

  /** Who has filed the year's plans (plan-overview.ts). */
  overview(caller: OverviewCaller, year: number) {
    return planOverview(this.db, caller, year);
  }
}

function numbers<T extends { budgetYuan: number | string; classBudgetYuan: number | string; classCount: number; places: number; hours: number }>(row: T): T {
  return {
    ...row,
    budgetYuan: Number(row.budgetYuan),
    classBudgetYuan: Number(row.classBudgetYuan),
    classCount: Number(row.classCount),
    places: Number(row.places),
    hours: Number(row.hours),
  };
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
