/** The training-plans API (src/server/modules/training-plans): plans, 合并至市级, curricula, materials. */
import { z } from 'zod';
import { TRAINING_TIERS } from '../domain/training-delegation';
import { pageOf, updateBody } from './common';

const text = (max: number, label: string) =>
  z
    .string()
    .trim()
    .min(1, { error: `请填写${label}` })
    .max(max, { error: `${label}不能超过 ${max} 个字` });
const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, { error: `${label}不能超过 ${max} 个字` })
    .nullish()
    .transform((v) => (v ? v : null));
const topicList = z
  .array(z.string().trim().min(1, { error: '主题不能为空' }).max(60, { error: '每个主题不超过 60 个字' }))
  .max(30, { error: '主题最多 30 个' });
const yuan = (label: string) =>
  z
    .number({ error: `${label}应为数字（元）` })
    .int({ error: `${label}应为整数（元）` })
    .min(0, { error: `${label}不能为负数` })
    .max(1_000_000_000, { error: `${label}过大` });

export const tierSchema = z.enum(TRAINING_TIERS, { error: '培训层级应为基础、提升或高级' });
export const planStatusSchema = z.enum(['draft', 'submitted', 'returned', 'acknowledged']);
export const classFormatSchema = z.enum(['offline', 'online', 'blended'], { error: '培训形式应为线下、线上或线上线下结合' });

export const plannedClassSchema = z.object({
  title: text(100, '班次名称').meta({ title: '班次名称' }),
  plannedMonth: z
    .number({ error: '计划月份应为 1–12' })
    .int()
    .min(1, { error: '计划月份应为 1–12' })
    .max(12, { error: '计划月份应为 1–12' })
    .meta({ title: '计划月份' }),
  format: classFormatSchema.meta({ title: '形式' }),
  places: z
    .number({ error: '计划人数应为数字' })
    .int({ error: '计划人数应为整数' })
    .min(1, { error: '计划人数至少 1 人' })
    .max(10_000, { error: '计划人数不超过 10000 人' })
    .meta({ title: '计划人数' }),
  hours: z
    .number({ error: '学时应为数字' })
    .int({ error: '学时应为整数' })
    .min(1, { error: '学时至少 1 学时' })
    .max(500, { error: '学时不超过 500' })
    .meta({ title: '学时' }),
  budgetYuan: yuan('班次预算').meta({ title: '预算（元）' }),
  budgetNote: optionalText(200, '经费说明').meta({ title: '经费说明' }),
});

export const planInputSchema = z.object({
  year: z
    .number({ error: '年度应为数字' })
    .int()
    .min(2020, { error: '年度应在 2020–2100 之间' })
    .max(2100, { error: '年度应在 2020–2100 之间' })
    .meta({ title: '年度' }),
  tier: tierSchema.meta({ title: '培训等级' }),
  title: text(100, '计划名称').meta({ title: '计划名称' }),
  topics: topicList.default([]).meta({ title: '授课专题' }),
  summary: optionalText(4000, '计划说明').meta({ title: '计划说明' }),
  budgetYuan: yuan('专项经费预算').meta({ title: '预算（元）' }),
  classes: z.array(plannedClassSchema).max(100, { error: '计划班次最多 100 个' }).default([]).meta({ title: '计划班次' }),
});
export type PlanInput = z.infer<typeof planInputSchema>;

export const planUpdateSchema = updateBody(planInputSchema.omit({ year: true, tier: true })).extend({
  version: z.number().int().positive().meta({ title: '版本' }),
});
export type PlanUpdate = z.infer<typeof planUpdateSchema>;

export const planFilterSchema = z.object({
  year: z.coerce.number().int().min(2000).max(2200).optional().meta({ title: '年度' }),
  tier: tierSchema.optional().meta({ title: '培训等级' }),
  status: planStatusSchema.optional().meta({ title: '状态' }),
  orgUnitId: z.coerce.number().int().positive().optional().meta({ title: '所属单位' }),
});
export type PlanFilter = z.infer<typeof planFilterSchema>;

export const commentSchema = z.object({
  body: z.string().trim().min(2, { error: '请填写意见（至少 2 个字）' }).max(2000, { error: '意见不超过 2000 个字' }).meta({ title: '意见' }),
});
export const remarksSchema = z.object({ remarks: z.string().trim().max(2000, { error: '意见不超过 2000 个字' }).optional().meta({ title: '意见' }) });
export const returnSchema = z.object({
  remarks: z.string().trim().min(2, { error: '请填写退回意见（至少 2 个字）' }).max(2000, { error: '意见不超过 2000 个字' }).meta({ title: '意见' }),
});

export const mergeInputSchema = z.object({
  mergedIntoCity: z.boolean({ error: '请选择是否合并至市级' }).meta({ title: '合并至市级' }),
  note: optionalText(500, '说明').meta({ title: '说明' }),
});

export const curriculumModuleSchema = z.object({
  id: z.number().int().positive().optional().meta({ title: '编号' }),
  title: text(100, '模块名称').meta({ title: '模块名称' }),
  hours: z
    .number({ error: '模块学时应为数字' })
    .int({ error: '模块学时应为整数' })
    .min(1, { error: '模块学时至少 1 学时' })
    .max(200, { error: '模块学时不超过 200' })
    .meta({ title: '学时' }),
  topics: topicList.default([]).meta({ title: '授课专题' }),
  objectives: optionalText(2000, '学习目标').meta({ title: '学习目标' }),
});

