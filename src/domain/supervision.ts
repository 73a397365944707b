import { z } from 'zod';
import { INDUSTRY_SECTIONS } from './enterprise';

/** Duty records (履职记录), the expert pool (专家库), warnings and the blacklist (警示 / 黑名单): labels and inputs. */

/** The five duties of policy §三, in its order and (shortened) wording; `DUTY_CLAUSES` gives each its clause and full text. */
export const DUTY_KINDS = {
  laws: '执行质量、标准化、计量、认证认可和检验检测法律法规及政策',
  management_meeting: '参加总经理（总裁）例会，参与经营管理决策',
  veto: '行使质量安全“一票否决”权',
  quality_management: '质量品牌战略、质量检控、质量管理体系、质量奖励、质量攻关与人才文化建设',
  government_work: '参与政府部门质量活动',
} as const;
export type DutyKindKey = keyof typeof DUTY_KINDS;

export const DUTY_CLAUSES: Record<DutyKindKey, { clause: string; text: string }> = {
  laws: { clause: '三.1', text: '组织企业执行国家有关质量、标准化、计量、认证认可和检验检测等方面的法律、法规及政策' },
  management_meeting: { clause: '三.2', text: '参加企业总经理（总裁）例会，参与企业经营管理决策' },
  veto: { clause: '三.3', text: '行使企业质量安全“一票否决”权' },
  quality_management: {
    clause: '三.4',
    text: '负责企业质量品牌战略、规划和计划的制定与实施；对企业原材料、在制品、产成品（服务）组织质量检控和处置；企业质量管理体系的建立、实施与持续改进；建立并组织实施企业的质量奖励制度，推行先进质量管理方法；组织开展企业质量攻关、质量比对和质量创新；企业质量人才的培训、培养；企业文化建设等',
  },
  government_work: { clause: '三.5', text: '参与政府部门质量政策制定、质量提升、质量咨询、质量诊断、质量评审等质量活动' },
};

/** The items of §三.4 (a 三.4 record names one). */
export const DUTY_PROJECT_TYPES = {
  strategy: '质量品牌战略、规划和计划',
  inspection: '质量检控和处置',
  system: '质量管理体系',
  reward: '质量奖励制度',
  methods: '先进质量管理方法',
  tackling: '质量攻关',
  comparison: '质量比对',
  innovation: '质量创新',
  talent: '质量人才培训培养',
  culture: '企业文化建设',
} as const;

/** "三.1 执行…" — the clause number before the label, as lists and statistics show a category. */
export const dutyKindTitle = (kind: DutyKindKey): string => `${DUTY_CLAUSES[kind].clause} ${DUTY_KINDS[kind]}`;

export const EXPERT_STATUSES = { nominated: '待本人确认', active: '在库', declined: '本人谢绝', withdrawn: '已移出' } as const;
export const EXPERT_TASK_KINDS = { diagnosis: '质量诊断', review: '评审' } as const;

export const SANCTION_KINDS = { warning: '警示', blacklist: '列入黑名单' } as const;
export const SANCTION_STATUSES = { proposed: '待省局决定', rejected: '省局未予采纳', in_force: '生效', removed: '已移除' } as const;
export const APPEAL_STATUSES = { pending: '待处理', upheld: '申诉成立（已移除）', dismissed: '维持原决定' } as const;

const keys = <T extends Record<string, string>>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];

export const dateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: '日期格式应为 YYYY-MM-DD' });
const text = (min: number, max: number, what: string) =>
  z
    .string()
    .trim()
    .min(min, { error: `请填写${what}（至少 ${min} 个字）` })
    .max(max, { error: `${what}不超过 ${max} 个字` });

export const dutyRecordInputSchema = z
  .object({
    /** the active filing the record belongs to; needed only when an officer holds more than one */
    filingId: z.number().int().positive().optional().meta({ title: '备案' }),
    kind: z.enum(keys(DUTY_KINDS)).meta({ title: '类型' }),
    projectType: z.enum(keys(DUTY_PROJECT_TYPES)).nullish().meta({ title: '三.4 具体事项' }),
    occurredOn: dateSchema.meta({ title: '学习日期' }),
    title: text(2, 100, '事项').meta({ title: '事项' }),
    description: text(5, 2000, '经过').meta({ title: '说明' }),
    outcome: z.string().trim().max(1000, { error: '结果不超过 1000 个字' }).nullish().meta({ title: '结果' }),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'quality_management' && !v.projectType)
      ctx.addIssue({ code: 'custom', path: ['projectType'], message: '三.4 类履职请选择具体事项（如质量攻关、质量管理体系）' });
    if (v.kind !== 'quality_management' && v.projectType) ctx.addIssue({ code: 'custom', path: ['projectType'], message: '只有三.4 类履职需要选择具体事项' });
  });
export type DutyRecordInput = z.output<typeof dutyRecordInputSchema>;

export const INDUSTRY_SECTION_CODES = INDUSTRY_SECTIONS.map((s) => s.code);

export const expertNominationSchema = z.object({
  /** the active filing of the officer nominated (in the bureau's scope) */
  filingId: z.number().int().positive().meta({ title: '备案' }),
  fields: z
    .array(text(2, 30, '专业领域'))
    .min(1, { error: '请至少填写一个专业领域' })
    .max(10, { error: '专业领域不超过 10 项' })
    .meta({ title: '专业领域' }),
  industrySection: z
    .string()
    .refine((v) => INDUSTRY_SECTION_CODES.includes(v), { error: '行业门类应为 A–T 之一' })
    .nullish()
    .meta({ title: '行业门类' }),
  note: z.string().trim().max(500).nullish().meta({ title: '备注' }),
});

