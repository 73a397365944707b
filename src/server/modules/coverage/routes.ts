import { z } from 'zod';
import { segmentDefinitionSchema } from '../../../domain/coverage';
import { actorOf, callerOf } from '../../auth/guards';
import type { AppContext } from '../../context';
import { sendXlsx } from '../../excel/workbook';
import { updateBody, type ZodApp } from '../../http';
import { fileResponse, jobIdSchema, okSchema, XLSX_TYPE } from '../../../contract/common';
import {
  coverageOverviewSchema,
  coverageSegmentDefSchema,
  coverageTargetSchema,
  coverageTrendSchema,
  reconciliationSchema,
  scorecardSchema,
  worklistPageSchema,
} from '../../../contract/coverage';
import { SCORECARD_COLUMNS } from './scorecard';
import { currentYear } from './service';
import { coverageServices } from './services';

const tags = ['coverage'];
const section = z.string().regex(/^[A-T]$/, { error: '行业门类应为 A–T' });
const viewQuery = z.object({
  orgUnitId: z.coerce.number().int().positive().optional().meta({ title: '所属单位' }),
  year: z.coerce.number().int().min(2000).max(2100).optional().meta({ title: '年度' }),
  section: section.optional().meta({ title: '行业门类' }),
  division: z.string().regex(/^\d{2}$/, { error: '行业大类应为两位数字' }).optional().meta({ title: '行业大类' }),
});
const worklistQuery = z.object({
  orgUnitId: z.coerce.number().int().positive().optional().meta({ title: '所属单位' }),
  segment: z.string().max(40).optional().meta({ title: '企业类别' }),
  section: section.optional().meta({ title: '行业门类' }),
  q: z.string().trim().max(100).optional().meta({ title: '关键词' }),
  page: z.coerce.number().int().min(1).default(1).meta({ title: '页码' }),
  pageSize: z.coerce.number().int().min(1).max(200).default(20).meta({ title: '每页条数' }),
});
const worklistBody = worklistQuery.omit({ page: true, pageSize: true });
const kindParams = z.object({ kind: z.enum(['uncovered', 'overdue', 'studyBehind']).meta({ title: '类型' }) });
const targetBody = z.object({
  share: z.number().min(0).max(1).nullable().meta({ title: '目标覆盖率' }),
  newOfficers: z.number().int().min(0).max(1_000_000).nullable().meta({ title: '年度新增人数' }),
  note: z.string().trim().max(200).nullable().default(null).meta({ title: '依据' }),
});
const segmentBody = z.object({
  code: z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]{1,39}$/, { error: '类别代码为字母开头的 2–40 位字母、数字或下划线' }).meta({ title: '代码' }),
  name: z.string().trim().min(2).max(40).meta({ title: '名称' }),
  definition: segmentDefinitionSchema.meta({ title: '类别定义' }),
});

