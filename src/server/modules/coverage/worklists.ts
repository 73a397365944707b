import { sql, type Kysely } from 'kysely';
import { ENTERPRISE_STATUSES, OWNERSHIPS, SCALES, industryLabel } from '../../../domain/enterprise';
import { minutesToStudyHours } from '../../../domain/study-hours';
import { orgUnitWithin, scopeOf } from '../../auth/scope';
import type { SessionAccount } from '../../auth/session-store';
import type { DB } from '../../db/types';
import type { ColumnDef } from '../../excel/workbook';
import type { StudySettings } from '../settings/service';
import { enterpriseSegmentCondition } from './engine';
import type { Segment } from './service';
import { clock } from '../../clock';

/** The caller fields a worklist depends on (kept in job params, so an export sees exactly what its owner saw). */
export type WorklistCaller = Pick<SessionAccount, 'accountId' | 'role' | 'orgUnitId' | 'orgUnitPath' | 'enterpriseId' | 'industryScope'>;

export const WORKLIST_KINDS = { uncovered: '未设首席质量官的企业', overdue: '逾期未审的聘任备案', studyBehind: '学时进度落后的首席质量官' } as const;
export type WorklistKind = keyof typeof WORKLIST_KINDS;

export interface WorklistFilter {
  orgUnitId?: number | undefined;
  segment?: Segment | undefined;
  section?: string | undefined;
  q?: string | undefined;
  year: number;
}

const unitWithin = (alias: string, orgUnitId: number) =>
  orgUnitWithin(`${alias}.org_unit_id`, orgUnitId);

const likeEscape = (q: string) => q.replace(/[\\%_]/g, (c) => `\\${c}`);

export interface UncoveredRow {
  id: number;
  uscc: string;
  name: string;
  org_unit_name: string;
  industry_division: string;
  scale: string;
  ownership: string;
  above_scale: boolean;
  above_scale_year: number | null;
  contact_person: string | null;
  contact_phone: string | null;
  status: string;
}

/** Counted enterprises (operating, confirmed) in scope without an active CQO filing. */
export function uncoveredQuery(db: Kysely<DB>, caller: WorklistCaller, f: WorklistFilter) {
  let q = db
    .selectFrom('enterprises as e')
    .innerJoin('org_units as o', 'o.id', 'e.org_unit_id')
    .select(['e.id', 'e.uscc', 'e.name', 'o.name as org_unit_name', 'e.industry_division', 'e.scale', 'e.ownership', 'e.above_scale', 'e.above_scale_year', 'e.contact_person', 'e.contact_phone', 'e.status'])
    .where(scopeOf(caller).enterprise('e'))
    .where('e.has_active_officer', '=', false)
    .where('e.status', '=', 'operating')
    .where('e.roster_status', '=', 'confirmed');
  if (f.orgUnitId) q = q.where(unitWithin('e', f.orgUnitId));
  if (f.segment) q = q.where(enterpriseSegmentCondition(f.segment.definition, f.year, 'e'));
  if (f.section) q = q.where('e.industry_section', '=', f.section);
  if (f.q) q = q.where((eb) => eb.or([eb('e.name', 'ilike', `%${likeEscape(f.q ?? '')}%`), eb('e.uscc', 'like', `${likeEscape((f.q ?? '').toUpperCase())}%`)]));
  return q;
}

export interface OverdueRow {
  id: number;
  enterprise_id: number;
  enterprise_name: string;
  uscc: string;
  org_unit_name: string;
  person_name: string;
  round: number;
  submitted_at: Date | null;
  review_deadline: string | null;
  days_overdue: number;
}

/** Submitted filings whose review deadline has passed, in the caller's region (and industries, for a department). */
export function overdueQuery(db: Kysely<DB>, caller: WorklistCaller, f: WorklistFilter) {
  const today = clock.today();
  let q = db
    .selectFrom('filings as fl')
    .innerJoin('enterprises as e', 'e.id', 'fl.enterprise_id')
    .innerJoin('org_units as o', 'o.id', 'fl.org_unit_id')
    .innerJoin('persons as p', 'p.id', 'fl.person_id')
    .select([
      'fl.id',
      'e.id as enterprise_id',
      'e.name as enterprise_name',
      'e.uscc',
      'o.name as org_unit_name',
      'p.name as person_name',
      'fl.round',
      'fl.submitted_at',
      'fl.review_deadline',
      sql<number>`(${today}::date - fl.review_deadline)`.as('days_overdue'),
    ])
    .where(scopeOf(caller).enterprise('e'))
    .where('fl.status', '=', 'submitted')
    .where('fl.review_deadline', '<', today);
  if (f.orgUnitId) q = q.where(unitWithin('fl', f.orgUnitId));
  if (f.section) q = q.where('e.industry_section', '=', f.section);
  if (f.q) q = q.where('e.name', 'ilike', `%${likeEscape(f.q)}%`);
  return q;
}

export interface StudyBehindRow {
  filing_id: number;
  person_id: number;
  person_name: string;
  enterprise_id: number;
  enterprise_name: string;
  org_unit_name: string;
  minutes: number;
}

