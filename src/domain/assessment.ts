import { z } from 'zod';
import { DUTY_KINDS, type DutyKindKey } from './supervision';

/**
 * 考核 as data (policy §八: "积极推动首席质量官制度推进情况纳入政府质量工作考核范围"). The province keeps a scheme per year
 * (versioned): indicators with weights summing to 100 and grade thresholds. The server gathers each region's figures
 * as of the year's end; these pure rules turn them into indicator scores, a composite score, a grade and a rank among
 * peers of the same level.
 */

export const INDICATOR_KINDS = ['coverage', 'new_officers', 'training', 'online_study', 'reviews_on_time', 'duty_records', 'sanctions'] as const;
export type IndicatorKind = (typeof INDICATOR_KINDS)[number];

/** Label and the policy clause each indicator measures. */
export const INDICATOR_INFO: Record<IndicatorKind, { label: string; clause: string; negative?: true }> = {
  coverage: { label: '首席质量官制度覆盖率（对照年度目标）', clause: '一.2' },
  new_officers: { label: '新增规上首席质量官（对照全省 5000 名的分解数）', clause: '一.2' },
  training: { label: '培训完成率', clause: '五' },
  online_study: { label: '线上自学达标率（年度线上自学不少于规定学时）', clause: '五' },
  reviews_on_time: { label: '聘任备案按期审结率', clause: '七' },
  duty_records: { label: '人均履职记录（三.1–三.5）', clause: '三' },
  sanctions: { label: '警示与黑名单（扣分）', clause: '七', negative: true },
};

const DUTY_KIND_KEYS = Object.keys(DUTY_KINDS) as [DutyKindKey, ...DutyKindKey[]];

export const indicatorSchema = z.object({
  kind: z.enum(INDICATOR_KINDS, { error: '指标类型无效' }).meta({ title: '类型' }),
  weight: z.number({ error: '权重应为数字' }).min(0, { error: '权重不能小于 0' }).max(100, { error: '权重不能大于 100' }).meta({ title: '权重' }),
  /** coverage: the enterprise category (覆盖率统计的企业类别代码) */
  segment: z.string().trim().min(1, { error: '请选择企业类别' }).max(40, { error: '企业类别代码不超过 40 个字符' }).optional().meta({ title: '企业类别' }),
  /** new_officers: the province's yearly number (policy: 5000 左右) */
  provinceTarget: z
    .number()
    .int({ error: '全省年度新增目标应为整数' })
    .min(1, { error: '全省年度新增目标至少为 1' })
    .max(100000, { error: '全省年度新增目标不超过 100000' })
    .optional()
    .meta({ title: '全省年度新增目标' }),
  /** duty_records: records per officer for full marks, and which duties count */
  perOfficer: z
    .number()
    .min(0.1, { error: '人均履职记录目标至少为 0.1' })
    .max(100, { error: '人均履职记录目标不超过 100' })
    .optional()
    .meta({ title: '人均履职记录目标' }),
  dutyKinds: z
    .array(z.enum(DUTY_KIND_KEYS, { error: '履职类别无效' }))
    .min(1, { error: '请至少选择一类职责' })
    .optional()
    .meta({ title: '计入的职责类别' }),
  /** reviews_on_time: the review period in working days (kept in the scheme so a past year reads the same) */
  workingDays: z
    .number()
    .int({ error: '审核期限应为整数个工作日' })
    .min(5, { error: '审核期限不少于 5 个工作日' })
    .max(60, { error: '审核期限不超过 60 个工作日' })
    .optional()
    .meta({ title: '审核期限（工作日）' }),
  /** sanctions: points taken off per warning / per blacklisting */
  warningPoints: z
    .number()
    .min(0, { error: '每次警示扣分不能小于 0' })
    .max(100, { error: '每次警示扣分不能大于 100' })
    .optional()
    .meta({ title: '每次警示扣分' }),
  blacklistPoints: z
    .number()
    .min(0, { error: '每次列入黑名单扣分不能小于 0' })
    .max(100, { error: '每次列入黑名单扣分不能大于 100' })
    .optional()
    .meta({ title: '每次列入黑名单扣分' }),
});
export type Indicator = z.infer<typeof indicatorSchema>;

