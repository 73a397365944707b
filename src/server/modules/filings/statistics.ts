import { sql, type Kysely } from 'kysely';
import type { z } from 'zod';
import type { exitStatisticsSchema, treatmentStatisticsSchema } from '../../../contract/filing-register';
import { EXIT_CAUSES, type ExitCauseKey } from '../../../domain/filing-input';
import { scopeOf } from '../../auth/scope';
import type { SessionAccount } from '../../auth/session-store';
import type { DB } from '../../db/types';
import { clock } from '../../clock';
import { overrideStatistics } from './overrides';

const CAUSES = Object.keys(EXIT_CAUSES) as ExitCauseKey[];

const yearRange = (year: number) => ({ from: `${String(year)}-01-01`, to: `${String(year + 1)}-01-01` });

/**
 * 退出机制 statistics: officers who left office in the year (by the date the filing ended), per responsible bureau
 * and exit cause, within the caller's region. A filing superseded by a new appointment or revoked is not an exit.
 */
export async function exitStatistics(db: Kysely<DB>, caller: SessionAccount, year: number): Promise<z.infer<typeof exitStatisticsSchema>> {
  const { from, to } = yearRange(year);
  const scope = scopeOf(caller);
  const rows = await db
    .selectFrom('filings as f')
    .innerJoin('org_units as o', 'o.id', 'f.org_unit_id')
    .innerJoin('enterprises as e', 'e.id', 'f.enterprise_id')
    .select(['o.id as orgUnitId', 'o.name as orgUnitName', 'o.path', 'f.exit_cause as cause', 'f.end_kind as kind', (eb) => eb.fn.countAll<number>().as('n')])
    .where('f.status', '=', 'ended')
    .where('f.exit_cause', 'is not', null)
    .where('f.ended_at', '>=', from)
    .where('f.ended_at', '<', to)
    .where(scope.region('f.org_unit_id'))
    .where(scope.industry('e'))
    .groupBy(['o.id', 'o.name', 'o.path', 'f.exit_cause', 'f.end_kind'])
    .orderBy('o.path')
    .execute();
  const empty = () => Object.fromEntries(CAUSES.map((c) => [c, 0])) as Record<ExitCauseKey, number>;
  const units = new Map<number, { orgUnitId: number; orgUnitName: string; total: number; byCause: Record<ExitCauseKey, number> }>();
  const total = { total: 0, byCause: empty(), byKind: {} as Record<string, number> };
  for (const r of rows) {
    const n = Number(r.n);
    const cause = r.cause as ExitCauseKey;
    let unit = units.get(r.orgUnitId);
    if (!unit) units.set(r.orgUnitId, (unit = { orgUnitId: r.orgUnitId, orgUnitName: r.orgUnitName, total: 0, byCause: empty() }));
    unit.total += n;
    unit.byCause[cause] += n;
    total.total += n;
    total.byCause[cause] += n;
    if (r.kind) total.byKind[r.kind] = (total.byKind[r.kind] ?? 0) + n;
  }
  return { year, items: [...units.values()], total };
}

/**
 * 待遇 statistics over the officers in office (active filings) per responsible bureau: how many filings record the
 * structured treatment, how many are at 高层副职（含）以上 (policy 四 asks it for every 规上 enterprise's CQO), attend
 * the general manager's meetings (三.2), report to the general manager, hold the veto, and the allowance paid.
 */
export async function treatmentStatistics(db: Kysely<DB>, caller: SessionAccount): Promise<z.infer<typeof treatmentStatisticsSchema>> {
  const scope = scopeOf(caller);
  const rows = await db
    .selectFrom('filings as f')
    .innerJoin('org_units as o', 'o.id', 'f.org_unit_id')
    .innerJoin('enterprises as e', 'e.id', 'f.enterprise_id')
    .select([
      'o.id as orgUnitId',
      'o.name as orgUnitName',
      sql<number>`count(*)`.as('active'),
      sql<number>`count(*) filter (where f.treatment_level is not null)`.as('recorded'),
      sql<number>`count(*) filter (where f.treatment_level = 'senior_deputy_or_above')`.as('seniorDeputy'),
      sql<number>`count(*) filter (where e.above_scale)`.as('aboveScale'),
      sql<number>`count(*) filter (where e.above_scale and f.treatment_level = 'senior_deputy_or_above')`.as('aboveScaleSeniorDeputy'),
      sql<number>`count(*) filter (where f.attends_management_meetings)`.as('attendsMeetings'),
      sql<number>`count(*) filter (where f.reports_to_general_manager)`.as('reportsToGeneralManager'),
      sql<number>`count(*) filter (where f.veto_right)`.as('vetoRight'),
      sql<number>`count(*) filter (where f.post_allowance_yuan > 0)`.as('withAllowance'),
      sql<string | null>`round(avg(f.post_allowance_yuan) filter (where f.post_allowance_yuan > 0))`.as('averageAllowanceYuan'),
    ])
    .where('f.status', '=', 'active')
    .where(scope.region('f.org_unit_id'))
    .where(scope.industry('e'))
    .groupBy(['o.id', 'o.name', 'o.path'])
    .orderBy('o.path')
    .execute();
  return {
    items: rows.map((r) => ({
      orgUnitId: r.orgUnitId,
      orgUnitName: r.orgUnitName,
      active: Number(r.active),
      recorded: Number(r.recorded),
      seniorDeputy: Number(r.seniorDeputy),
      aboveScale: Number(r.aboveScale),
      aboveScaleSeniorDeputy: Number(r.aboveScaleSeniorDeputy),
      attendsMeetings: Number(r.attendsMeetings),
      reportsToGeneralManager: Number(r.reportsToGeneralManager),
      vetoRight: Number(r.vetoRight),
      withAllowance: Number(r.withAllowance),
      averageAllowanceYuan: r.averageAllowanceYuan === null ? null : Number(r.averageAllowanceYuan),
    })),
  };
}

/**
 * The filing statistics pages: override approvals from the primary, exits and treatment from the read replica
 * (report queries). The year defaults to the current one.
 */
export class FilingStatisticsService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly dbRead: Kysely<DB>,
  ) {}

  overrides(caller: SessionAccount, year = clock.year()) {
    return overrideStatistics(this.db, caller, year);
  }

  exits(caller: SessionAccount, year = clock.year()) {
    return exitStatistics(this.dbRead, caller, year);
  }

  treatment(caller: SessionAccount) {
    return treatmentStatistics(this.dbRead, caller);
  }
}
