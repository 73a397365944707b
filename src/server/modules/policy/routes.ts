import { z } from 'zod';
import { dutyStatisticsSchema } from '../../../contract/supervision';
import { AWARD_LEVELS, awardSchemeInputSchema, type AwardLevel } from '../../../domain/award-eligibility';
import { STUDY_SOURCES } from '../../../domain/study-hours';
import { actorOf, callerOf } from '../../auth/guards';
import type { AppContext } from '../../context';
import type { ZodApp } from '../../http';
import { onlineStudyRulesSchema } from '../../../contract/study';
import { awardSchemeAdoptedSchema, awardSchemesSchema } from '../../../contract/assessment';
import { calendarYearSavedSchema, calendarYearSchema, calendarYearsSchema, onlineRuleSavedSchema } from '../../../contract/policy';
import { policyServices } from './services';

const dayString = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: '日期格式应为 YYYY-MM-DD' });

const yearParams = z.object({ year: z.coerce.number().int().min(2000, { error: '年度无效' }).max(2200, { error: '年度无效' }).meta({ title: '年度' }) });

/** Policy measures the province keeps as data: which study sources count online, the working-day calendar, award conditions. */
export function policyRoutes(app: ZodApp, ctx: AppContext): void {
  const { policy } = policyServices(ctx);
  const tags = ['policy'];

  app.get(
    '/api/study/online-rules',
    {
      config: { access: 'complete' },
      schema: {
        tags,
        summary: '计入线上自学的学时来源（按年度）',
        response: {
          200: onlineStudyRulesSchema,
        },
      },
    },
    () => policy.onlineStudyRules(),
  );

  app.put(
    '/api/study/online-rules/:year',
    {
      config: { access: 'targets:manage' },
      schema: {
        tags,
        summary: '设置某年度起计入线上自学的学时来源（省局；新年度 version 为 0），并重算受影响的学时账户',
        params: yearParams,
        body: z.object({
          sources: z
            .array(z.enum(STUDY_SOURCES, { error: '学时来源无效' }))
            .min(1, { error: '请至少选择一种计入线上自学的来源' })
            .meta({ title: '学时来源' }),
          note: z.string().trim().max(200, { error: '说明不超过 200 个字' }).nullish().meta({ title: '说明' }),
          version: z.number().int().min(0).meta({ title: '版本' }),
        }),
        response: { 200: onlineRuleSavedSchema },
      },
    },
    (request) => policy.saveOnlineStudyRule(actorOf(request), request.params.year, request.body),
  );

  // ---- the working-day calendar (法定节假日 and 调休上班日) ----
  app.get(
    '/api/working-calendar',
    { config: { access: 'complete' }, schema: { tags, summary: '工作日历（各年度法定节假日与调休上班日）', response: { 200: calendarYearsSchema } } },
    () => policy.calendarYears(),
  );

  app.get(
    '/api/working-calendar/:year',
    {
      config: { access: 'complete' },
      schema: { tags, summary: '某年度的工作日历（未维护的年度按周末计算）', params: yearParams, response: { 200: calendarYearSchema } },
    },
    (request) => policy.calendarYear(request.params.year),
  );

  app.put(
    '/api/working-calendar/:year',
    {
      config: { access: 'targets:manage' },
      schema: {
        tags,
        summary: '维护某年度的工作日历（省局；新年度 version 为 0）',
        params: yearParams,
        body: z.object({
          source: z
            .string()
            .trim()
            .min(4, { error: '请填写依据（如国务院办公厅通知名称）' })
            .max(200, { error: '依据不超过 200 个字' })
            .meta({ title: '依据' }),
          days: z
            .array(
              z.object({
                day: dayString.meta({ title: '日期' }),
                kind: z.enum(['holiday', 'workday'], { error: '类型应为放假或调休上班' }).meta({ title: '类型' }),
                name: z.string().trim().min(1, { error: '请填写节日名称' }).max(40).meta({ title: '节日名称' }),
              }),
            )
            .max(120)
            .meta({ title: '放假与调休上班日' }),
          version: z.number().int().min(0).meta({ title: '版本' }),
        }),
        response: { 200: calendarYearSavedSchema },
      },
    },
    (request) => policy.saveCalendarYear(actorOf(request), request.params.year, request.body),
  );

  // ---- quality-award conditions (policy 八) ----
  app.get(
    '/api/award-schemes',
    {
      config: { access: 'complete' },
      schema: { tags, summary: '政府质量奖申报的首席质量官条件（按奖项级别，各版本）', response: { 200: awardSchemesSchema } },
    },
    () => policy.awardSchemes(),
  );

  app.post(
    '/api/award-schemes/:level',
    {
      config: { access: 'targets:manage' },
      schema: {
        tags,
        summary: '发布某级质量奖的新版条件（省局；自生效日起用于条件查询）',
        params: z.object({ level: z.enum(Object.keys(AWARD_LEVELS) as [AwardLevel], { error: '奖项级别应为省级、设区市或县级' }).meta({ title: '层级' }) }),
        body: awardSchemeInputSchema.and(z.object({ adoptedOn: dayString.optional().meta({ title: '施行日期' }) })),
        response: { 201: awardSchemeAdoptedSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await policy.adoptAwardScheme(actorOf(request), request.params.level, request.body)),
  );

  // ---- duty records by the five duties of policy 三 ----
  app.get(
    '/api/duty-records/statistics',
    {
      config: { access: 'supervision:read' },
      schema: {
        tags,
        summary: '履职记录统计（按政策三.1–三.5 职责类别、地区、年度）',
        querystring: z.object({ year: yearParams.shape.year.optional().meta({ title: '年度' }) }),
        response: { 200: dutyStatisticsSchema },
      },
    },
    (request) => policy.dutyStatistics(callerOf(request), request.query.year),
  );
}