export const gradeSchema = z.object({
  label: z.string().trim().min(1, { error: '请填写等次名称' }).max(10, { error: '等次名称不超过 10 个字' }).meta({ title: '等次名称' }),
  min: z.number({ error: '分数线应为数字' }).min(0, { error: '分数线不能小于 0' }).max(100, { error: '分数线不能大于 100' }).meta({ title: '分数线' }),
});
export type Grade = z.infer<typeof gradeSchema>;

const round2 = (n: number) => Math.round(n * 100) / 100;

export const schemeInputSchema = z
  .object({
    indicators: z.array(indicatorSchema).min(1, { error: '请至少设置一项指标' }).max(12, { error: '指标不超过 12 项' }).meta({ title: '考核指标' }),
    grades: z.array(gradeSchema).min(2, { error: '请至少设置两个等次' }).max(6, { error: '等次不超过 6 个' }).meta({ title: '考核等次' }),
    note: z.string().trim().max(200, { error: '说明不超过 200 个字' }).nullish().meta({ title: '说明' }),
  })
  .superRefine((v, ctx) => {
    const sum = round2(v.indicators.reduce((n, i) => n + i.weight, 0));
    if (sum !== 100) ctx.addIssue({ code: 'custom', path: ['indicators'], message: `各指标权重之和应为 100（现为 ${String(sum)}）` });
    const seen = new Set<string>();
    v.indicators.forEach((ind, i) => {
      const key = ind.kind === 'coverage' ? `coverage:${ind.segment ?? ''}` : ind.kind;
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['indicators', i, 'kind'], message: '同一指标不能重复设置' });
      seen.add(key);
      if (ind.kind === 'coverage' && !ind.segment) ctx.addIssue({ code: 'custom', path: ['indicators', i, 'segment'], message: '覆盖率指标须选择企业类别' });
    });
    v.grades.forEach((g, i) => {
      const prev = v.grades[i - 1];
      if (prev && g.min >= prev.min) ctx.addIssue({ code: 'custom', path: ['grades', i, 'min'], message: '分数线应从高到低排列且互不相同' });
    });
    if (v.grades.at(-1)?.min !== 0) ctx.addIssue({ code: 'custom', path: ['grades', v.grades.length - 1, 'min'], message: '最低等次的分数线应为 0' });
    if (new Set(v.grades.map((g) => g.label)).size !== v.grades.length) ctx.addIssue({ code: 'custom', path: ['grades'], message: '等次名称不能重复' });
  });
export type SchemeInput = z.infer<typeof schemeInputSchema>;

/** The scheme used for a year the province has not set: every indicator the issue lists, weights summing to 100. */
export const DEFAULT_SCHEME: SchemeInput = {
  indicators: [
    { kind: 'coverage', weight: 20, segment: 'aboveScale' },
    { kind: 'coverage', weight: 10, segment: 'sme' },
    { kind: 'new_officers', weight: 15, provinceTarget: 5000 },
    { kind: 'training', weight: 15 },
    { kind: 'online_study', weight: 15 },
    { kind: 'reviews_on_time', weight: 10, workingDays: 20 },
    { kind: 'duty_records', weight: 10, perOfficer: 2, dutyKinds: [...DUTY_KIND_KEYS] },
    { kind: 'sanctions', weight: 5, warningPoints: 2.5, blacklistPoints: 5 },
  ],
  grades: [
    { label: '优秀', min: 90 },
    { label: '良好', min: 80 },
    { label: '合格', min: 60 },
    { label: '不合格', min: 0 },
  ],
  note: '默认方案（苏质委办〔2020〕9号 八）',
};

