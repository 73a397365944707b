import { describe, expect, it } from 'vitest';
import { assessRegion, composite, DEFAULT_SCHEME, gradeOf, rankPeers, schemeInputSchema, scoreIndicator, type RegionFigures } from './assessment';

const figures = (over: Partial<RegionFigures> = {}): RegionFigures => ({
  coverage: { aboveScale: { enterprises: 100, covered: 40, target: 0.8 }, sme: { enterprises: 1000, covered: 300, target: 0.5 } },
  newOfficers: 10,
  aboveScaleEnterprises: 100,
  provinceAboveScaleEnterprises: 10000,
  officers: 50,
  trained: 25,
  studyMet: 10,
  decided: 20,
  decidedOnTime: 19,
  duties: { laws: 10, management_meeting: 20, veto: 5, quality_management: 30, government_work: 5 },
  warnings: 1,
  blacklistings: 0,
  ...over,
});

describe('考核 scheme rules (policy 八: 纳入政府质量工作考核)', () => {
  it('八: the default scheme is valid and its weights sum to 100', () => {
    expect(schemeInputSchema.safeParse(DEFAULT_SCHEME).success).toBe(true);
    expect(DEFAULT_SCHEME.indicators.reduce((n, i) => n + i.weight, 0)).toBe(100);
    expect(new Set(DEFAULT_SCHEME.indicators.map((i) => i.kind))).toEqual(
      new Set(['coverage', 'new_officers', 'training', 'online_study', 'reviews_on_time', 'duty_records', 'sanctions']),
    );
  });

  it('八: weights must sum to 100, grades run from high to low down to 0, a coverage indicator names its category — in Chinese', () => {
    const bad = schemeInputSchema.safeParse({
      ...DEFAULT_SCHEME,
      indicators: DEFAULT_SCHEME.indicators.map((i) => (i.kind === 'training' ? { ...i, weight: 10 } : i)),
    });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toBe('各指标权重之和应为 100（现为 95）');
    const grades = schemeInputSchema.safeParse({
      ...DEFAULT_SCHEME,
      grades: [
        { label: '优秀', min: 80 },
        { label: '良好', min: 90 },
        { label: '合格', min: 10 },
      ],
    });
    expect(grades.error?.issues.map((i) => i.message)).toEqual(['分数线应从高到低排列且互不相同', '最低等次的分数线应为 0']);
    const seg = schemeInputSchema.safeParse({ ...DEFAULT_SCHEME, indicators: [{ kind: 'coverage', weight: 100 }] });
    expect(seg.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['indicators.0.segment', '覆盖率指标须选择企业类别']]);
    const dup = schemeInputSchema.safeParse({
      ...DEFAULT_SCHEME,
      indicators: [
        { kind: 'training', weight: 50 },
        { kind: 'training', weight: 50 },
      ],
    });
    expect(dup.error?.issues.map((i) => i.message)).toEqual(['同一指标不能重复设置']);
  });

  it('八: grade thresholds: a score at a threshold takes that grade; no score, no grade', () => {
    expect(gradeOf(90, DEFAULT_SCHEME.grades)).toBe('优秀');
    expect(gradeOf(89.99, DEFAULT_SCHEME.grades)).toBe('良好');
    expect(gradeOf(60, DEFAULT_SCHEME.grades)).toBe('合格');
    expect(gradeOf(0, DEFAULT_SCHEME.grades)).toBe('不合格');
    expect(gradeOf(null, DEFAULT_SCHEME.grades)).toBeNull();
  });

  it('八: ranking ties share a rank and the next rank skips (1, 2, 2, 4); regions without a score are not ranked', () => {
    const ranked = rankPeers([
      { id: 'a', score: 70 },
      { id: 'b', score: 90 },
      { id: 'c', score: 70 },
      { id: 'd', score: null },
      { id: 'e', score: 60 },
    ]);
    expect(ranked.map((r) => [r.id, r.rank])).toEqual([
      ['a', 2],
      ['b', 1],
      ['c', 2],
      ['d', null],
      ['e', 4],
    ]);
  });

  it('八/五: indicators measure against their base; achievement is capped at 1; the online figure is what online study counts', () => {
    const f = figures();
    const above = scoreIndicator({ kind: 'coverage', weight: 20, segment: 'aboveScale' }, f, { aboveScale: '规上企业' });
    expect(above).toMatchObject({ value: 40, base: 100, achievement: 0.5, score: 10 });
    expect(above.detail).toContain('规上企业覆盖率 40.0%');
    // 5000 shared out by 规上 enterprises: 100 of 10000 → 50 due; 10 new → 0.2
    expect(scoreIndicator({ kind: 'new_officers', weight: 15, provinceTarget: 5000 }, f)).toMatchObject({ value: 10, base: 50, achievement: 0.2, score: 3 });
    expect(scoreIndicator({ kind: 'online_study', weight: 15 }, f)).toMatchObject({ value: 10, base: 50, achievement: 0.2, score: 3 });
    expect(scoreIndicator({ kind: 'reviews_on_time', weight: 10 }, figures({ decided: 4, decidedOnTime: 4 }))).toMatchObject({ achievement: 1, score: 10 });
    expect(
      scoreIndicator({ kind: 'coverage', weight: 10, segment: 'sme' }, figures({ coverage: { sme: { enterprises: 10, covered: 9, target: 0.5 } } })),
    ).toMatchObject({ achievement: 1, score: 10 });
  });

  it('三: duty records count per officer over the chosen 三.1–三.5 categories', () => {
    const r = scoreIndicator({ kind: 'duty_records', weight: 10, perOfficer: 2, dutyKinds: ['laws', 'veto'] }, figures());
    expect(r).toMatchObject({ value: 15, base: 50, achievement: 0.15, score: 1.5 });
    expect(r.detail).toContain('人均 0.30 条');
  });

  it('七: warnings and blacklistings take points off, never below 0', () => {
    expect(scoreIndicator({ kind: 'sanctions', weight: 5, warningPoints: 2.5, blacklistPoints: 5 }, figures({ warnings: 1 }))).toMatchObject({ score: 2.5 });
    expect(scoreIndicator({ kind: 'sanctions', weight: 5, warningPoints: 2.5, blacklistPoints: 5 }, figures({ warnings: 1, blacklistings: 1 }))).toMatchObject({
      score: 0,
      achievement: 0,
    });
    expect(scoreIndicator({ kind: 'sanctions', weight: 5, warningPoints: 2.5, blacklistPoints: 5 }, figures({ warnings: 0 }))).toMatchObject({ score: 5 });
  });

  it('八: 0/0 indicators are shown as no data and not graded; the composite is over the weights with data', () => {
    const f = figures({ decided: 0, decidedOnTime: 0 });
    const result = assessRegion(DEFAULT_SCHEME, f);
    const reviews = result.indicators.find((i) => i.kind === 'reviews_on_time');
    expect(reviews).toMatchObject({ value: 0, base: 0, achievement: null, score: null });
    expect(reviews?.detail).toContain('无数据');
    const withData = result.indicators.filter((i) => i.score !== null);
    expect(result.score).toBe(Math.round((withData.reduce((n, i) => n + (i.score ?? 0), 0) / 90) * 100 * 100) / 100);
    // a region with nothing to measure gets no score, grade or rank
    const empty = figures({
      coverage: {},
      aboveScaleEnterprises: 0,
      officers: 0,
      trained: 0,
      studyMet: 0,
      decided: 0,
      decidedOnTime: 0,
      warnings: 0,
      newOfficers: 0,
    });
    const none = assessRegion(DEFAULT_SCHEME, empty);
    expect(none.indicators.every((i) => i.score === null)).toBe(true);
    expect(none).toMatchObject({ score: null, grade: null });
    expect(composite([])).toBeNull();
  });
});
