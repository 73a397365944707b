import { sql, type Kysely } from 'kysely';
import { isWithinScope } from '../../../domain/org-unit';
import { recordAuditAlone, type Actor } from '../../audit/audit-log';
import { orgUnitWithin, scopeOf } from '../../auth/scope';
import type { SessionAccount } from '../../auth/session-store';
import type { Database } from '../../db/database';
import type { DB } from '../../db/types';
import { invalid, notFound } from '../../errors';
import { assertRegionReader, isBureau, onCallerPath } from './access';
import { planOverview, type OverviewCaller } from './plan-overview';
import type { PlanFilter } from '../../../contract/training-plans';

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

/** Reading annual training plans: the list and export, one plan with its classes, comments and what the caller may do, and who has filed. */
export class TrainingPlanViews {
  constructor(protected readonly db: Database) {}

  /**
   * Plans the caller may read: its own unit's (drafts included, for the bureau itself), filed plans in its
   * subtree, and filed plans of the bureaus above it (a county reads the city's plan that covers it).
   */
  protected visible(db: Kysely<DB>, caller: SessionAccount) {
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