/** A region's figures as of the year's end, gathered by the server. */
export interface RegionFigures {
  /** per enterprise category: enterprises, covered, and the year's target share (null: none set) */
  coverage: Record<string, { enterprises: number; covered: number; target: number | null }>;
  /** new 规上 CQOs of the year, and this region's and the province's 规上 enterprises (to share out the province's number) */
  newOfficers: number;
  aboveScaleEnterprises: number;
  provinceAboveScaleEnterprises: number;
  officers: number;
  trained: number;
  /** officers whose online self-study reached the year's target */
  studyMet: number;
  decided: number;
  /** decided within the scheme's review period (by `workingDays`; the server counts per period asked) */
  decidedOnTime: number;
  duties: Record<DutyKindKey, number>;
  warnings: number;
  blacklistings: number;
}

export interface IndicatorResult {
  kind: IndicatorKind;
  label: string;
  clause: string;
  segment: string | null;
  weight: number;
  /** what was counted and what it is measured against; denominator 0 means no data */
  value: number;
  base: number;
  /** 0–1, null when there is no data (then the indicator is not scored) */
  achievement: number | null;
  score: number | null;
  detail: string;
}

/** A city's or county's 考核 of a year: the composite score, grade and peer rank with every indicator behind it. */
export interface AssessmentRow {
  orgUnitId: number;
  code: string;
  name: string;
  level: 'province' | 'city' | 'county';
  parentName: string | null;
  score: number | null;
  grade: string | null;
  /** among units of the same level province-wide; null without a score (and for the province) */
  rank: number | null;
  peers: number;
  indicators: IndicatorResult[];
}

const ratio = (n: number, d: number) => (d > 0 ? n / d : null);
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** One indicator's result for a region. Achievement is capped at 1; an indicator with nothing to measure has no data. */
export function scoreIndicator(ind: Indicator, f: RegionFigures, segmentNames: Record<string, string> = {}): IndicatorResult {
  const info = INDICATOR_INFO[ind.kind];
  const head = { kind: ind.kind, label: info.label, clause: info.clause, segment: ind.segment ?? null, weight: ind.weight };
  const done = (value: number, base: number, achievement: number | null, detail: string): IndicatorResult => {
    const a = achievement === null ? null : Math.max(0, Math.min(1, achievement));
    return { ...head, value, base, achievement: a === null ? null : round2(a * 10000) / 10000, score: a === null ? null : round2(ind.weight * a), detail };
  };
  switch (ind.kind) {
    case 'coverage': {
      const c = f.coverage[ind.segment ?? ''] ?? { enterprises: 0, covered: 0, target: null };
      const name = segmentNames[ind.segment ?? ''] ?? ind.segment ?? '';
      const share = ratio(c.covered, c.enterprises);
      if (share === null) return { ...done(c.covered, c.enterprises, null, `${name}：无企业，无数据`), label: `${name}覆盖率（对照年度目标）` };
      const a = c.target ? share / c.target : share;
      return {
        ...done(
          c.covered,
          c.enterprises,
          a,
          `${name}覆盖率 ${pct(share)}（${String(c.covered)}/${String(c.enterprises)}），目标 ${c.target === null ? '未设定' : pct(c.target)}`,
        ),
        label: `${name}覆盖率（对照年度目标）`,
      };
    }
    case 'new_officers': {
      const target = ind.provinceTarget ?? 5000;
      const share = f.provinceAboveScaleEnterprises > 0 ? (target * f.aboveScaleEnterprises) / f.provinceAboveScaleEnterprises : 0;
      const due = Math.round(share * 10) / 10;
      if (due <= 0) return done(f.newOfficers, 0, null, '无规上企业，无分解数，无数据');
      return done(
        f.newOfficers,
        due,
        f.newOfficers / due,
        `本年新增 ${String(f.newOfficers)} 名，分解数 ${String(due)} 名（全省 ${String(target)} 名按规上企业数分解）`,
      );
    }
    case 'training': {
      const r = ratio(f.trained, f.officers);
      return done(f.trained, f.officers, r, r === null ? '无在任首席质量官，无数据' : `取得培训合格证 ${String(f.trained)}/${String(f.officers)}（${pct(r)}）`);
    }
    case 'online_study': {
      const r = ratio(f.studyMet, f.officers);
      return done(f.studyMet, f.officers, r, r === null ? '无在任首席质量官，无数据' : `线上自学达标 ${String(f.studyMet)}/${String(f.officers)}（${pct(r)}）`);
    }
    case 'reviews_on_time': {
      const r = ratio(f.decidedOnTime, f.decided);
      return done(
        f.decidedOnTime,
        f.decided,
        r,
        r === null ? '本年无审结备案，无数据' : `按期审结 ${String(f.decidedOnTime)}/${String(f.decided)}（${pct(r)}）`,
      );
    }
    case 'duty_records': {
      const kinds = ind.dutyKinds ?? DUTY_KIND_KEYS;
      const n = kinds.reduce((s, k) => s + (f.duties[k] ?? 0), 0);
      const per = ind.perOfficer ?? 1;
      const avg = ratio(n, f.officers);
      const byKind = kinds.map((k) => `${DUTY_KINDS[k]} ${String(f.duties[k] ?? 0)}`).join('，');
      return done(
        n,
        f.officers,
        avg === null ? null : avg / per,
        avg === null ? '无在任首席质量官，无数据' : `履职记录 ${String(n)} 条，人均 ${avg.toFixed(2)} 条（满分 ${String(per)} 条）：${byKind}`,
      );
    }
    case 'sanctions': {
      const off = f.warnings * (ind.warningPoints ?? 0) + f.blacklistings * (ind.blacklistPoints ?? 0);
      if (f.officers === 0 && f.warnings + f.blacklistings === 0) return done(0, 0, null, '无在任首席质量官，无数据');
      const a = ind.weight > 0 ? (ind.weight - off) / ind.weight : 1;
      return done(
        f.warnings + f.blacklistings,
        f.officers,
        a,
        `警示 ${String(f.warnings)} 次、列入黑名单 ${String(f.blacklistings)} 次，扣 ${String(round2(off))} 分`,
      );
    }
  }
}

