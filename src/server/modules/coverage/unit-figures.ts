import { sql, type Kysely, type RawBuilder } from 'kysely';
import { pathUnder } from '../../auth/scope';
import { DUTY_KINDS, type DutyKindKey } from '../../../domain/supervision';
import type { DB } from '../../db/types';
import { segmentCondition } from './engine';
import type { Segment } from './service';

/** What one org unit (with everything below it) counts for a year, as of the year's end. */
export interface UnitFigures {
  coverage: Record<string, { enterprises: number; covered: number }>;
  newOfficers: number;
  officers: number;
  trained: number;
  studyMinutes: number;
  studyMet: number;
  decided: number;
  decidedOnTime: number;
  duties: Record<DutyKindKey, number>;
  warnings: number;
  blacklistings: number;
}

export interface FigureOptions {
  /** enterprise categories to count coverage for; `aboveScale` also decides which new CQOs count */
  segments: readonly Segment[];
  /** the current year reads today's state; a past year what held at its end */
  isCurrent: boolean;
  /** online minutes an officer needs in the year */
  minutesTarget: number;
  reviewWorkingDays: number;
  /** GB/T 4754 sections (a department); null: all */
  industryScope: string[] | null;
}

const zeroDuties = () => Object.fromEntries(Object.keys(DUTY_KINDS).map((k) => [k, 0])) as Record<DutyKindKey, number>;

/**
 * The figures behind the scorecard and the 考核 of each unit in `ids` (each counting its whole subtree), as of the end
 * of `year`: coverage at the year's end (today's counts minus later changes), new CQOs activated in the year, officers in
 * office at the year's end, training certificates issued in the year and not revoked by its end, online self-study
 * credited in the year and recorded by its end, filing reviews decided in the year (within the review period by the
 * official working-day calendar), duty records of the year recorded by its end by 三.1–三.5, and warnings and
 * blacklistings decided in the year and not removed by its end. Rows written after the year only change the current year.
 */
