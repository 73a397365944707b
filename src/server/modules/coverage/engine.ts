import { sql, type Kysely, type RawBuilder } from 'kysely';
import { pathUnder } from '../../auth/scope';
import type { SegmentDefinition } from '../../../domain/coverage';
import { RECOUNT_SQL } from '../../db/migrations/0014_coverage';
import type { DB } from '../../db/types';

/**
 * The coverage engine's SQL: segment conditions over the summary cells, the full rebuild and the
 * reconciliation check. The summaries themselves are kept by the triggers of migration 0014.
 */

/** A segment as a condition over a coverage_counts / coverage_monthly alias, for the year asked about. */
export function segmentCondition(def: SegmentDefinition, year: number, alias: string): RawBuilder<boolean> {
  const col = (c: string) => sql.ref(`${alias}.${c}`);
  const parts: RawBuilder<boolean>[] = [];
  if (def.aboveScale === true) parts.push(sql<boolean>`(${col('above_scale_year')} between 1 and ${year})`);
  if (def.aboveScale === false) parts.push(sql<boolean>`(${col('above_scale_year')} = 0 or ${col('above_scale_year')} > ${year})`);
  if (def.scales) parts.push(sql<boolean>`${col('scale')} = any(${def.scales})`);
  if (def.ownerships) parts.push(sql<boolean>`${col('ownership')} = any(${def.ownerships})`);
  if (def.sections) parts.push(sql<boolean>`${col('industry_section')} = any(${def.sections})`);
  if (parts.length === 0) return sql<boolean>`true`;
  return sql<boolean>`(${sql.join(parts, sql` and `)})`;
}

/** The same segment as a condition over an `enterprises` alias (worklists). */
export function enterpriseSegmentCondition(def: SegmentDefinition, year: number, alias: string): RawBuilder<boolean> {
  const col = (c: string) => sql.ref(`${alias}.${c}`);
  const parts: RawBuilder<boolean>[] = [];
  if (def.aboveScale === true) parts.push(sql<boolean>`(${col('above_scale')} and ${col('above_scale_year')} <= ${year})`);
  if (def.aboveScale === false) parts.push(sql<boolean>`(not ${col('above_scale')} or ${col('above_scale_year')} > ${year})`);
  if (def.scales) parts.push(sql<boolean>`${col('scale')} = any(${def.scales})`);
  if (def.ownerships) parts.push(sql<boolean>`${col('ownership')} = any(${def.ownerships})`);
  if (def.sections) parts.push(sql<boolean>`${col('industry_section')} = any(${def.sections})`);
  if (parts.length === 0) return sql<boolean>`true`;
  return sql<boolean>`(${sql.join(parts, sql` and `)})`;
}

export interface Mismatch {
  orgUnitId: number;
  industryDivision: string;
  aboveScaleYear: number;
  scale: string;
  ownership: string;
  stored: { enterprises: number; covered: number };
  recount: { enterprises: number; covered: number };
}

export interface Reconciliation {
  ok: boolean;
  checkedCells: number;
  mismatches: number;
  sample: Mismatch[];
  /** enterprises whose has_active_officer flag disagrees with their filings (the numerator's basis) */
  flagMismatches: number;
  /** org units whose monthly deltas do not add up to the current counts */
  monthlyMismatches: number;
  /** section-level cells that differ from the division-level counts summed */
  sectionMismatches: number;
}