export const expertDrawSchema = z.object({
  taskKind: z.enum(keys(EXPERT_TASK_KINDS)).meta({ title: '任务类型' }),
  taskTitle: text(2, 100, '任务名称').meta({ title: '任务名称' }),
  taskDate: dateSchema.meta({ title: '任务日期' }),
  note: z.string().trim().max(500).nullish().meta({ title: '备注' }),
});

/** Why a member of the filtered pool is not drawn (policy 三.5 draws avoid conflicts of interest). */
export const DRAW_AVOIDANCE = {
  same_enterprise: '与被诊断（评审）企业为同一企业',
  same_county: '与被诊断（评审）企业在同一县（市、区）',
  declared_conflict: '申报利益冲突',
  blacklisted: '黑名单禁入期内',
} as const;
export type DrawAvoidance = keyof typeof DRAW_AVOIDANCE;

/** A random draw of `count` experts from the caller's filtered pool (POST /api/expert-draws). */
export const expertRandomDrawSchema = z.object({
  taskKind: z.enum(keys(EXPERT_TASK_KINDS), { error: '请选择任务类型（诊断或评审）' }).meta({ title: '任务类型' }),
  taskTitle: text(2, 100, '任务名称').meta({ title: '任务名称' }),
  taskDate: dateSchema.meta({ title: '任务日期' }),
  count: z
    .number({ error: '抽取人数应为 1–20 的整数' })
    .int({ error: '抽取人数应为 1–20 的整数' })
    .min(1, { error: '抽取人数至少 1 人' })
    .max(20, { error: '抽取人数不超过 20 人' })
    .meta({ title: '抽取人数' }),
  /** the enterprise diagnosed or reviewed: members of it, and of its county, are avoided */
  subjectEnterpriseId: z.number().int().positive().nullish().meta({ title: '被检查企业' }),
  industrySection: z
    .string()
    .refine((v) => INDUSTRY_SECTION_CODES.includes(v), { error: '行业门类应为 A–T 之一' })
    .nullish()
    .meta({ title: '行业门类' }),
  field: z.string().trim().max(30, { error: '专业领域关键词不超过 30 个字' }).nullish().meta({ title: '专业领域' }),
  conflicts: z
    .array(z.object({ memberId: z.number().int().positive().meta({ title: '成员' }), reason: text(2, 200, '利益冲突说明').meta({ title: '理由' }) }))
    .max(50)
    .default([])
    .meta({ title: '利益冲突回避' }),
});
export type ExpertRandomDrawInput = z.output<typeof expertRandomDrawSchema>;

export const expertRefusalSchema = z.object({ reason: text(2, 500, '谢绝原因').meta({ title: '理由' }) });

export const sanctionProposalSchema = z
  .object({
    kind: z.enum(keys(SANCTION_KINDS)).meta({ title: '类型' }),
    /** a filing (active or ended) of the officer in the bureau's scope: names the person and the enterprise */
    filingId: z.number().int().positive().meta({ title: '备案' }),
    incidentTitle: text(2, 100, '质量安全事故').meta({ title: '质量安全事故' }),
    incidentDate: dateSchema.meta({ title: '事故日期' }),
    incidentDescription: text(5, 2000, '事故经过').meta({ title: '事故经过' }),
    reason: text(5, 1000, '处理理由').meta({ title: '理由' }),
    banStart: dateSchema.nullish().meta({ title: '禁入开始日期' }),
    banEnd: dateSchema.nullish().meta({ title: '禁入结束日期' }),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'blacklist') {
      if (!v.banStart) ctx.addIssue({ code: 'custom', path: ['banStart'], message: '列入黑名单请填写禁入开始日期' });
      if (!v.banEnd) ctx.addIssue({ code: 'custom', path: ['banEnd'], message: '列入黑名单请填写禁入结束日期' });
      if (v.banStart && v.banEnd && v.banEnd < v.banStart) ctx.addIssue({ code: 'custom', path: ['banEnd'], message: '禁入结束日期不能早于开始日期' });
    } else if (v.banStart || v.banEnd) {
      ctx.addIssue({ code: 'custom', path: ['banStart'], message: '警示不设禁入期' });
    }
  });
export type SanctionProposal = z.output<typeof sanctionProposalSchema>;

/** A ban applies from the decision (the entry in force) until the last day of its period; ban.ts queries the same rule. */
export function banCovers(entry: { status: string; banStart: string | null; banEnd: string | null }, day: string): boolean {
  return entry.status === 'in_force' && entry.banStart !== null && entry.banEnd !== null && day <= entry.banEnd;
}

/** The public status of a blacklist notice on a day. */
export function noticeStatus(n: { withdrawnAt: Date | null; banStart: string; banEnd: string }, day: string): 'removed' | 'expired' | 'pending' | 'in_force' {
  if (n.withdrawnAt) return 'removed';
  if (day > n.banEnd) return 'expired';
  if (day < n.banStart) return 'pending';
  return 'in_force';
}
export const NOTICE_STATUSES = { in_force: '禁入期内', pending: '尚未开始', expired: '禁入期已满', removed: '已移除' } as const;