export async function unitFigures(db: Kysely<DB>, ids: readonly number[], year: number, o: FigureOptions): Promise<Map<number, UnitFigures>> {
  const start = `${year}-01-01`;
  const yearEnd = `${year}-12-31`;
  const after = `${year + 1}-01-01`;
  const idList = [...ids];
  const ind = o.industryScope ? sql<boolean>`c.industry_section = any(${o.industryScope})` : sql<boolean>`true`;
  const indE = o.industryScope ? sql<boolean>`e.industry_section = any(${o.industryScope})` : sql<boolean>`true`;
  const above = o.segments.find((s) => s.code === 'aboveScale');
  const aboveCond = above ? segmentCondition(above.definition, year, 'c') : sql<boolean>`false`;
  const cols = (make: (cond: RawBuilder<boolean>, i: number) => RawBuilder<unknown>) => (o.segments.length ? sql`, ${sql.join(o.segments.map((s, i) => make(segmentCondition(s.definition, year, 'c'), i)))}` : sql``);

  const cov = await sql<Record<string, number>>`
    with now_c as (
      select c.org_unit_id ${cols((cond, i) => sql`coalesce(sum(c.enterprises) filter (where ${cond}), 0) as ${sql.raw(`e${String(i)}`)}, coalesce(sum(c.covered) filter (where ${cond}), 0) as ${sql.raw(`c${String(i)}`)}`)}
      from coverage_section_counts c where c.org_unit_id = any(${idList}) and ${ind} group by c.org_unit_id
    ),
    later as (
      select c.org_unit_id ${cols((cond, i) => sql`coalesce(sum(c.enterprises_delta) filter (where c.month >= ${after}::date and ${cond}), 0) as ${sql.raw(`e${String(i)}`)}, coalesce(sum(c.covered_delta) filter (where c.month >= ${after}::date and ${cond}), 0) as ${sql.raw(`c${String(i)}`)}`)},
             coalesce(sum(c.activated) filter (where c.month between ${start}::date and ${`${year}-12-01`}::date and ${aboveCond}), 0) as na
      from coverage_monthly c where c.org_unit_id = any(${idList}) and ${ind} group by c.org_unit_id
    )
    select n.org_unit_id::int as org_unit_id, coalesce(l.na, 0)::int as na
           ${o.segments.length ? sql`, ${sql.join(o.segments.map((_s, i) => sql`(n.${sql.raw(`e${String(i)}`)} - coalesce(l.${sql.raw(`e${String(i)}`)}, 0))::int as ${sql.raw(`e${String(i)}`)}, (n.${sql.raw(`c${String(i)}`)} - coalesce(l.${sql.raw(`c${String(i)}`)}, 0))::int as ${sql.raw(`c${String(i)}`)}`))}` : sql``}
    from now_c n left join later l using (org_unit_id)`.execute(db);

  const officerCond = o.isCurrent
    ? sql<boolean>`f.status = 'active'`
    : sql<boolean>`f.status in ('active', 'ended') and f.decided_at < ${after}::date and (f.ended_at is null or f.ended_at > ${yearEnd}::date)`;
  const off = await sql<{ unit_id: number; officers: number; trained: number; minutes: number; met: number }>`
    with o as (
      select distinct u.id as unit_id, f.person_id
      from org_units u join org_units x on ${pathUnder('x.path', 'u.path')}
      join filings f on f.org_unit_id = x.id join enterprises e on e.id = f.enterprise_id
      where u.id = any(${idList}) and ${officerCond} and ${indE}
    ),
    s as (select person_id, sum(minutes)::int as minutes from study_ledger_entries
          where year = ${year} and online and created_at < ${after}::date and (status = 'credited' or updated_at >= ${after}::date) group by person_id)
    select o.unit_id, count(*)::int as officers,
           count(*) filter (where exists (select 1 from certificates t where t.person_id = o.person_id and t.kind = 'training_certificate'
                                           and (t.status <> 'revoked' or t.status_changed_at >= ${after}::date)
                                           and t.issued_at >= ${start}::date and t.issued_at < ${after}::date))::int as trained,
           coalesce(sum(s.minutes), 0)::int as minutes,
           count(*) filter (where coalesce(s.minutes, 0) >= ${o.minutesTarget})::int as met
    from o left join s on s.person_id = o.person_id group by o.unit_id`.execute(db);

  const rev = await sql<{ unit_id: number; decided: number; on_time: number }>`
    select u.id as unit_id, count(*)::int as decided,
           count(*) filter (where (select count(*) from generate_series(r.submitted_at::date + 1, r.decided_at::date, interval '1 day') d
                                   left join working_calendar_days w on w.day = d::date
                                   where case w.kind when 'workday' then true when 'holiday' then false else extract(isodow from d) < 6 end) <= ${o.reviewWorkingDays})::int as on_time
    from org_units u join org_units x on ${pathUnder('x.path', 'u.path')}
    join filings f on f.org_unit_id = x.id join enterprises e on e.id = f.enterprise_id join filing_rounds r on r.filing_id = f.id
    where u.id = any(${idList}) and r.decision in ('approved', 'returned', 'rejected') and r.decided_at >= ${start}::date and r.decided_at < ${after}::date and ${indE}
    group by u.id`.execute(db);

  const duty = await sql<{ unit_id: number; kind: DutyKindKey; n: number }>`
    select u.id as unit_id, d.kind, count(*)::int as n
    from org_units u join org_units x on ${pathUnder('x.path', 'u.path')}
    join duty_records d on d.org_unit_id = x.id join enterprises e on e.id = d.enterprise_id
    where u.id = any(${idList}) and d.occurred_on between ${start}::date and ${yearEnd}::date and d.created_at < ${after}::date and ${indE}
    group by u.id, d.kind`.execute(db);

  const sanc = await sql<{ unit_id: number; warnings: number; blacklistings: number }>`
    select u.id as unit_id, count(*) filter (where s.kind = 'warning')::int as warnings, count(*) filter (where s.kind = 'blacklist')::int as blacklistings
    from org_units u join org_units x on ${pathUnder('x.path', 'u.path')}
    join sanctions s on s.org_unit_id = x.id join enterprises e on e.id = s.enterprise_id
    where u.id = any(${idList}) and s.status in ('in_force', 'removed') and s.decided_at >= ${start}::date and s.decided_at < ${after}::date
      and (s.removed_at is null or s.removed_at >= ${after}::date) and ${indE}
    group by u.id`.execute(db);

  const out = new Map<number, UnitFigures>();
  for (const id of idList) {
    out.set(id, { coverage: Object.fromEntries(o.segments.map((s) => [s.code, { enterprises: 0, covered: 0 }])), newOfficers: 0, officers: 0, trained: 0, studyMinutes: 0, studyMet: 0, decided: 0, decidedOnTime: 0, duties: zeroDuties(), warnings: 0, blacklistings: 0 });
  }
  const at = (id: number) => out.get(Number(id));
  for (const r of cov.rows) {
    const f = at(Number(r.org_unit_id));
    if (!f) continue;
    o.segments.forEach((s, i) => (f.coverage[s.code] = { enterprises: Number(r[`e${String(i)}`] ?? 0), covered: Number(r[`c${String(i)}`] ?? 0) }));
    f.newOfficers = Number(r.na ?? 0);
  }
  for (const r of off.rows) {
    const f = at(r.unit_id);
    if (f) Object.assign(f, { officers: r.officers, trained: r.trained, studyMinutes: r.minutes, studyMet: r.met });
  }
  for (const r of rev.rows) {
    const f = at(r.unit_id);
    if (f) Object.assign(f, { decided: r.decided, decidedOnTime: r.on_time });
  }
  for (const r of duty.rows) {
    const f = at(r.unit_id);
    if (f) f.duties[r.kind] += r.n;
  }
  for (const r of sanc.rows) {
    const f = at(r.unit_id);
    if (f) Object.assign(f, { warnings: r.warnings, blacklistings: r.blacklistings });
  }
  return out;
}