/** Compares every summary cell with a recount from the base tables (a full outer join: missing rows count too). */
export async function reconcile(db: Kysely<DB>): Promise<Reconciliation> {
  const rows = await sql<{ org_unit_id: number; industry_division: string; above_scale_year: number; scale: string; ownership: string; se: number; sc: number; re: number; rc: number; n: number }>`
    with r as (${sql.raw(RECOUNT_SQL)}),
    s as (select * from coverage_counts where enterprises <> 0 or covered <> 0),
    j as (
      select coalesce(s.org_unit_id, r.org_unit_id) as org_unit_id, coalesce(s.industry_division, r.industry_division) as industry_division,
             coalesce(s.above_scale_year, r.above_scale_year) as above_scale_year, coalesce(s.scale, r.scale) as scale, coalesce(s.ownership, r.ownership) as ownership,
             coalesce(s.enterprises, 0) as se, coalesce(s.covered, 0) as sc, coalesce(r.enterprises, 0) as re, coalesce(r.covered, 0) as rc
      from s full join r using (org_unit_id, industry_division, above_scale_year, scale, ownership)
    )
    select j.*, count(*) over ()::int as n from j where se <> re or sc <> rc limit 20`.execute(db);
  const cells = await sql<{ n: number }>`select count(*)::int as n from coverage_counts where enterprises <> 0 or covered <> 0`.execute(db);
  const flags = await sql<{ n: number }>`
    select count(*)::int as n from enterprises e
    where e.has_active_officer <> exists (select 1 from filings f where f.enterprise_id = e.id and f.status = 'active')`.execute(db);
  const sectionRows = await sql<{ n: number }>`
    with c as (select org_unit_id, industry_section, above_scale_year, scale, ownership, sum(enterprises)::int as e, sum(covered)::int as c from coverage_counts group by 1, 2, 3, 4, 5),
         s as (select org_unit_id, industry_section, above_scale_year, scale, ownership, enterprises as e, covered as c from coverage_section_counts)
    select count(*)::int as n from c full join s using (org_unit_id, industry_section, above_scale_year, scale, ownership)
    where coalesce(c.e, 0) <> coalesce(s.e, 0) or coalesce(c.c, 0) <> coalesce(s.c, 0)`.execute(db);
  const monthly = await sql<{ n: number }>`
    with m as (select org_unit_id, sum(enterprises_delta)::int as e, sum(covered_delta)::int as c from coverage_monthly group by org_unit_id),
         c as (select org_unit_id, sum(enterprises)::int as e, sum(covered)::int as c from coverage_counts group by org_unit_id)
    select count(*)::int as n from m full join c using (org_unit_id) where coalesce(m.e, 0) <> coalesce(c.e, 0) or coalesce(m.c, 0) <> coalesce(c.c, 0)`.execute(db);
  const mismatches = rows.rows[0]?.n ?? 0;
  const flagMismatches = flags.rows[0]?.n ?? 0;
  const monthlyMismatches = monthly.rows[0]?.n ?? 0;
  const sectionMismatches = sectionRows.rows[0]?.n ?? 0;
  return {
    ok: mismatches === 0 && flagMismatches === 0 && monthlyMismatches === 0 && sectionMismatches === 0,
    checkedCells: cells.rows[0]?.n ?? 0,
    mismatches,
    sample: rows.rows.map((r) => ({
      orgUnitId: Number(r.org_unit_id),
      industryDivision: r.industry_division,
      aboveScaleYear: r.above_scale_year,
      scale: r.scale,
      ownership: r.ownership,
      stored: { enterprises: r.se, covered: r.sc },
      recount: { enterprises: r.re, covered: r.rc },
    })),
    flagMismatches,
    monthlyMismatches,
    sectionMismatches,
  };
}

/**
 * Rebuilds both summaries from the base tables, inside the caller's transaction (which holds an exclusive
 * lock on them, so enterprise writes wait for the rebuild instead of being lost). The counts are a recount;
 * the monthly history is reconstructed from filing dates (approved: +1 in the month of decision; ended: −1 in
 * the month of the end), and whatever the filings do not explain is booked as an opening balance in 2000-01.
 */
