import { applicableTarget, coverageShare } from '../../../domain/coverage';
import { minutesToStudyHours } from '../../../domain/study-hours';
import type { SessionAccount } from '../../auth/session-store';
import type { Database } from '../../db/database';
import type { ColumnDef } from '../../excel/workbook';
import type { SettingsService } from '../settings/service';
import { unitFigures } from './unit-figures';
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
  // the units: the chosen one (total line) and its children
  const units = await db.selectFrom('org_units').select(['id', 'name', 'path', 'sort']).where((eb) => eb.or([eb('id', '=', unit.id), eb('parent_id', '=', unit.id)])).orderBy('depth').orderBy('sort').orderBy('code').execute();
  const ids = units.map((u) => u.id);
  const minutesTarget = (study.targetHoursByYear[String(year)] ?? study.annualTargetHours) * study.minutesPerHour;
  const figures = await unitFigures(db, ids, year, {
    segments: [above, sme],
    isCurrent: year >= currentYear(),
    minutesTarget,
    reviewWorkingDays: system.filingReviewWorkingDays,
    industryScope: caller.role === 'department' ? caller.industryScope : null,
  });
  const aboveTarget = applicableTarget(targets.filter((t) => t.segmentCode === 'aboveScale'), year)?.share ?? null;
  const smeTarget = applicableTarget(targets.filter((t) => t.segmentCode === 'sme'), year)?.share ?? null;
  const part = (enterprises: number, covered: number, target: number | null) => {
    const share = coverageShare(covered, enterprises);
    return { enterprises, covered, share, target, met: target === null ? null : share >= target };
  };
  const rows: ScorecardRow[] = units.map((u) => {
    const f = figures.get(u.id);
    const officers = f?.officers ?? 0;
    const c = (code: string) => f?.coverage[code] ?? { enterprises: 0, covered: 0 };
    return {
      orgUnitId: u.id,
      name: u.id === unit.id ? `${u.name}（合计）` : u.name,
      aboveScale: part(c('aboveScale').enterprises, c('aboveScale').covered, aboveTarget),
      sme: part(c('sme').enterprises, c('sme').covered, smeTarget),
      newOfficers: f?.newOfficers ?? 0,
      officers,
      trained: f?.trained ?? 0,
      trainingShare: coverageShare(f?.trained ?? 0, officers),
      averageStudyHours: officers ? minutesToStudyHours(Math.floor((f?.studyMinutes ?? 0) / officers), study.minutesPerHour) : 0,
      studyTargetMet: f?.studyMet ?? 0,
      studyShare: coverageShare(f?.studyMet ?? 0, officers),
      decided: f?.decided ?? 0,
      decidedOnTime: f?.decidedOnTime ?? 0,
      onTimeShare: coverageShare(f?.decidedOnTime ?? 0, f?.decided ?? 0),
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
