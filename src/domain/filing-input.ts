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
  name: personNameSchema,
  idNumber: idNumberSchema,
  phone: z
    .string()
    .trim()
    .refine((v) => phoneProblem(v) === null, { error: '应为 11 位手机号或带区号的固定电话' })
    .nullish(),
  education: z.enum(dictKeys(EDUCATION_LEVELS)),
  qualityYears: z.number().int().min(0).max(60),
  positionTitle: z.string().trim().min(2).max(40),
  positionLevel: z.enum(dictKeys(POSITION_LEVELS)),
});
export type PersonInput = z.output<typeof personInputSchema>;

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: '日期格式应为 YYYY-MM-DD' });

export const filingInputSchema = z.object({
  /** The enterprise's candidate (`GET /api/candidates` id), never a person id. */
  candidateId: z.number({ error: '请选择拟任人员' }).int().positive(),
  appointmentDate: date,
  departmentsLed: z.string().trim().max(200).nullish(),
  reportsToGeneralManager: z.boolean(),
  vetoRight: z.boolean(),
  treatment: z.string().trim().max(200).nullish(),
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

export const FILING_END_KINDS = { dismissal: '解聘', resignation: '辞任', exit: '退出', superseded: '新任备案生效', revoked: '撤销', blacklisted: '列入黑名单' } as const;

export const endFilingSchema = z.object({
  kind: z.enum(['dismissal', 'resignation', 'exit']),
  reason: z.string().trim().min(2, { error: '请填写原因（至少 2 个字）' }).max(500),
  date,
});