export function coverageRoutes(app: ZodApp, ctx: AppContext): void {
  const { coverage, dashboard, worklists, reports } = coverageServices(ctx);

  app.get('/api/coverage/segments', { config: { access: 'statistics:read' }, schema: { tags, summary: '覆盖率统计的企业类别', response: { 200: z.array(coverageSegmentDefSchema) } } }, () => coverage.segments());
  app.get('/api/coverage/targets', { config: { access: 'statistics:read' }, schema: { tags, summary: '各年度目标', response: { 200: z.array(coverageTargetSchema) } } }, () => coverage.targets());

  app.put(
    '/api/coverage/targets/:year/:segment',
    {
      config: { access: 'targets:manage' },
      schema: { tags, summary: '设置某年度某类企业的目标', params: z.object({ year: z.coerce.number().int().min(2000).max(2100).meta({ title: '年度' }), segment: z.string().max(40).meta({ title: '企业类别' }) }), body: updateBody(targetBody), response: { 200: okSchema } },
    },
    async (request) => {
      const caller = callerOf(request);
      await coverage.setTarget(actorOf(request), caller.accountId, { year: request.params.year, segmentCode: request.params.segment, ...request.body });
      return { ok: true as const };
    },
  );
  app.delete(
    '/api/coverage/targets/:year/:segment',
    { config: { access: 'targets:manage' }, schema: { tags, summary: '删除目标', params: z.object({ year: z.coerce.number().int().meta({ title: '年度' }), segment: z.string().max(40).meta({ title: '企业类别' }) }), response: { 200: okSchema } } },
    async (request) => {
      await coverage.deleteTarget(actorOf(request), request.params.year, request.params.segment);
      return { ok: true as const };
    },
  );
  app.post('/api/coverage/segments', { config: { access: 'targets:manage' }, schema: { tags, summary: '新增企业类别（按企业字段定义）', body: segmentBody, response: { 201: okSchema } } }, async (request, reply) => {
    await coverage.createSegment(actorOf(request), callerOf(request).accountId, request.body);
    return reply.code(201).send({ ok: true as const });
  });
  app.delete('/api/coverage/segments/:code', { config: { access: 'targets:manage' }, schema: { tags, summary: '删除自定义企业类别', params: z.object({ code: z.string().max(40).meta({ title: '代码' }) }), response: { 200: okSchema } } }, async (request) => {
    await coverage.deleteSegment(actorOf(request), request.params.code);
    return { ok: true as const };
  });

  app.get('/api/coverage/overview', { config: { access: 'statistics:read' }, schema: { tags, summary: '覆盖率总览：本级、下级、行业、排名、预计达标时间', querystring: viewQuery, response: { 200: coverageOverviewSchema } } }, (request) =>
    dashboard.overview(callerOf(request), request.query.orgUnitId, { year: request.query.year ?? currentYear(), section: request.query.section, division: request.query.division }),
  );
  app.get('/api/coverage/trend', { config: { access: 'statistics:read' }, schema: { tags, summary: '覆盖率月度趋势与新增首席质量官', querystring: viewQuery, response: { 200: coverageTrendSchema } } }, (request) =>
    dashboard.trend(callerOf(request), request.query.orgUnitId, { year: request.query.year ?? currentYear(), section: request.query.section }),
  );

  app.get('/api/coverage/worklists/:kind', { config: { access: 'statistics:read' }, schema: { tags, summary: '工作清单', params: kindParams, querystring: worklistQuery, response: { 200: worklistPageSchema } } }, (request) =>
    worklists.page(callerOf(request), request.params.kind, request.query),
  );

  app.post(
    '/api/coverage/worklists/:kind/exports',
    { config: { access: 'statistics:read' }, schema: { tags, summary: '导出工作清单（后台任务，Excel）', params: kindParams, body: worklistBody, response: { 202: jobIdSchema } } },
    async (request, reply) => reply.code(202).send({ jobId: await worklists.startExport(callerOf(request), actorOf(request), request.params.kind, request.body) }),
  );

  app.post(
    '/api/coverage/worklists/:kind/reminders',
    {
      config: { access: 'supervision:manage' },
      schema: { tags, summary: '向清单中的企业账户批量发送提醒（后台任务）', params: z.object({ kind: z.enum(['uncovered', 'studyBehind']).meta({ title: '类型' }) }), body: worklistBody, response: { 202: jobIdSchema } },
    },
    async (request, reply) => reply.code(202).send({ jobId: await worklists.startReminders(callerOf(request), actorOf(request), request.params.kind, request.body) }),
  );

  const lettersBody = worklistBody.extend({
    format: z.enum(['pdf', 'xlsx'], { error: '请选择文件格式：PDF 或 Excel' }).meta({ title: '形式' }),
    unreachedOnly: z.boolean().default(true).meta({ title: '仅未覆盖企业' }),
    deadline: z.iso.date({ error: '办理期限应为日期（YYYY-MM-DD）' }).optional().meta({ title: '办理期限' }),
    contactName: z.string().trim().max(20, { error: '联系人不超过 20 字' }).optional().meta({ title: '联系人' }),
    contactPhone: z.string().trim().max(30, { error: '联系电话不超过 30 字' }).optional().meta({ title: '联系电话' }),
  });
  app.post(
    '/api/coverage/worklists/:kind/notice-letters',
    {
      config: { access: 'supervision:manage' },
      schema: { tags, summary: '生成清单的催办通知书（PDF，每家企业一页）或联系名单（Excel）（后台任务）', params: kindParams, body: lettersBody, response: { 202: jobIdSchema } },
    },
    async (request, reply) => reply.code(202).send({ jobId: await worklists.startNoticeLetters(callerOf(request), actorOf(request), request.params.kind, request.body) }),
  );

  const scorecardQuery = z.object({ orgUnitId: z.coerce.number().int().positive().optional().meta({ title: '所属单位' }), year: z.coerce.number().int().min(2000).max(2100).optional().meta({ title: '年度' }) });
  app.get('/api/coverage/scorecards', { config: { access: 'statistics:read' }, schema: { tags, summary: '考核记分卡', querystring: scorecardQuery, response: { 200: scorecardSchema } } }, (request) =>
    reports.scorecard(callerOf(request), request.query.orgUnitId, request.query.year),
  );
  app.get('/api/coverage/scorecards/export', { config: { access: 'statistics:read', audit: 'coverage.scorecard.export' }, schema: { tags, summary: '导出考核记分卡（Excel）', querystring: scorecardQuery, response: fileResponse([XLSX_TYPE], '考核记分卡 Excel') } }, async (request, reply) => {
    const result = await reports.scorecard(callerOf(request), request.query.orgUnitId, request.query.year);
    return sendXlsx(reply, `首席质量官制度推进情况考核-${result.unit.name}-${result.year}.xlsx`, `${result.year}年考核`, SCORECARD_COLUMNS, [result.rows]);
  });

  app.post('/api/coverage/rebuild', { config: { access: 'targets:manage' }, schema: { tags, summary: '重建覆盖率汇总并核对（后台任务）', response: { 202: jobIdSchema } } }, async (request, reply) =>
    reply.code(202).send({ jobId: await reports.startRebuild(callerOf(request), actorOf(request)) }),
  );
  app.get('/api/coverage/reconciliation', { config: { access: 'targets:manage' }, schema: { tags, summary: '核对：汇总表与按企业表重新计数是否一致', response: { 200: reconciliationSchema } } }, () => reports.reconcile());
}
