import { z } from 'zod';
import { OWNERSHIPS, SCALES, dictKeys, type Ownership, type Scale } from './enterprise';

/**
 * Coverage (覆盖率) = enterprises of a segment with an active CQO filing ÷ enterprises of the segment.
 * A segment is data: a filter over enterprise fields. Every field left out matches everything.
 */
export const segmentDefinitionSchema = z
  .object({
    /** true: 规上 in the year asked about; false: not 规上 in that year */
    aboveScale: z.boolean().optional().meta({ title: '规上企业' }),
    scales: z
      .array(z.enum(dictKeys(SCALES)))
      .min(1)
      .optional()
      .meta({ title: '企业规模' }),
    ownerships: z
      .array(z.enum(dictKeys(OWNERSHIPS)))
      .min(1)
      .optional()
      .meta({ title: '经济类型' }),
    sections: z
      .array(z.string().regex(/^[A-T]$/))
      .min(1)
      .optional()
      .meta({ title: '行业门类' }),
  })
  .strict();
export type SegmentDefinition = z.infer<typeof segmentDefinitionSchema>;

export const BUILTIN_SEGMENTS = { aboveScale: '规上企业', sme: '中小微企业' } as const;

/** The enterprise fields coverage depends on. */
export interface CoverageFacts {
  aboveScale: boolean;
  aboveScaleYear: number | null;
  scale: Scale;
  ownership: Ownership;
  industrySection: string;
  status: 'operating' | 'deregistered' | 'revoked';
  rosterStatus: 'confirmed' | 'proposed' | 'refused';
}

/** Only operating enterprises confirmed on the roster count, in the numerator and the denominator. */
export const isCounted = (e: Pick<CoverageFacts, 'status' | 'rosterStatus'>): boolean => e.status === 'operating' && e.rosterStatus === 'confirmed';

/**
 * 规上 in `year`: the flag is set and the year it was determined for is not later than `year` (the latest
 * classification holds until the next one replaces it; an enterprise classified 规上 for 2027 is not 规上 in 2026).
 */
export function isAboveScaleIn(e: Pick<CoverageFacts, 'aboveScale' | 'aboveScaleYear'>, year: number): boolean {
  return e.aboveScale && e.aboveScaleYear !== null && e.aboveScaleYear <= year;
}

export function inSegment(def: SegmentDefinition, e: CoverageFacts, year: number): boolean {
  if (!isCounted(e)) return false;
  if (def.aboveScale !== undefined && isAboveScaleIn(e, year) !== def.aboveScale) return false;
  if (def.scales && !def.scales.includes(e.scale)) return false;
  if (def.ownerships && !def.ownerships.includes(e.ownership)) return false;
  if (def.sections && !def.sections.includes(e.industrySection)) return false;
  return true;
}

/** Share with four decimals, 0 for an empty segment (nothing to cover is shown as 0, with the count beside it). */
export const coverageShare = (covered: number, enterprises: number): number => (enterprises > 0 ? Math.round((covered / enterprises) * 10000) / 10000 : 0);

export interface TargetRow {
  year: number;
  share: number | null;
}

/**
 * The share that applies in `year`: the target of that year, or else the next later target (the goal being
 * worked towards), or else the latest earlier one (a goal reached stays the bar). null when none is set.
 */
export function applicableTarget(targets: readonly TargetRow[], year: number): { year: number; share: number } | null {
  const withShare = targets.filter((t): t is { year: number; share: number } => t.share !== null).sort((a, b) => a.year - b.year);
  return withShare.find((t) => t.year >= year) ?? withShare.at(-1) ?? null;
}

/**
 * When coverage reaches `target` at the current pace (enterprises newly covered per month, net):
 * 'met' if already reached, null if the pace is not positive (never at this pace), else the month 'YYYY-MM'.
 */
export function projectTargetMonth(opts: { covered: number; enterprises: number; target: number; netPerMonth: number; from: string }): string | 'met' | null {
  const needed = Math.ceil(opts.target * opts.enterprises - 1e-9) - opts.covered;
  if (needed <= 0) return 'met';
  if (opts.netPerMonth <= 0) return null;
  const months = Math.ceil(needed / opts.netPerMonth);
  if (months > 1200) return null;
  return addMonths(opts.from, months);
}

/** 'YYYY-MM' plus n months. */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const t = y * 12 + (m - 1) + n;
  return `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`;
}

/** Months from `from` to `to` inclusive, 'YYYY-MM'. */
export function monthRange(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = from; m <= to; m = addMonths(m, 1)) out.push(m);
  return out;
}
