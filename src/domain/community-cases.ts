import { z } from 'zod';

/**
 * Exchange and sharing (交流分享): the case library (经验案例) and community events (交流活动), and the province's
 * rule for crediting community contributions to the annual study account. Shared by server and web.
 */

export const CASE_STATUSES = {
  draft: '草稿',
  submitted: '待审核',
  returned: '已退回',
  published: '已发布',
  withdrawn: '已撤回',
} as const;
export type CaseStatus = keyof typeof CASE_STATUSES;

/** Quality tools and methods a case can be tagged with. */
export const CASE_TOOLS = [
  '质量攻关',
  'QC小组',
  '六西格玛',
  '精益生产',
  '卓越绩效',
  '全面质量管理',
  'PDCA',
  'FMEA',
  'SPC统计过程控制',
  '8D问题解决',
  '质量成本',
  '标准化',
  '可靠性工程',
  '质量比对',
  '质量创新',
] as const;

export const EVENT_KINDS = { exchange: '交流活动', site_visit: '现场观摩', seminar: '研讨会' } as const;
export type EventKind = keyof typeof EVENT_KINDS;

export const REGISTRATION_STATUSES = { registered: '已报名', waitlisted: '候补', cancelled: '已取消' } as const;
export type RegistrationStatus = keyof typeof REGISTRATION_STATUSES;

/**
 * How community contributions earn study minutes (set by the province, stored as data). The forum credits its
 * contributions through the same rule and the same yearly cap.
 */
export const communityCreditRuleSchema = z.object({
  /** minutes credited to the author when a case is published */
  minutesPerPublishedCase: z.number().int().min(0).max(1200).meta({ title: '每篇发布案例计入分钟数' }),
  /** extra minutes when the case is featured (精选) */
  extraMinutesForFeatured: z.number().int().min(0).max(1200).meta({ title: '精选案例加计分钟数' }),
  /** minutes per forum contribution accepted by moderation (used by the forum) */
  minutesPerForumContribution: z.number().int().min(0).max(600).meta({ title: '每条论坛贡献计入分钟数' }),
  /** attending an event credits its duration up to this many minutes (0: events credit nothing) */
  maxMinutesPerEvent: z.number().int().min(0).max(1440).meta({ title: '每次活动最多计入分钟数' }),
  /** at most this many community minutes per person and year, all sources together */
  yearlyCapMinutes: z.number().int().min(0).max(12000).meta({ title: '年度交流分享学时上限（分钟）' }),
});
export type CommunityCreditRule = z.infer<typeof communityCreditRuleSchema>;

export const DEFAULT_COMMUNITY_CREDIT_RULE: CommunityCreditRule = {
  minutesPerPublishedCase: 90,
  extraMinutesForFeatured: 45,
  minutesPerForumContribution: 15,
  maxMinutesPerEvent: 180,
  yearlyCapMinutes: 900,
};

/** Minutes a published case earns before the yearly cap. */
export const caseCreditMinutes = (rule: CommunityCreditRule, featured: boolean): number =>
  rule.minutesPerPublishedCase + (featured ? rule.extraMinutesForFeatured : 0);

/** Minutes attending an event earns before the yearly cap: its duration, at most the rule's maximum. */
export const eventCreditMinutes = (rule: CommunityCreditRule, startsAt: Date, endsAt: Date): number =>
  Math.max(0, Math.min(rule.maxMinutesPerEvent, Math.floor((endsAt.getTime() - startsAt.getTime()) / 60000)));

/** The study minutes still creditable this year after `alreadyCredited` (other community lines). */
export const creditWithinCap = (rule: CommunityCreditRule, alreadyCredited: number, minutes: number): number =>
  Math.max(0, Math.min(minutes, rule.yearlyCapMinutes - alreadyCredited));

/** The prefix of the sign-in link a rotating QR code holds; the token follows as `?t=`. */
export const EVENT_CHECK_IN_PATH = '/community/check-in';
