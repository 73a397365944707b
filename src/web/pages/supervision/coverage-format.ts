export const percent = (share: number, digits = 1): string => `${(share * 100).toFixed(digits)}%`;

/** What a coverage figure of no enterprises (0/0) shows instead of 0%: nothing to cover, so nothing to grade. */
export const NO_ENTERPRISES = '无企业';

/** A coverage count: how many enterprises, how many of them covered, and the share (0 when there are none). */
export interface CoverageCount {
  enterprises: number;
  covered: number;
  share: number;
}

/** The share as a percentage, or 无企业 for 0/0 (which is not 0%). */
export const coverageShare = (c: CoverageCount, digits = 1): string => (c.enterprises === 0 ? NO_ENTERPRISES : percent(c.share, digits));

/** `47.1%（8/17）`, or 无企业 for 0/0. */
export const coverageText = (c: CoverageCount): string =>
  c.enterprises === 0 ? NO_ENTERPRISES : `${percent(c.share)}（${c.covered.toLocaleString()}/${c.enterprises.toLocaleString()}）`;

/**
 * Whether a coverage count meets a target share: null (no grade) when there is no target or no enterprises, so 0/0
 * is never graded 未达标.
 */
export const meetsTarget = (c: CoverageCount, target: number | null | undefined): boolean | null =>
  target === null || target === undefined || c.enterprises === 0 ? null : c.share >= target;

/** `part（n%）` of a whole, or — when the whole is 0 (a share of nothing is not 0%). */
export const partOfWhole = (part: number, whole: number): string => (whole === 0 ? '—' : `${part.toLocaleString()}（${((part / whole) * 100).toFixed(0)}%）`);

export function projectionText(projection: string | null, hasTarget: boolean, enterprises?: number): string {
  if (enterprises === 0) return '无企业，不评定';
  if (!hasTarget) return '未设目标';
  if (projection === 'met') return '已达到目标';
  if (projection === null) return '按当前进度无法达到';
  const [y, m] = projection.split('-');
  return `按当前进度预计 ${y} 年 ${Number(m)} 月达到`;
}
