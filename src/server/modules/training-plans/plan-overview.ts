import type { Kysely } from 'kysely';
import type { OrgUnitKind } from '../../../domain/org-unit';
import { plannableTiers, type TrainingTier } from '../../../domain/training-delegation';
import { scopeOf } from '../../auth/scope';
import type { SessionAccount } from '../../auth/session-store';
import type { DB } from '../../db/types';
import { assertRegionReader } from './access';

/** Who reads the overview: a signed-in bureau or department, or the chasing job's bureau (chase.ts). */
export type OverviewCaller = Pick<SessionAccount, 'role' | 'orgUnitId' | 'orgUnitPath'>;

/**
 * Who has filed the year's plans: every bureau of the caller's subtree with the tiers it files; a county
 * merged into its city shows the city's 基础 plan that covers it.
 */
export async function planOverview(db: Kysely<DB>, caller: OverviewCaller, year: number) {
  assertRegionReader(caller);
  const units = await db
    .selectFrom('org_units as o')
    .leftJoin('county_training_settings as s', 's.org_unit_id', 'o.id')
    .select(['o.id', 'o.name', 'o.code', 'o.kind', 'o.parent_id', 's.merged_into_city'])
    .where('o.kind', 'in', ['province', 'city', 'county'])
    .where(scopeOf(caller).region('o.id'))
    .orderBy('o.path')
    .execute();
  const ids = units.map((u) => u.id);
  const plans = ids.length
    ? await db.selectFrom('training_plans').select(['id', 'org_unit_id', 'tier', 'status']).where('year', '=', year).where('org_unit_id', 'in', ids).execute()
    : [];
  // the cities of merged counties may lie outside a county caller's subtree: load their plans too
  const parents = [...new Set(units.filter((u) => u.merged_into_city === true && u.parent_id !== null).map((u) => u.parent_id as number))];
  const parentPlans = parents.length
    ? await db
        .selectFrom('training_plans as p')
        .innerJoin('org_units as o', 'o.id', 'p.org_unit_id')
        .select(['p.id', 'p.org_unit_id', 'p.status', 'o.name'])
        .where('p.year', '=', year)
        .where('p.tier', '=', 'basic')
        .where('p.org_unit_id', 'in', parents)
        .execute()
    : [];
  const parentNames = parents.length ? await db.selectFrom('org_units').select(['id', 'name']).where('id', 'in', parents).execute() : [];
  const mergedCount = new Map<number, number>();
  for (const u of units) if (u.merged_into_city === true && u.parent_id !== null) mergedCount.set(u.parent_id, (mergedCount.get(u.parent_id) ?? 0) + 1);
  const rows = [];
  for (const u of units) {
    const kind = u.kind as OrgUnitKind;
    const merged = u.merged_into_city === true;
    const unitRef = { orgUnitId: u.id, orgUnitName: u.name, orgUnitKind: kind, orgUnitCode: u.code, mergedIntoCity: merged };
    if (kind === 'county' && merged) {
      const covering = parentPlans.find((p) => p.org_unit_id === u.parent_id);
      const cityName = parentNames.find((p) => p.id === u.parent_id)?.name ?? '';
      rows.push({
        ...unitRef,
        tier: 'basic' as TrainingTier,
        status: 'covered' as const,
        planId: null,
        coveredBy: {
          orgUnitName: cityName,
          planId: covering && (covering.status !== 'draft' || covering.org_unit_id === caller.orgUnitId) ? covering.id : null,
          status: covering?.status ?? 'missing',
        },
      });
      continue;
    }
    for (const tier of plannableTiers(kind, { mergedIntoCity: merged, hasMergedCounties: (mergedCount.get(u.id) ?? 0) > 0 })) {
      const plan = plans.find((p) => p.org_unit_id === u.id && p.tier === tier);
      const visibleId = plan && (plan.status !== 'draft' || plan.org_unit_id === caller.orgUnitId) ? plan.id : null;
      rows.push({ ...unitRef, tier, status: plan?.status ?? ('missing' as const), planId: visibleId, coveredBy: null });
    }
  }
  const own = rows.filter((r) => r.status !== 'covered');
  const filed = own.filter((r) => r.status === 'submitted' || r.status === 'acknowledged').length;
  return {
    year,
    summary: {
      expected: own.length,
      filed,
      acknowledged: own.filter((r) => r.status === 'acknowledged').length,
      notFiled: own.length - filed,
      covered: rows.length - own.length,
    },
    rows,
  };
}