export const curriculumInputSchema = z.object({
  tier: tierSchema.meta({ title: '培训等级' }),
  title: text(100, '课程体系名称').meta({ title: '课程体系名称' }),
  description: optionalText(4000, '说明').meta({ title: '说明' }),
  modules: z.array(curriculumModuleSchema).min(1, { error: '至少设置一个教学模块' }).max(60, { error: '教学模块最多 60 个' }).meta({ title: '教学模块' }),
});
export type CurriculumInput = z.infer<typeof curriculumInputSchema>;
export const curriculumUpdateSchema = curriculumInputSchema.omit({ tier: true }).extend({ version: z.number().int().positive().meta({ title: '版本' }) });
export type CurriculumUpdate = z.infer<typeof curriculumUpdateSchema>;

export const materialMetaSchema = z.object({
  title: text(100, '资料名称').meta({ title: '资料名称' }),
  tier: tierSchema.meta({ title: '培训等级' }),
  moduleId: z.coerce
    .number()
    .int()
    .positive()
    .nullish()
    .transform((v) => v ?? null)
    .meta({ title: '所属模块' }),
  description: optionalText(1000, '资料说明').meta({ title: '说明' }),
});
export type MaterialMeta = z.infer<typeof materialMetaSchema>;
export const materialUpdateSchema = materialMetaSchema.omit({ tier: true });

export const materialFilterSchema = z.object({
  tier: tierSchema.optional().meta({ title: '培训等级' }),
  orgUnitId: z.coerce.number().int().positive().optional().meta({ title: '所属单位' }),
  moduleId: z.coerce.number().int().positive().optional().meta({ title: '所属模块' }),
});

// ---- responses

const unitRef = { orgUnitId: z.number(), orgUnitName: z.string(), orgUnitKind: z.string() };

export const planSummarySchema = z.object({
  id: z.number(),
  ...unitRef,
  year: z.number(),
  tier: tierSchema,
  title: z.string(),
  status: planStatusSchema,
  budgetYuan: z.number(),
  classCount: z.number(),
  places: z.number(),
  hours: z.number(),
  classBudgetYuan: z.number(),
  submittedAt: z.date().nullable(),
  updatedAt: z.date(),
});

export const planClassSchema = plannedClassSchema.extend({ id: z.number(), seq: z.number(), tier: tierSchema, budgetNote: z.string().nullable() });

export const planCommentSchema = z.object({
  id: z.number(),
  kind: z.enum(['comment', 'submitted', 'returned', 'acknowledged']),
  body: z.string().nullable(),
  authorName: z.string(),
  authorUnitName: z.string(),
  createdAt: z.date(),
});

export const planDetailSchema = planSummarySchema.extend({
  topics: z.array(z.string()),
  summary: z.string().nullable(),
  version: z.number(),
  reviewedAt: z.date().nullable(),
  classes: z.array(planClassSchema),
  comments: z.array(planCommentSchema),
  reviewerUnitName: z.string().nullable(),
  /** For a city's 基础 plan: the counties merged into the city, which it covers. */
  coveredCounties: z.array(z.object({ id: z.number(), name: z.string() })),
  can: z.object({ edit: z.boolean(), submit: z.boolean(), review: z.boolean(), comment: z.boolean(), remove: z.boolean() }),
});

export const planPageSchema = pageOf(planSummarySchema);

export const overviewRowSchema = z.object({
  ...unitRef,
  orgUnitCode: z.string(),
  tier: tierSchema,
  mergedIntoCity: z.boolean(),
  status: z.enum(['missing', 'draft', 'submitted', 'returned', 'acknowledged', 'covered']),
  planId: z.number().nullable(),
  coveredBy: z.object({ orgUnitName: z.string(), planId: z.number().nullable(), status: z.string() }).nullable(),
});
export const overviewSchema = z.object({
  year: z.number(),
  summary: z.object({ expected: z.number(), filed: z.number(), acknowledged: z.number(), notFiled: z.number(), covered: z.number() }),
  rows: z.array(overviewRowSchema),
});

export const mergeRowSchema = z.object({
  orgUnitId: z.number(),
  orgUnitName: z.string(),
  orgUnitCode: z.string(),
  cityName: z.string(),
  mergedIntoCity: z.boolean(),
  note: z.string().nullable(),
  updatedAt: z.date().nullable(),
  updatedByName: z.string().nullable(),
});

export const mergeListSchema = z.array(mergeRowSchema);

export const curriculumModuleOutSchema = z.object({
  id: z.number(),
  seq: z.number(),
  title: z.string(),
  hours: z.number(),
  topics: z.array(z.string()),
  objectives: z.string().nullable(),
});
export const curriculumSummarySchema = z.object({
  id: z.number(),
  ...unitRef,
  tier: tierSchema,
  title: z.string(),
  version: z.number(),
  moduleCount: z.number(),
  totalHours: z.number(),
  materialCount: z.number(),
  updatedAt: z.date(),
  updatedByName: z.string().nullable(),
});
export const curriculumDetailSchema = curriculumSummarySchema.extend({
  description: z.string().nullable(),
  modules: z.array(curriculumModuleOutSchema),
  canEdit: z.boolean(),
});
export const curriculumListSchema = z.array(curriculumSummarySchema);
export const curriculumVersionSchema = z.object({
  version: z.number(),
  createdAt: z.date(),
  createdByName: z.string().nullable(),
  snapshot: z.record(z.string(), z.unknown()),
});
export const curriculumVersionListSchema = z.array(curriculumVersionSchema);

export const materialSchema = z.object({
  id: z.number(),
  ...unitRef,
  tier: tierSchema,
  moduleId: z.number().nullable(),
  moduleTitle: z.string().nullable(),
  title: z.string(),
  description: z.string().nullable(),
  fileType: z.string(),
  fileName: z.string(),
  sizeBytes: z.number(),
  uploadedByName: z.string().nullable(),
  createdAt: z.date(),
  canEdit: z.boolean(),
});
export const materialListSchema = z.array(materialSchema);
