import { z } from 'zod';

/**
 * Award eligibility (质量奖申报条件, policy §八): "将建立首席质量官制度作为企业申报各级政府质量奖的必要条件". The conditions
 * are data the province keeps per award level, versioned (`award_condition_schemes`): the necessary condition — a
 * CQO appointed and filed — is always in; not being blacklisted is in by default; training, online self-study and
 * tenure may be added. Pure: the server gathers the facts and the scheme, this decides, with one reason per condition.
 */

export const AWARD_LEVELS = { province: '省级政府质量奖', city: '设区市政府质量奖', county: '县（市、区）政府质量奖' } as const;
export type AwardLevel = keyof typeof AWARD_LEVELS;

export const AWARD_CONDITION_KINDS = ['filed_officer', 'not_blacklisted', 'trained', 'online_study', 'tenure'] as const;
export type AwardConditionKind = (typeof AWARD_CONDITION_KINDS)[number];
/** Kept for the web types: a condition's key is its kind. */
export type AwardConditionKey = AwardConditionKind;

export const AWARD_CONDITION_LABELS: Record<AwardConditionKind, string> = {
  filed_officer: '已聘任首席质量官并完成聘任备案',
  not_blacklisted: '未列入首席质量官黑名单',
  trained: '首席质量官经培训合格',
  online_study: '首席质量官年度线上自学达标',
  tenure: '首席质量官任职满规定期限',
};

export interface AwardConditionSpec {
  kind: AwardConditionKind;
  /** tenure: `months`; online_study: `hours` (default: the year's target) */
  params: { months?: number | undefined; hours?: number | undefined };
}

/** The policy's default scheme: the necessary condition and no blacklisting. */
export const DEFAULT_AWARD_CONDITIONS: AwardConditionSpec[] = [
  { kind: 'filed_officer', params: {} },
  { kind: 'not_blacklisted', params: {} },
];

export const awardSchemeInputSchema = z
  .object({
    conditions: z
      .array(
        z.object({
          kind: z.enum(AWARD_CONDITION_KINDS, { error: '条件类型无效' }).meta({ title: '类型' }),
          params: z
            .object({
              months: z
                .number()
                .int()
                .min(1, { error: '任职期限至少 1 个月' })
                .max(120, { error: '任职期限不超过 120 个月' })
                .optional()
                .meta({ title: '任职期限（月）' }),
              hours: z.number().min(1, { error: '学时至少为 1' }).max(200, { error: '学时不超过 200' }).optional().meta({ title: '学时' }),
            })
            .default({})
            .meta({ title: '条件参数' }),
        }),
      )
      .min(1, { error: '请至少设置一项条件' })
      .max(AWARD_CONDITION_KINDS.length)
      .meta({ title: '评选条件' }),
    note: z.string().trim().max(200, { error: '说明不超过 200 个字' }).nullish().meta({ title: '说明' }),
  })
  .superRefine((v, ctx) => {
    if (!v.conditions.some((c) => c.kind === 'filed_officer')) {
      ctx.addIssue({
        code: 'custom',
        path: ['conditions'],
        message: '“已聘任首席质量官并完成聘任备案”是申报政府质量奖的必要条件（苏质委办〔2020〕9号 八），不能删除',
      });
    }
    if (new Set(v.conditions.map((c) => c.kind)).size !== v.conditions.length)
      ctx.addIssue({ code: 'custom', path: ['conditions'], message: '同一条件不能重复设置' });
  });

export interface AwardFacts {
  /** YYYY-MM-DD of the check */
  today: string;
  /** The enterprise's active filing, if any. */
  officer: { appointmentDate: string | null } | null;
  /** The officer holds a valid 培训合格证. */
  trained: boolean;
  /** Online self-study of the officer, e.g. this year and last year (a met year suffices). */
  study: { year: number; onlineMinutes: number; minutesPerHour: number; targetHours: number }[];
  /** Blacklist bans in force today that concern the enterprise or its current officer. */
  bans: { noticeNo: string | null; banEnd: string; currentOfficer: boolean }[];
}

export interface AwardCondition {
  key: AwardConditionKind;
  label: string;
  pass: boolean;
  reason: string;
}

export interface AwardEligibility {
  eligible: boolean;
  conditions: AwardCondition[];
}

const addMonths = (date: string, months: number): string => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
};

function evaluateOne(spec: AwardConditionSpec, f: AwardFacts): AwardCondition {
  const label = spec.kind === 'tenure' ? `首席质量官任职满 ${spec.params.months ?? 12} 个月` : AWARD_CONDITION_LABELS[spec.kind];
  const result = (pass: boolean, reason: string): AwardCondition => ({ key: spec.kind, label, pass, reason });
  const noOfficer = '无在任且已备案的首席质量官';
  switch (spec.kind) {
    case 'filed_officer':
      return f.officer
        ? result(true, `首席质量官聘任已备案${f.officer.appointmentDate ? `（聘任日期 ${f.officer.appointmentDate}）` : ''}`)
        : result(false, `${noOfficer}，请先办理聘任备案`);
    case 'trained':
      if (!f.officer) return result(false, noOfficer);
      return f.trained ? result(true, '首席质量官持有有效的培训合格证') : result(false, '首席质量官尚未取得有效的培训合格证');
    case 'online_study': {
      if (!f.officer) return result(false, noOfficer);
      const need = (s: AwardFacts['study'][number]) => spec.params.hours ?? s.targetHours;
      const met = [...f.study].sort((a, b) => b.year - a.year).find((s) => s.onlineMinutes >= need(s) * s.minutesPerHour);
      if (met) return result(true, `${met.year} 年度线上自学已达到 ${need(met)} 学时`);
      const years = [...f.study].sort((a, b) => a.year - b.year);
      const last = years[years.length - 1];
      return result(false, years.length && last ? `${years.map((s) => `${s.year} 年度`).join('、')}线上自学均未达到 ${need(last)} 学时` : '无线上自学记录');
    }
    case 'tenure': {
      if (!f.officer) return result(false, noOfficer);
      const months = spec.params.months ?? 12;
      if (!f.officer.appointmentDate) return result(false, '聘任日期不详');
      const due = addMonths(f.officer.appointmentDate, months);
      return due <= f.today
        ? result(true, `聘任日期 ${f.officer.appointmentDate}，任职已满 ${months} 个月`)
        : result(false, `聘任日期 ${f.officer.appointmentDate}，${due} 起任职满 ${months} 个月`);
    }
    case 'not_blacklisted': {
      const ban = [...f.bans].sort((a, b) => (a.banEnd < b.banEnd ? 1 : -1))[0];
      return ban
        ? result(
            false,
            `${ban.currentOfficer ? '现任首席质量官' : '本企业首席质量官'}因质量安全事故列入黑名单，禁入期至 ${ban.banEnd}${ban.noticeNo ? `（公告 ${ban.noticeNo}）` : ''}`,
          )
        : result(true, '本企业及其首席质量官不在黑名单禁入期内');
    }
  }
}

/** Every condition of the scheme, in its order, with its result; eligible when all pass. */
export function evaluateAwardEligibility(f: AwardFacts, scheme: readonly AwardConditionSpec[] = DEFAULT_AWARD_CONDITIONS): AwardEligibility {
  const conditions = scheme.map((spec) => evaluateOne(spec, f));
  return { eligible: conditions.every((c) => c.pass), conditions };
}
