import { sql } from 'kysely';
import { applicableTarget, coverageShare } from '../../../domain/coverage';
import { minutesToStudyHours } from '../../../domain/study-hours';
import type { SessionAccount } from '../../auth/session-store';
import type { Database } from '../../db/database';
import type { ColumnDef } from '../../excel/workbook';
import type { SettingsService } from '../settings/service';
import { segmentCondition } from './engine';
import { CoverageService, currentYear } from './service';

export interface ScorecardRow {
  orgUnitId: number;
  name: string;
  aboveScale: { enterprises: number; covered: number; share: number; target: number | null; met: boolean | null };
  sme: { enterprises: number; covered: number; share: number; target: number | null; met: boolean | null };
  newOfficers: number;
  officers: number;
  trained: number;
  trainingShare: number;
  averageStudyHours: number;
  studyTargetMet: number;
  studyShare: number;
  decided: number;
  decidedOnTime: number;
  onTimeShare: number;
}

/**
 * The 考核 scorecard of the units directly under one unit (and the unit itself as the total line) for a year:
 * coverage of 规上 and 中小微 enterprises at the year's end against the target, new CQOs, training completion
 * (officers in office at the year's end holding a training certificate issued that year), online self-study hours (credited
 * in the year) and reviews decided within the review period.
 */
