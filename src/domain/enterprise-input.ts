import { z } from 'zod';
import { schemaTitle } from './field-labels';
import { dictKeys, ENTERPRISE_STATUSES, INDUSTRY_DIVISIONS, OWNERSHIPS, SCALES } from './enterprise';
import { phoneProblem } from './phone';
import { parseUscc } from './uscc';

/** Validation of one enterprise record: the same rules for the API, the Excel import and the web form. */

export const usccSchema = z.string({ error: '请填写统一社会信用代码' }).transform((value, ctx) => {
  const r = parseUscc(value);
  if (!r.ok) {
    ctx.addIssue({ code: 'custom', message: r.message });
    return z.NEVER;
  }
  return r.value.uscc;
});

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `不超过 ${max} 个字` })
    .nullish()
    .transform((v) => (v ? v : null));

const enterpriseFields = z.object({
  uscc: usccSchema.meta({ title: '统一社会信用代码' }),
  name: z
    .string({ error: '请填写企业名称' })
    .trim()
    .min(2, { error: '企业名称至少 2 个字' })
    .max(100, { error: '企业名称不超过 100 个字' })
    .meta({ title: '企业名称' }),
  orgUnitCode: z.string({ error: '请填写所属单位代码' }).trim().min(1, { error: '请填写所属单位代码' }).max(20).meta({ title: '所属单位代码' }),
  address: optionalText(200).meta({ title: '注册地址' }),
  legalRepresentative: optionalText(40).meta({ title: '法定代表人' }),
  contactPerson: optionalText(40).meta({ title: '联系人' }),
  contactPhone: z
    .string()
    .trim()
    .nullish()
    .transform((v, ctx) => {
      if (!v) return null;
      const problem = phoneProblem(v);
      if (problem) {
        ctx.addIssue({ code: 'custom', message: problem });
        return z.NEVER;
      }
      return v.replace(/\s+/g, '');
    })
    .meta({ title: '联系电话' }),
  industryCode: z
    .string({ error: '请选择行业大类' })
    .trim()
    .refine((v) => INDUSTRY_DIVISIONS.has(v), { error: '行业大类代码应为 GB/T 4754-2017 的 01–97' })
    .meta({ title: '行业大类' }),
  scale: z.enum(dictKeys(SCALES), { error: '企业规模应为 大型/中型/小型/微型' }).meta({ title: '企业规模' }),
  ownership: z.enum(dictKeys(OWNERSHIPS), { error: `经济类型应为 ${Object.values(OWNERSHIPS).join('/')}` }).meta({ title: '经济类型' }),
  aboveScale: z.boolean().default(false).meta({ title: '规上企业' }),
  aboveScaleYear: z.number().int().min(2000, { error: '规上年度应为 2000 年以后' }).max(2100).nullish().meta({ title: '规上年度' }),
  status: z.enum(dictKeys(ENTERPRISE_STATUSES), { error: '经营状态应为 在营/注销/吊销' }).default('operating').meta({ title: '经营状态' }),
});

export const enterpriseInputSchema = enterpriseFields
  .refine((v) => !(v.aboveScale && !v.aboveScaleYear), {
    path: ['aboveScaleYear'],
    message: '规上企业须填写规上年度',
    // check it even when other fields are wrong, so every problem is reported at once
    when: (payload) => {
      const v = payload.value as { aboveScale?: unknown; aboveScaleYear?: unknown } | null;
      return (
        typeof v === 'object' &&
        v !== null &&
        typeof v.aboveScale === 'boolean' &&
        (v.aboveScaleYear === undefined || v.aboveScaleYear === null || typeof v.aboveScaleYear === 'number')
      );
    },
  })
  .transform((v) => ({ ...v, aboveScaleYear: v.aboveScale ? (v.aboveScaleYear ?? null) : null }));

export type EnterpriseInput = z.output<typeof enterpriseInputSchema>;

/**
 * The record's field names for display (the enterprise card and form, the import's column names): the labels its
 * schema declares, and 所属单位 of a stored record.
 */
export const ENTERPRISE_FIELD_LABELS: Record<string, string> = {
  ...Object.fromEntries(Object.entries(enterpriseFields.shape).map(([key, field]) => [key, schemaTitle(field) ?? key])),
  orgUnitId: '所属单位',
};
