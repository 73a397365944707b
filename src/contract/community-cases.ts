/** The case library and exchange events API (src/server/modules/community-cases): requests and answers. */
import { z } from 'zod';
import { CASE_STATUSES, CASE_TOOLS, communityCreditRuleSchema, EVENT_KINDS, REGISTRATION_STATUSES } from '../domain/community-cases';
import { INDUSTRY_DIVISIONS, INDUSTRY_SECTIONS } from '../domain/enterprise';
import { okSchema, pageOf, pageQuery, updateBody } from './common';

const SECTION_CODES = new Set(INDUSTRY_SECTIONS.map((s) => s.code));
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: '日期格式应为 YYYY-MM-DD' });
const richText = z.string().max(50_000, { error: '内容不超过 50000 个字符' });

export const caseInputSchema = z
  .object({
    title: z.string().trim().min(4, { error: '标题至少 4 个字' }).max(80, { error: '标题不超过 80 个字' }).meta({ title: '标题' }),
    summary: z.string().trim().max(300, { error: '摘要不超过 300 个字' }).default('').meta({ title: '摘要' }),
    problem: richText.default('').meta({ title: '问题描述' }),
    method: richText.default('').meta({ title: '方法与过程' }),
    results: richText.default('').meta({ title: '成效' }),
    tools: z
      .array(z.enum(CASE_TOOLS, { error: '请从列表中选择质量工具' }))
      .max(8, { error: '质量工具最多选 8 项' })
      .default([])
      .meta({ title: '质量工具' }),
    industrySection: z
      .string()
      .refine((v) => SECTION_CODES.has(v), { error: '请选择国民经济行业门类（GB/T 4754）' })
      .meta({ title: '行业门类' }),
    industryDivision: z
      .string()
      .refine((v) => INDUSTRY_DIVISIONS.has(v), { error: '请选择国民经济行业大类（GB/T 4754）' })
      .nullish()
      .meta({ title: '行业大类' }),
  })
  .refine((v) => !v.industryDivision || INDUSTRY_DIVISIONS.get(v.industryDivision)?.section === v.industrySection, {
    error: '行业大类不属于所选门类',
    path: ['industryDivision'],
  });
export type CaseInput = z.infer<typeof caseInputSchema>;

export const caseSearchQuery = z.object({
  q: z.string().trim().max(100, { error: '关键词不超过 100 个字' }).optional().meta({ title: '关键词' }),
  industrySection: z.string().max(1).optional().meta({ title: '行业门类' }),
  tool: z.string().max(20).optional().meta({ title: '质量工具' }),
  featured: z.enum(['true', 'false']).optional().meta({ title: '精选' }),
  from: date.optional().meta({ title: '开始时间' }),
  to: date.optional().meta({ title: '结束时间' }),
  ...pageQuery,
});

export const caseReviewQuery = z.object({
  status: z.enum(['submitted', 'published', 'returned', 'all']).default('submitted').meta({ title: '状态' }),
  ...pageQuery,
});

export const remarksBody = z.object({ remarks: z.string().trim().min(2, { error: '请填写意见（至少 2 个字）' }).max(500).meta({ title: '意见' }) });
export const publishBody = z.object({
  featured: z.boolean().default(false).meta({ title: '精选' }),
  remarks: z.string().trim().max(500).optional().meta({ title: '意见' }),
});
export const featureBody = z.object({ featured: z.boolean().meta({ title: '精选' }) });

const segment = z.object({ text: z.string(), hit: z.boolean() });
export const caseHitSchema = z.object({
  id: z.number(),
  title: z.string(),
  summary: z.string(),
  tools: z.array(z.string()),
  industrySection: z.string(),
  industryDivision: z.string().nullable(),
  featured: z.boolean(),
  authorName: z.string(),
  enterpriseName: z.string().nullable(),
  publishedAt: z.date().nullable(),
  rank: z.number(),
  snippet: z.array(segment),
});