export async function scorecard(db: Database, settingsService: SettingsService, caller: SessionAccount, orgUnitId: number | undefined, year: number) {
  const coverage = new CoverageService(db);
  const unit = await coverage.unitInScope(db, caller, orgUnitId);
  const [segments, targets, study, system] = await Promise.all([coverage.segments(), coverage.targets(), settingsService.studySettings(), settingsService.systemSettings()]);
  const above = segments.find((s) => s.code === 'aboveScale');
  const sme = segments.find((s) => s.code === 'sme');
  if (!above || !sme) throw new Error('built-in coverage segments missing');
  const yearEnd = `${year}-12-31`;
  const after = `${year + 1}-01-01`;
  const isCurrent = year >= currentYear();
  const ind = caller.role === 'department' && caller.industryScope ? sql<boolean>`c.industry_section = any(${caller.industryScope})` : sql<boolean>`true`;
  const indE = caller.role === 'department' && caller.industryScope ? sql<boolean>`e.industry_section = any(${caller.industryScope})` : sql<boolean>`true`;

  // the units: the chosen one (total line) and its children
  const units = await db.selectFrom('org_units').select(['id', 'name', 'path', 'sort']).where((eb) => eb.or([eb('id', '=', unit.id), eb('parent_id', '=', unit.id)])).orderBy('depth').orderBy('sort').orderBy('code').execute();
  const ids = units.map((u) => u.id);

  // coverage at the year's end: today's counts minus what changed after it
  const cov = await sql<{ org_unit_id: number; ae: number; ac: number; se: number; sc: number; na: number }>`
    with now_c as (
      select c.org_unit_id,
             coalesce(sum(c.enterprises) filter (where ${segmentCondition(above.definition, year, 'c')}), 0) as ae,
             coalesce(sum(c.covered) filter (where ${segmentCondition(above.definition, year, 'c')}), 0) as ac,
             coalesce(sum(c.enterprises) filter (where ${segmentCondition(sme.definition, year, 'c')}), 0) as se,
             coalesce(sum(c.covered) filter (where ${segmentCondition(sme.definition, year, 'c')}), 0) as sc
      from coverage_section_counts c where c.org_unit_id = any(${ids}) and ${ind} group by c.org_unit_id
    ),
    later as (
      select c.org_unit_id,
             coalesce(sum(c.enterprises_delta) filter (where c.month >= ${after}::date and ${segmentCondition(above.definition, year, 'c')}), 0) as ae,
             coalesce(sum(c.covered_delta) filter (where c.month >= ${after}::date and ${segmentCondition(above.definition, year, 'c')}), 0) as ac,
             coalesce(sum(c.enterprises_delta) filter (where c.month >= ${after}::date and ${segmentCondition(sme.definition, year, 'c')}), 0) as se,
             coalesce(sum(c.covered_delta) filter (where c.month >= ${after}::date and ${segmentCondition(sme.definition, year, 'c')}), 0) as sc,
             coalesce(sum(c.activated) filter (where c.month between ${`${year}-01-01`}::date and ${`${year}-12-01`}::date and ${segmentCondition(above.definition, year, 'c')}), 0) as na
      from coverage_monthly c where c.org_unit_id = any(${ids}) and ${ind} group by c.org_unit_id
    )
    select n.org_unit_id, (n.ae - coalesce(l.ae, 0))::int as ae, (n.ac - coalesce(l.ac, 0))::int as ac, (n.se - coalesce(l.se, 0))::int as se,
           (n.sc - coalesce(l.sc, 0))::int as sc, coalesce(l.na, 0)::int as na
    from now_c n left join later l using (org_unit_id)`.execute(db);

  // officers in office at the year's end (or now), with training and study of the year
  const officerCond = isCurrent
    ? sql<boolean>`f.status = 'active'`
    : sql<boolean>`f.status in ('active', 'ended') and f.decided_at < ${after}::date and (f.ended_at is null or f.ended_at > ${yearEnd}::date)`;
  const minutesTarget = (study.targetHoursByYear[String(year)] ?? study.annualTargetHours) * study.minutesPerHour;
  const off = await sql<{ unit_id: number; officers: number; trained: number; minutes: number; met: number }>`
    with o as (
      select distinct u.id as unit_id, f.person_id
      from org_units u join org_units x on (x.path = u.path or x.path like u.path || '.%')
      join filings f on f.org_unit_id = x.id join enterprises e on e.id = f.enterprise_id
      where u.id = any(${ids}) and ${officerCond} and ${indE}
    ),
    s as (select person_id, sum(minutes)::int as minutes from study_ledger_entries where year = ${year} and status = 'credited' and online group by person_id)
    select o.unit_id, count(*)::int as officers,
           count(*) filter (where exists (select 1 from certificates t where t.person_id = o.person_id and t.kind = 'training_certificate'
                                           and t.status <> 'revoked' and t.issued_at >= ${`${year}-01-01`}::date and t.issued_at < ${after}::date))::int as trained,
           coalesce(sum(s.minutes), 0)::int as minutes,
           count(*) filter (where coalesce(s.minutes, 0) >= ${minutesTarget})::int as met
    from o left join s on s.person_id = o.person_id group by o.unit_id`.execute(db);

  // reviews decided in the year within the review period (working days by the official calendar; weekends only without one)
  const rev = await sql<{ unit_id: number; decided: number; on_time: number }>`
    select u.id as unit_id, count(*)::int as decided,
           count(*) filter (where (select count(*) from generate_series(r.submitted_at::date + 1, r.decided_at::date, interval '1 day') d
                                   left join working_calendar_days w on w.day = d::date
                                   where case w.kind when 'workday' then true when 'holiday' then false else extract(isodow from d) < 6 end) <= ${system.filingReviewWorkingDays})::int as on_time
    from org_units u join org_units x on (x.path = u.path or x.path like u.path || '.%')
    join filings f on f.org_unit_id = x.id join enterprises e on e.id = f.enterprise_id join filing_rounds r on r.filing_id = f.id
    where u.id = any(${ids}) and r.decision in ('approved', 'returned', 'rejected') and r.decided_at >= ${`${year}-01-01`}::date and r.decided_at < ${after}::date and ${indE}
    group by u.id`.execute(db);

  const covBy = new Map(cov.rows.map((r) => [Number(r.org_unit_id), r]));
  const offBy = new Map(off.rows.map((r) => [Number(r.unit_id), r]));
  const revBy = new Map(rev.rows.map((r) => [Number(r.unit_id), r]));
  const aboveTarget = applicableTarget(targets.filter((t) => t.segmentCode === 'aboveScale'), year)?.share ?? null;
  const smeTarget = applicableTarget(targets.filter((t) => t.segmentCode === 'sme'), year)?.share ?? null;
  const part = (enterprises: number, covered: number, target: number | null) => {
    const share = coverageShare(covered, enterprises);
    return { enterprises, covered, share, target, met: target === null ? null : share >= target };
  };
  const rows: ScorecardRow[] = units.map((u) => {
    const c = covBy.get(u.id);
    const o = offBy.get(u.id);
    const r = revBy.get(u.id);
    const officers = o?.officers ?? 0;
    return {
      orgUnitId: u.id,
      name: u.id === unit.id ? `${u.name}（合计）` : u.name,
      aboveScale: part(c?.ae ?? 0, c?.ac ?? 0, aboveTarget),
      sme: part(c?.se ?? 0, c?.sc ?? 0, smeTarget),
      newOfficers: c?.na ?? 0,
      officers,
      trained: o?.trained ?? 0,
      trainingShare: coverageShare(o?.trained ?? 0, officers),
      averageStudyHours: officers ? minutesToStudyHours(Math.floor((o?.minutes ?? 0) / officers), study.minutesPerHour) : 0,
      studyTargetMet: o?.met ?? 0,
      studyShare: coverageShare(o?.met ?? 0, officers),
      decided: r?.decided ?? 0,
      decidedOnTime: r?.on_time ?? 0,
      onTimeShare: coverageShare(r?.on_time ?? 0, r?.decided ?? 0),
    };
  });
  // the total line last, as in the government's forms
  rows.push(...rows.splice(0, 1));
  return { unit: { id: unit.id, name: unit.name }, year, rows };
}

