import { z } from 'zod';
import { personNameSchema } from './account-input';
import { dictKeys } from './enterprise';
import { EDUCATION_LEVELS, POSITION_LEVELS } from './eligibility';
import { parseIdNumber } from './id-number';
import { phoneProblem } from './phone';

export const idNumberSchema = z.string().transform((value, ctx) => {
  const r = parseIdNumber(value);
  if (!r.ok) {
    ctx.addIssue({ code: 'custom', message: r.message });
    return z.NEVER;
  }
  return r.value.idNumber;
});

export const personInputSchema = z.object({
  name: personNameSchema.meta({ title: '姓名' }),
  idNumber: idNumberSchema.meta({ title: '居民身份证号' }),
  phone: z
    .string()
    .trim()
    .refine((v) => phoneProblem(v) === null, { error: '应为 11 位手机号或带区号的固定电话' })
    .nullish()
    .meta({ title: '手机号码' }),
  education: z.enum(dictKeys(EDUCATION_LEVELS)).meta({ title: '学历' }),
  qualityYears: z.number().int().min(0).max(60).meta({ title: '质量工作年限' }),
  positionTitle: z.string().trim().min(2).max(40).meta({ title: '职务名称' }),
  positionLevel: z.enum(dictKeys(POSITION_LEVELS)).meta({ title: '职务层级' }),
});
export type PersonInput = z.output<typeof personInputSchema>;

/** Policy 四: 规上企业首席质量官享受企业高层副职（含）以上领导岗位待遇. */
export const TREATMENT_LEVELS = { senior_deputy_or_above: '高层副职（含）以上', middle_manager: '中层管理岗位', other: '其他' } as const;
/** Policy 四 (工作、生活待遇) and 三.2 as checkable benefits. */
export const TREATMENT_BENEFITS = {
  executive_pay: '薪酬比照高层副职',
  work_conditions: '工作待遇（办公、用车、差旅等比照高层）',
  living_benefits: '生活待遇（补贴、体检、休假等比照高层）',
  post_allowance: '发放岗位津贴',
  continuing_education: '质量继续教育费用由企业承担',
} as const;

/** Policy 六/七 退出机制: why an officer left office (filings.exit_cause). */
export const EXIT_CAUSES = { assessment_failed: '考核不合格', accident: '责任事故', voluntary: '主动退出', transfer: '岗位调整', other: '其他' } as const;
export type ExitCauseKey = keyof typeof EXIT_CAUSES;

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: '日期格式应为 YYYY-MM-DD' });

export const filingInputSchema = z.object({
  /** The enterprise's candidate (`GET /api/candidates` id), never a person id. */
  candidateId: z.number({ error: '请选择拟任人员' }).int().positive().meta({ title: '拟任人员' }),
  appointmentDate: date.meta({ title: '聘任日期' }),
  departmentsLed: z.string().trim().max(200).nullish().meta({ title: '分管部门' }),
  reportsToGeneralManager: z.boolean().meta({ title: '直接向总经理报告' }),
  vetoRight: z.boolean().meta({ title: '质量否决权' }),
  treatment: z.string().trim().max(200).nullish().meta({ title: '待遇说明' }),
  /** 待遇 as the policy (四, 三.2) lists it; optional so that older clients keep working, asked for by the web form. */
  treatmentLevel: z.enum(dictKeys(TREATMENT_LEVELS)).nullish().meta({ title: '待遇层级' }),
  attendsManagementMeetings: z.boolean().nullish().meta({ title: '参加企业经营管理会议' }),
  postAllowanceYuan: z
    .number({ error: '岗位津贴应为整数（元/月）' })
    .int({ error: '岗位津贴应为整数（元/月）' })
    .min(0, { error: '岗位津贴不能为负数' })
    .max(1_000_000, { error: '岗位津贴过大' })
    .nullish()
    .meta({ title: '岗位津贴（元）' }),
  treatmentBenefits: z
    .array(z.enum(dictKeys(TREATMENT_BENEFITS)))
    .max(10)
    .optional()
    .meta({ title: '待遇事项' }),
});
export type FilingInput = z.output<typeof filingInputSchema>;

export const FILING_STATUSES = {
  draft: '草稿',
  submitted: '待审核',
  returned: '退回补正',
  active: '已备案（在任）',
  rejected: '不予备案',
  withdrawn: '已撤回',
  ended: '已结束',
} as const;

export const FILING_END_KINDS = {
  dismissal: '解聘',
  resignation: '辞任',
  exit: '退出',
  superseded: '新任备案生效',
  revoked: '撤销',
  blacklisted: '列入黑名单',
} as const;

export const endFilingSchema = z.object({
  kind: z.enum(['dismissal', 'resignation', 'exit']).meta({ title: '类型' }),
  /** Always named by the caller (no default from the end kind: a 辞任 may follow a failed 考核). */
  cause: z.enum(dictKeys(EXIT_CAUSES), { error: '请选择退出原因（考核不合格、责任事故、主动退出、岗位调整或其他）' }).meta({ title: '退出原因' }),
  reason: z.string().trim().min(2, { error: '请填写原因（至少 2 个字）' }).max(500).meta({ title: '理由' }),
  date: date.meta({ title: '日期' }),
});
