import { describe, expect, it } from 'vitest';
import { basicTierDelivererOf, curriculumTiers, filingReviewUnitOf, mayReviewFilingOf, plannableTiers, type ChainUnit } from './training-delegation';

const province: ChainUnit = { id: 1, path: '320000', kind: 'province', mergedIntoCity: false };
const city: ChainUnit = { id: 2, path: '320000.320500', kind: 'city', mergedIntoCity: false };
const county = (merged: boolean): ChainUnit => ({ id: 3, path: '320000.320500.320583', kind: 'county', mergedIntoCity: merged });
const zone: ChainUnit = { id: 4, path: '320000.320500.320583.Z01', kind: 'zone', mergedIntoCity: false };
const cityZone: ChainUnit = { id: 5, path: '320000.320500.Z02', kind: 'zone', mergedIntoCity: false };

describe('合并至市级', () => {
  it('the county delivers its 基础 tier, the city when the county is merged into it, whatever order the chain comes in', () => {
    expect(basicTierDelivererOf([province, city, county(false)]).id).toBe(3);
    expect(basicTierDelivererOf([county(true), province, city]).id).toBe(2);
    expect(basicTierDelivererOf([zone, county(false), city, province]).id).toBe(3);
    expect(basicTierDelivererOf([zone, county(true), city, province]).id).toBe(2);
    expect(basicTierDelivererOf([cityZone, city, province]).id).toBe(2);
    expect(basicTierDelivererOf([city, province]).id).toBe(2);
    expect(basicTierDelivererOf([province]).id).toBe(1);
  });

  it('filings of a merged county (and of zones in it) are reviewed by the city; otherwise by the unit itself', () => {
    expect(filingReviewUnitOf([province, city, county(false)]).id).toBe(3);
    expect(filingReviewUnitOf([province, city, county(true)]).id).toBe(2);
    expect(filingReviewUnitOf([zone, county(false), city, province]).id).toBe(4);
    expect(filingReviewUnitOf([zone, county(true), city, province]).id).toBe(2);
  });

  it('the county bureau loses the review of a merged county; the city and the province keep it', () => {
    const kunshan = '320000.320500.320583';
    expect(mayReviewFilingOf(kunshan, [province, city, county(false)])).toBe(true);
    expect(mayReviewFilingOf(kunshan, [province, city, county(true)])).toBe(false);
    expect(mayReviewFilingOf('320000.320500', [province, city, county(true)])).toBe(true);
    expect(mayReviewFilingOf('320000', [province, city, county(true)])).toBe(true);
    expect(mayReviewFilingOf('320000.320100', [province, city, county(false)])).toBe(false);
    // a zone bureau reviews its own zone, unless its county is merged
    expect(mayReviewFilingOf(zone.path, [zone, county(false), city, province])).toBe(true);
    expect(mayReviewFilingOf(zone.path, [zone, county(true), city, province])).toBe(false);
  });

  it('decides which tiers a bureau plans and which curricula it keeps', () => {
    expect(plannableTiers('county', { mergedIntoCity: false, hasMergedCounties: false })).toEqual(['basic']);
    expect(plannableTiers('county', { mergedIntoCity: true, hasMergedCounties: false })).toEqual([]);
    expect(plannableTiers('city', { mergedIntoCity: false, hasMergedCounties: false })).toEqual(['enhanced']);
    expect(plannableTiers('city', { mergedIntoCity: false, hasMergedCounties: true })).toEqual(['basic', 'enhanced']);
    expect(plannableTiers('province', { mergedIntoCity: false, hasMergedCounties: false })).toEqual(['advanced']);
    expect(plannableTiers('zone', { mergedIntoCity: false, hasMergedCounties: false })).toEqual([]);
    expect(curriculumTiers('city')).toEqual(['basic', 'enhanced']);
    expect(curriculumTiers('province')).toEqual(['advanced']);
    expect(curriculumTiers('county')).toEqual([]);
  });
});
