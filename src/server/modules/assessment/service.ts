import { assessRegion, rankPeers, type AssessmentRow, type RegionFigures } from '../../../domain/assessment';
import { applicableTarget } from '../../../domain/coverage';
import { hasPermission } from '../../../domain/permissions';
import { isWithinScope } from '../../../domain/org-unit';
import type { SessionAccount } from '../../auth/session-store';
import type { Database } from '../../db/database';
import { forbidden } from '../../errors';
import type { SettingsService } from '../settings/service';
import { CoverageService, currentYear } from '../coverage/service';
import { unitFigures } from '../coverage/unit-figures';
import { schemeFor } from './schemes';

export type { AssessmentRow };

const BUREAUS = new Set(['province_admin', 'city_admin', 'county_admin']);

/**
 * The 考核 of a year (policy §八): every city and county scored under the year's scheme on its figures as of the
 * year's end, ranked among peers of the same level. The caller sees its own region: the province all, a city itself
 * and its counties, a county itself (each with its rank among all peers).
 */
export async function assessment(db: Database, settings: SettingsService, caller: SessionAccount, year: number, version?: number) {
  if (!BUREAUS.has(caller.role)) throw forbidden('考核结果仅向各级市场监管部门提供');
  const scheme = await schemeFor(db, year, version);
  const coverage = new CoverageService(db);
  const [segments, targets, study, system] = await Promise.all([
    coverage.segments(db),
    coverage.targets(),
    settings.studySettings(),
    settings.systemSettings(),
  ]);
  const wanted = new Set(['aboveScale', ...scheme.indicators.filter((i) => i.kind === 'coverage').map((i) => i.segment ?? '')]);
  const used = segments.filter((s) => wanted.has(s.code));
  const units = await db
    .selectFrom('org_units as u')
    .leftJoin('org_units as p', 'p.id', 'u.parent_id')
    .select(['u.id', 'u.code', 'u.name', 'u.kind', 'u.path', 'p.name as parentName'])
    .where('u.kind', 'in', ['province', 'city', 'county'])
    .orderBy('u.depth')
    .orderBy('u.sort')
    .orderBy('u.code')
    .execute();
  const reviews = scheme.indicators.find((i) => i.kind === 'reviews_on_time');
  const figures = await unitFigures(
    db,
    units.map((u) => u.id),
    year,
    {
      segments: used,
      isCurrent: year >= currentYear(),
      minutesTarget: (study.targetHoursByYear[String(year)] ?? study.annualTargetHours) * study.minutesPerHour,
      reviewWorkingDays: reviews?.workingDays ?? system.filingReviewWorkingDays,
      industryScope: null,
    },
  );
  const province = units.find((u) => u.kind === 'province');
  const provinceAbove = (province && figures.get(province.id)?.coverage.aboveScale?.enterprises) ?? 0;
  const segmentNames = Object.fromEntries(segments.map((s) => [s.code, s.name]));
  const targetOf = (code: string) =>
    applicableTarget(
      targets.filter((t) => t.segmentCode === code),
      year,
    )?.share ?? null;

  const scored = units.map((u) => {
    const f = figures.get(u.id);
    const region: RegionFigures = {
      coverage: Object.fromEntries(used.map((s) => [s.code, { ...(f?.coverage[s.code] ?? { enterprises: 0, covered: 0 }), target: targetOf(s.code) }])),
      newOfficers: f?.newOfficers ?? 0,
      aboveScaleEnterprises: f?.coverage.aboveScale?.enterprises ?? 0,
      provinceAboveScaleEnterprises: provinceAbove,
      officers: f?.officers ?? 0,
      trained: f?.trained ?? 0,
      studyMet: f?.studyMet ?? 0,
      decided: f?.decided ?? 0,
      decidedOnTime: f?.decidedOnTime ?? 0,
      duties: f?.duties ?? { laws: 0, management_meeting: 0, veto: 0, quality_management: 0, government_work: 0 },
      warnings: f?.warnings ?? 0,
      blacklistings: f?.blacklistings ?? 0,
    };
    const result = assessRegion(scheme, region, segmentNames);
    return { unit: u, ...result };
  });
  const rankIn = (level: 'city' | 'county') => {
    const peers = scored.filter((s) => s.unit.kind === level);
    return new Map(rankPeers(peers).map((r) => [r.unit.id, { rank: r.rank, peers: peers.length }]));
  };
  const ranks = new Map([...rankIn('city'), ...rankIn('county')]);
  const rows: AssessmentRow[] = scored
    .filter((s) => isWithinScope(s.unit.path, caller.orgUnitPath))
    .map((s) => ({
      orgUnitId: s.unit.id,
      code: s.unit.code,
      name: s.unit.name,
      level: s.unit.kind as AssessmentRow['level'],
      parentName: s.unit.parentName,
      score: s.score,
      grade: s.grade,
      rank: ranks.get(s.unit.id)?.rank ?? null,
      peers: ranks.get(s.unit.id)?.peers ?? 0,
      indicators: s.indicators,
    }));
  return {
    year,
    scheme: { year: scheme.year, version: scheme.version, note: scheme.note ?? null, indicators: scheme.indicators, grades: scheme.grades },
    rows,
    canEditScheme: hasPermission(caller.role, 'targets:manage') && year >= currentYear(),
  };
}