/** Indicators with data must carry at least this share of the weight for a composite score to be given. */
export const MIN_WEIGHT_WITH_DATA = 50;

/**
 * The composite score: scores of the indicators with data, over their weights, on a scale of 100. Indicators without
 * data neither count nor are graded; below half the weight with data there is no composite (数据不足).
 */
export function composite(results: readonly IndicatorResult[]): number | null {
  const withData = results.filter((r) => r.score !== null);
  const weight = withData.reduce((n, r) => n + r.weight, 0);
  if (weight < MIN_WEIGHT_WITH_DATA || weight <= 0) return null;
  return round2((withData.reduce((n, r) => n + (r.score ?? 0), 0) / weight) * 100);
}

/** The grade of a score: the first threshold (from the highest) it reaches; none without a score. */
export function gradeOf(score: number | null, grades: readonly Grade[]): string | null {
  if (score === null) return null;
  return [...grades].sort((a, b) => b.min - a.min).find((g) => score >= g.min)?.label ?? null;
}

/** Competition ranking (1, 2, 2, 4) by score, highest first; rows without a score are not ranked. */
export function rankPeers<T extends { score: number | null }>(rows: readonly T[]): (T & { rank: number | null })[] {
  const scored = rows.filter((r) => r.score !== null).sort((a, b) => (b.score ?? 0) - (a.score ?? 0));
  const rankOf = new Map<T, number>();
  scored.forEach((r, i) => {
    const prev = scored[i - 1];
    rankOf.set(r, prev && prev.score === r.score ? (rankOf.get(prev) ?? i + 1) : i + 1);
  });
  return rows.map((r) => ({ ...r, rank: rankOf.get(r) ?? null }));
}

/** Scores one region under a scheme. */
export function assessRegion(scheme: Pick<SchemeInput, 'indicators' | 'grades'>, f: RegionFigures, segmentNames: Record<string, string> = {}) {
  const indicators = scheme.indicators.map((i) => scoreIndicator(i, f, segmentNames));
  const score = composite(indicators);
  return { indicators, score, grade: gradeOf(score, scheme.grades) };
}