/** The minutes an officer should have by `today` to be on course for the year's target (pro rata by day). */
export function expectedMinutes(settings: StudySettings, year: number, today = clock.today()): number {
  const targetHours = settings.targetHoursByYear[String(year)] ?? settings.annualTargetHours;
  const target = targetHours * settings.minutesPerHour;
  const y = Number(today.slice(0, 4));
  if (y > year) return target;
  if (y < year) return 0;
  const start = Date.UTC(year, 0, 1);
  const end = Date.UTC(year + 1, 0, 1);
  const now = Date.parse(`${today}T00:00:00Z`);
  return Math.floor((target * (now - start)) / (end - start));
}

/** Officers in office (active filing) in scope whose online self-study this year (policy §五) is behind the pro-rata course. */
export function studyBehindQuery(db: Kysely<DB>, caller: WorklistCaller, f: WorklistFilter, expected: number) {
  let q = db
    .selectFrom('filings as fl')
    .innerJoin('enterprises as e', 'e.id', 'fl.enterprise_id')
    .innerJoin('org_units as o', 'o.id', 'fl.org_unit_id')
    .innerJoin('persons as p', 'p.id', 'fl.person_id')
    .leftJoin(
      db
        .selectFrom('study_ledger_entries')
        .select(['person_id', sql<number>`sum(minutes)::int`.as('minutes')])
        .where('year', '=', f.year)
        .where('status', '=', 'credited')
        .where('online', '=', true)
        .groupBy('person_id')
        .as('s'),
      (join) => join.onRef('s.person_id', '=', 'fl.person_id'),
    )
    .select(['fl.id as filing_id', 'p.id as person_id', 'p.name as person_name', 'e.id as enterprise_id', 'e.name as enterprise_name', 'o.name as org_unit_name', sql<number>`coalesce(s.minutes, 0)`.as('minutes')])
    .where(scopeOf(caller).enterprise('e'))
    .where('fl.status', '=', 'active')
    .where(sql<boolean>`coalesce(s.minutes, 0) < ${expected}`);
  if (f.orgUnitId) q = q.where(unitWithin('fl', f.orgUnitId));
  if (f.section) q = q.where('e.industry_section', '=', f.section);
  if (f.q) q = q.where((eb) => eb.or([eb('e.name', 'ilike', `%${likeEscape(f.q ?? '')}%`), eb('p.name', 'ilike', `%${likeEscape(f.q ?? '')}%`)]));
  return q;
}

export const UNCOVERED_COLUMNS: readonly ColumnDef<UncoveredRow>[] = [
  { header: '统一社会信用代码', key: 'uscc', width: 22, value: (r) => r.uscc },
  { header: '企业名称', key: 'name', width: 36, value: (r) => r.name },
  { header: '所属单位', key: 'unit', width: 16, value: (r) => r.org_unit_name },
  { header: '行业', key: 'industry', width: 28, value: (r) => industryLabel(r.industry_division) },
  { header: '规模', key: 'scale', width: 8, value: (r) => SCALES[r.scale as keyof typeof SCALES] },
  { header: '经济类型', key: 'ownership', width: 14, value: (r) => OWNERSHIPS[r.ownership as keyof typeof OWNERSHIPS] },
  { header: '规上企业', key: 'aboveScale', width: 10, value: (r) => (r.above_scale ? `是（${r.above_scale_year ?? ''}）` : '否') },
  { header: '联系人', key: 'contact', width: 10, value: (r) => r.contact_person },
  { header: '联系电话', key: 'phone', width: 14, value: (r) => r.contact_phone },
  { header: '经营状态', key: 'status', width: 8, value: (r) => ENTERPRISE_STATUSES[r.status as keyof typeof ENTERPRISE_STATUSES] },
];

export const OVERDUE_COLUMNS: readonly ColumnDef<OverdueRow>[] = [
  { header: '企业名称', key: 'enterprise', width: 36, value: (r) => r.enterprise_name },
  { header: '统一社会信用代码', key: 'uscc', width: 22, value: (r) => r.uscc },
  { header: '受理单位', key: 'unit', width: 16, value: (r) => r.org_unit_name },
  { header: '拟任首席质量官', key: 'person', width: 12, value: (r) => r.person_name },
  { header: '轮次', key: 'round', width: 6, value: (r) => r.round },
  { header: '提交时间', key: 'submitted', width: 18, value: (r) => r.submitted_at },
  { header: '审核期限', key: 'deadline', width: 12, value: (r) => r.review_deadline },
  { header: '逾期天数', key: 'days', width: 10, value: (r) => r.days_overdue },
];

export function studyBehindColumns(settings: StudySettings, expected: number): ColumnDef<StudyBehindRow>[] {
  return [
    { header: '首席质量官', key: 'person', width: 12, value: (r) => r.person_name },
    { header: '企业名称', key: 'enterprise', width: 36, value: (r) => r.enterprise_name },
    { header: '所属单位', key: 'unit', width: 16, value: (r) => r.org_unit_name },
    { header: '本年度已获学时', key: 'hours', width: 14, value: (r) => minutesToStudyHours(r.minutes, settings.minutesPerHour) },
    { header: '按进度应有学时', key: 'expected', width: 14, value: () => minutesToStudyHours(expected, settings.minutesPerHour) },
  ];
}