const pct = (n: number) => `${(n * 100).toFixed(1)}%`;
const metLabel = (m: boolean | null) => (m === null ? '—' : m ? '达标' : '未达标');

export const SCORECARD_COLUMNS: readonly ColumnDef<ScorecardRow>[] = [
  { header: '地区', key: 'name', width: 18, value: (r) => r.name },
  { header: '规上企业数', key: 'ae', width: 12, value: (r) => r.aboveScale.enterprises },
  { header: '规上已设首席质量官', key: 'ac', width: 14, value: (r) => r.aboveScale.covered },
  { header: '规上覆盖率', key: 'as', width: 12, value: (r) => pct(r.aboveScale.share) },
  { header: '规上目标', key: 'at', width: 10, value: (r) => (r.aboveScale.target === null ? '—' : pct(r.aboveScale.target)) },
  { header: '规上是否达标', key: 'am', width: 12, value: (r) => metLabel(r.aboveScale.met) },
  { header: '中小微企业数', key: 'se', width: 12, value: (r) => r.sme.enterprises },
  { header: '中小微已设首席质量官', key: 'sc', width: 14, value: (r) => r.sme.covered },
  { header: '中小微覆盖率', key: 'ss', width: 12, value: (r) => pct(r.sme.share) },
  { header: '中小微目标', key: 'st', width: 10, value: (r) => (r.sme.target === null ? '—' : pct(r.sme.target)) },
  { header: '中小微是否达标', key: 'sm', width: 12, value: (r) => metLabel(r.sme.met) },
  { header: '本年新增规上首席质量官', key: 'na', width: 14, value: (r) => r.newOfficers },
  { header: '在任首席质量官', key: 'of', width: 12, value: (r) => r.officers },
  { header: '取得培训合格证', key: 'tr', width: 12, value: (r) => r.trained },
  { header: '培训完成率', key: 'ts', width: 12, value: (r) => pct(r.trainingShare) },
  { header: '人均线上自学学时', key: 'ah', width: 10, value: (r) => r.averageStudyHours },
  { header: '线上自学达标人数', key: 'sm2', width: 12, value: (r) => r.studyTargetMet },
  { header: '线上自学达标率', key: 'sh', width: 12, value: (r) => pct(r.studyShare) },
  { header: '本年审结备案轮次', key: 'de', width: 14, value: (r) => r.decided },
  { header: '按期审结', key: 'ot', width: 10, value: (r) => r.decidedOnTime },
  { header: '按期审结率', key: 'os', width: 12, value: (r) => pct(r.onTimeShare) },
];
