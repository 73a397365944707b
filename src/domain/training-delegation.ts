/**
 * 合并至市级: a county whose bureau cannot yet run the 基础 tier may be merged into its city (policy 五). The city
 * then delivers the county's 基础 training (and files the 基础 plan that covers it) and reviews the 聘任备案 of
 * enterprises in that county instead of the county bureau. These pure rules take the unit's chain of org units
 * (the unit itself and its ancestors, as loaded by the server) so server, jobs and web decide the same way.
 */
import type { OrgUnitKind } from './org-unit';
import { isWithinScope } from './org-unit';

export const TRAINING_TIERS = ['basic', 'enhanced', 'advanced'] as const;
export type TrainingTier = (typeof TRAINING_TIERS)[number];

export const TRAINING_TIER_LABELS: Record<TrainingTier, string> = {
  basic: '基础培训',
  enhanced: '提升培训',
  advanced: '高级培训',
};

/** One org unit on a chain: the unit a record belongs to and each unit above it. */
export interface ChainUnit {
  id: number;
  path: string;
  kind: OrgUnitKind;
  /** Only meaningful for counties: the city delivers its 基础 tier and reviews its filings. */
  mergedIntoCity: boolean;
}

const depth = (u: ChainUnit) => u.path.split('.').length;

/** The chain from the unit up to the province, nearest first (whatever order it was given in). */
function upward(chain: readonly ChainUnit[]): ChainUnit[] {
  return [...chain].sort((a, b) => depth(b) - depth(a));
}

/** The county a unit lies in (itself, or the county above a zone), if any. */
export function countyOf(chain: readonly ChainUnit[]): ChainUnit | undefined {
  return upward(chain).find((u) => u.kind === 'county');
}

const cityOf = (chain: readonly ChainUnit[]) => upward(chain).find((u) => u.kind === 'city');

/**
 * The bureau that delivers the 基础 tier for a unit: its county, or the city when the county is merged into it
 * (or when the unit lies under no county, e.g. a zone directly under a city); the province for the province.
 */
export function basicTierDelivererOf(chain: readonly ChainUnit[]): ChainUnit {
  const up = upward(chain);
  const unit = up[0];
  if (!unit) throw new Error('empty org-unit chain');
  const county = countyOf(up);
  if (county && !county.mergedIntoCity) return county;
  return cityOf(up) ?? up[up.length - 1] ?? unit;
}

/**
 * The unit whose bureau reviews filings of enterprises in a unit: the unit itself, or the city when the unit
 * lies in (or is) a county merged into the city. Bureaus above the reviewing unit keep their review power.
 */
export function filingReviewUnitOf(chain: readonly ChainUnit[]): ChainUnit {
  const up = upward(chain);
  const unit = up[0];
  if (!unit) throw new Error('empty org-unit chain');
  const county = countyOf(up);
  if (county?.mergedIntoCity) return cityOf(up) ?? unit;
  return unit;
}

/** May a bureau at `callerPath` approve, return or reject a filing of an enterprise in the unit of `chain`? */
export function mayReviewFilingOf(callerPath: string, chain: readonly ChainUnit[]): boolean {
  return isWithinScope(filingReviewUnitOf(chain).path, callerPath);
}

/**
 * The tiers a bureau files annual plans for: counties 基础 (none when merged into the city), cities 提升 and,
 * when at least one of their counties is merged into them, 基础; the province 高级. Zones file none.
 */
export function plannableTiers(kind: OrgUnitKind, opts: { mergedIntoCity: boolean; hasMergedCounties: boolean }): TrainingTier[] {
  if (kind === 'province') return ['advanced'];
  if (kind === 'city') return opts.hasMergedCounties ? ['basic', 'enhanced'] : ['enhanced'];
  if (kind === 'county') return opts.mergedIntoCity ? [] : ['basic'];
  return [];
}

/** The tiers whose curriculum and materials a bureau keeps: one set per city (基础, 提升), the province 高级. */
export function curriculumTiers(kind: OrgUnitKind): TrainingTier[] {
  if (kind === 'province') return ['advanced'];
  if (kind === 'city') return ['basic', 'enhanced'];
  return [];
}