export async function rebuildSummaries(trx: Kysely<DB>): Promise<{ cells: number; monthlyRows: number }> {
  await sql`lock table coverage_counts, coverage_section_counts, coverage_monthly in exclusive mode`.execute(trx);
  await sql`delete from coverage_counts`.execute(trx);
  await sql`insert into coverage_counts (org_unit_id, industry_division, industry_section, above_scale_year, scale, ownership, enterprises, covered) ${sql.raw(RECOUNT_SQL)}`.execute(trx);
  await sql`delete from coverage_section_counts`.execute(trx);
  await sql`
    insert into coverage_section_counts (org_unit_id, industry_section, above_scale_year, scale, ownership, enterprises, covered)
    select org_unit_id, industry_section, above_scale_year, scale, ownership, sum(enterprises), sum(covered)
    from coverage_counts group by 1, 2, 3, 4, 5`.execute(trx);
  await sql`delete from coverage_monthly`.execute(trx);
  await sql`
    with ev as (
      select f.enterprise_id, date_trunc('month', f.decided_at at time zone 'Asia/Shanghai')::date as month, 1 as delta, 1 as activated
      from filings f where f.status in ('active', 'ended') and f.decided_at is not null
      union all
      select f.enterprise_id, date_trunc('month', f.ended_at)::date, -1, case when f.end_kind = 'superseded' then -1 else 0 end
      from filings f where f.status = 'ended' and f.ended_at is not null and f.decided_at is not null
    ),
    g as (
      select e.org_unit_id, ev.month, e.industry_section,
             (case when e.above_scale then coalesce(e.above_scale_year, 0) else 0 end)::smallint as above_scale_year, e.scale, e.ownership,
             sum(ev.delta)::int as covered_delta, sum(ev.activated)::int as activated
      from ev join enterprises e on e.id = ev.enterprise_id
      where e.status = 'operating' and e.roster_status = 'confirmed'
      group by 1, 2, 3, 4, 5, 6
    )
    insert into coverage_monthly (org_unit_id, month, industry_section, above_scale_year, scale, ownership, enterprises_delta, covered_delta, activated)
    select anc.id, g.month, g.industry_section, g.above_scale_year, g.scale, g.ownership, 0, sum(g.covered_delta), greatest(sum(g.activated), 0)
    from g join org_units u on u.id = g.org_unit_id join org_units anc on ${pathUnder('u.path', 'anc.path')}
    group by anc.id, g.month, g.industry_section, g.above_scale_year, g.scale, g.ownership`.execute(trx);
  // opening balance: the counts minus what the reconstructed history explains
  await sql`
    with c as (
      select org_unit_id, industry_section, above_scale_year, scale, ownership, sum(enterprises)::int as e, sum(covered)::int as c
      from coverage_counts group by 1, 2, 3, 4, 5
    ),
    m as (
      select org_unit_id, industry_section, above_scale_year, scale, ownership, sum(enterprises_delta)::int as e, sum(covered_delta)::int as c
      from coverage_monthly group by 1, 2, 3, 4, 5
    )
    insert into coverage_monthly (org_unit_id, month, industry_section, above_scale_year, scale, ownership, enterprises_delta, covered_delta, activated)
    select org_unit_id, date '2000-01-01', industry_section, above_scale_year, scale, ownership, coalesce(c.e, 0) - coalesce(m.e, 0), coalesce(c.c, 0) - coalesce(m.c, 0), 0
    from c full join m using (org_unit_id, industry_section, above_scale_year, scale, ownership)
    where coalesce(c.e, 0) <> coalesce(m.e, 0) or coalesce(c.c, 0) <> coalesce(m.c, 0)
    on conflict (org_unit_id, month, industry_section, above_scale_year, scale, ownership)
    do update set enterprises_delta = coverage_monthly.enterprises_delta + excluded.enterprises_delta, covered_delta = coverage_monthly.covered_delta + excluded.covered_delta`.execute(trx);
  const cells = await sql<{ n: number }>`select count(*)::int as n from coverage_counts`.execute(trx);
  const monthly = await sql<{ n: number }>`select count(*)::int as n from coverage_monthly`.execute(trx);
  return { cells: cells.rows[0]?.n ?? 0, monthlyRows: monthly.rows[0]?.n ?? 0 };
}