export const caseListItemSchema = z.object({
  id: z.number(),
  title: z.string(),
  status: z.enum(Object.keys(CASE_STATUSES) as [keyof typeof CASE_STATUSES]),
  featured: z.boolean(),
  tools: z.array(z.string()),
  industrySection: z.string(),
  authorName: z.string(),
  enterpriseName: z.string().nullable(),
  orgUnitName: z.string(),
  reviewRemarks: z.string().nullable(),
  submittedAt: z.date().nullable(),
  publishedAt: z.date().nullable(),
  updatedAt: z.date(),
});

export const caseDetailSchema = caseListItemSchema.extend({
  version: z.number(),
  summary: z.string(),
  problem: z.string(),
  method: z.string(),
  results: z.string(),
  industryDivision: z.string().nullable(),
  organisationId: z.number().nullable(),
  attachments: z.array(z.object({ id: z.number(), fileName: z.string(), bytes: z.number() })),
  abilities: z.object({ edit: z.boolean(), submit: z.boolean(), withdraw: z.boolean(), review: z.boolean() }),
});

export const caseHitPageSchema = pageOf(caseHitSchema);
export const caseListPageSchema = pageOf(caseListItemSchema);
/** `GET /api/community/cases/mine`. */
export const myCasesSchema = z.object({ items: z.array(caseListItemSchema) });
/** `PUT /api/community/cases/:id`. */
export const caseSavedSchema = okSchema.extend({ version: z.number() });
/** Publishing or featuring a case: the study minutes credited to its author. */
export const caseCreditedSchema = z.object({ creditedMinutes: z.number() });

/** The province's rule for crediting community activity as study time, with its stored version. */
export const creditRuleSchema = communityCreditRuleSchema.and(z.object({ version: z.number() }));

/** `GET /api/community/credits/me`. */
export const communityCreditsSchema = z.object({
  year: z.number(),
  totalMinutes: z.number(),
  capMinutes: z.number(),
  lines: z.array(
    z.object({
      sourceRef: z.string(),
      title: z.string(),
      minutes: z.number(),
      status: z.enum(['credited', 'revoked']),
      statusReason: z.string().nullable(),
      occurredOn: z.string(),
    }),
  ),
});

/** `GET /api/community/me`: the name and enterprise the caller is shown under. */
export const communityProfileSchema = z.object({ name: z.string().nullable(), enterpriseName: z.string().nullable() });

const eventFields = z.object({
  kind: z.enum(Object.keys(EVENT_KINDS) as [keyof typeof EVENT_KINDS], { error: '请选择活动类型' }).meta({ title: '类型' }),
  title: z.string().trim().min(4, { error: '活动名称至少 4 个字' }).max(80, { error: '活动名称不超过 80 个字' }).meta({ title: '活动名称' }),
  description: z.string().trim().max(3000, { error: '活动简介不超过 3000 个字' }).default('').meta({ title: '说明' }),
  place: z.string().trim().min(2, { error: '请填写活动地点' }).max(120, { error: '活动地点不超过 120 个字' }).meta({ title: '地点' }),
  startsAt: z.coerce.date({ error: '请填写开始时间' }).meta({ title: '开始时间' }),
  endsAt: z.coerce.date({ error: '请填写结束时间' }).meta({ title: '结束时间' }),
  capacity: z.number().int({ error: '名额应为整数' }).min(1, { error: '名额至少 1 人' }).max(5000, { error: '名额不超过 5000 人' }).meta({ title: '名额' }),
  creditsStudy: z.boolean().default(true).meta({ title: '计入学时' }),
});
const endsAfterStart = (v: { startsAt: Date; endsAt: Date }) => v.endsAt.getTime() > v.startsAt.getTime();
/** `organisationId`: the 联盟/之家 holding the event (its admins must name one); absent, the bureau's own event. Fixed once published. */
export const eventInputSchema = eventFields
  .extend({ organisationId: z.number().int().positive().nullable().optional().meta({ title: '组织' }) })
  .refine(endsAfterStart, { error: '结束时间应晚于开始时间', path: ['endsAt'] });
export type EventInput = z.infer<typeof eventInputSchema>;
/** An edit of an event: a description or study-credit choice not sent is kept. */
export const eventUpdateSchema = updateBody(eventFields).refine(endsAfterStart, { error: '结束时间应晚于开始时间', path: ['endsAt'] });
export type EventUpdate = z.infer<typeof eventUpdateSchema>;

export const eventListQuery = z.object({
  when: z.enum(['upcoming', 'past', 'all']).default('upcoming').meta({ title: '时间范围' }),
  managed: z.enum(['true', 'false']).optional().meta({ title: '仅本人管理' }),
  organisationId: z.coerce.number().int().positive().optional().meta({ title: '组织' }),
  ...pageQuery,
});

export const eventItemSchema = z.object({
  id: z.number(),
  kind: z.enum(Object.keys(EVENT_KINDS) as [keyof typeof EVENT_KINDS]),
  title: z.string(),
  place: z.string(),
  startsAt: z.date(),
  endsAt: z.date(),
  capacity: z.number(),
  registered: z.number(),
  waitlisted: z.number(),
  status: z.enum(['open', 'cancelled']),
  organiserName: z.string(),
  /** the 联盟/之家 holding it; null for a bureau's event */
  organisationId: z.number().nullable(),
  myStatus: z.enum(Object.keys(REGISTRATION_STATUSES) as [keyof typeof REGISTRATION_STATUSES]).nullable(),
  myCheckedIn: z.boolean(),
  hasReport: z.boolean(),
});

export const eventDetailSchema = eventItemSchema.extend({
  description: z.string(),
  creditsStudy: z.boolean(),
  cancelReason: z.string().nullable(),
  reportText: z.string().nullable(),
  reportPublishedAt: z.date().nullable(),
  photos: z.array(z.object({ id: z.number(), caption: z.string() })),
  abilities: z.object({ register: z.boolean(), cancelRegistration: z.boolean(), manage: z.boolean() }),
});

export const eventPageSchema = pageOf(eventItemSchema);

/** `GET /api/community/events/hosts`: in whose name the caller may publish an event. */
export const eventHostsSchema = z.object({
  /** the caller may publish an event of its own bureau */
  ownUnit: z.boolean(),
  ownUnitName: z.string().nullable(),
  /** the active 联盟/之家 the caller runs and may publish events for */
  organisations: z.array(z.object({ id: z.number(), name: z.string() })),
});

/** Registering for an event: a seat or the waiting list. */
export const eventRegisteredSchema = z.object({ status: z.enum(['registered', 'waitlisted']) });

/** The rotating check-in QR code of an event. */
export const checkInTokenSchema = z.object({ token: z.string(), path: z.string(), expiresAt: z.date(), stepSeconds: z.number() });
export const checkInResultSchema = z.object({ eventId: z.number(), title: z.string(), alreadyCheckedIn: z.boolean(), creditedMinutes: z.number() });

export const attendanceItemSchema = z.object({
  id: z.number(),
  name: z.string(),
  enterpriseName: z.string().nullable(),
  status: z.enum(['registered', 'waitlisted', 'cancelled']),
  registeredAt: z.date(),
  checkedInAt: z.date().nullable(),
});
export const attendanceSchema = z.object({ items: z.array(attendanceItemSchema) });

export const reportBody = z.object({
  reportText: z.string().trim().min(10, { error: '活动报道至少 10 个字' }).max(5000, { error: '活动报道不超过 5000 个字' }).meta({ title: '活动报道' }),
  /** true publishes the report, false keeps it as a draft: always said, never assumed */
  publish: z.boolean({ error: '请选择是否发布' }).meta({ title: '发布' }),
});
export const cancelEventBody = z.object({ reason: z.string().trim().min(2, { error: '请填写取消原因' }).max(300).meta({ title: '理由' }) });
export const checkInBody = z.object({ token: z.string().trim().min(1, { error: '请扫描签到二维码' }).max(200).meta({ title: '签到码' }) });
export const creditsQuery = z.object({ year: z.coerce.number().int().min(2000).max(2200).optional().meta({ title: '年度' }) });
