import { z } from 'zod';
import { MATERIAL_MIME_TYPES } from './materials';
import { TRAINING_TIER_LABELS } from '../../../domain/training-delegation';
import { actorOf, callerOf } from '../../auth/guards';
import type { AppContext } from '../../context';
import { sendXlsx, type ColumnDef } from '../../excel/workbook';
import { idParams, pageQuery, type ZodApp } from '../../http';
import { PLAN_STATUS_LABELS } from './plans';
import { trainingPlanServices } from './services';
import { fileResponse, jobIdSchema, okSchema, XLSX_TYPE } from '../../../contract/common';
import {
  commentSchema,
  curriculumDetailSchema,
  curriculumInputSchema,
  curriculumListSchema,
  curriculumUpdateSchema,
  curriculumVersionListSchema,
  materialFilterSchema,
  materialListSchema,
  materialSchema,
  materialUpdateSchema,
  mergeInputSchema,
  mergeListSchema,
  mergeRowSchema,
  overviewSchema,
  planDetailSchema,
  planFilterSchema,
  planInputSchema,
  planPageSchema,
  planSummarySchema,
  planUpdateSchema,
  remarksSchema,
  returnSchema,
  tierSchema,
} from '../../../contract/training-plans';

type PlanRow = z.infer<typeof planSummarySchema>;

const EXPORT_COLUMNS: readonly ColumnDef<PlanRow>[] = [
  { header: '年度', key: 'year', width: 8, value: (r) => r.year },
  { header: '培训层级', key: 'tier', width: 10, value: (r) => TRAINING_TIER_LABELS[r.tier] },
  { header: '编制单位', key: 'orgUnitName', width: 18, value: (r) => r.orgUnitName },
  { header: '计划名称', key: 'title', width: 36, value: (r) => r.title },
  { header: '状态', key: 'status', width: 10, value: (r) => PLAN_STATUS_LABELS[r.status] },
  { header: '专项经费预算（元）', key: 'budgetYuan', width: 16, value: (r) => r.budgetYuan },
  { header: '计划班次', key: 'classCount', width: 10, value: (r) => r.classCount },
  { header: '计划人数', key: 'places', width: 10, value: (r) => r.places },
  { header: '计划学时', key: 'hours', width: 10, value: (r) => r.hours },
  { header: '班次预算合计（元）', key: 'classBudgetYuan', width: 16, value: (r) => r.classBudgetYuan },
  {
    header: '报送时间',
    key: 'submittedAt',
    width: 18,
    value: (r) => (r.submittedAt ? new Date(r.submittedAt.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ') : ''),
  },
];

/** Training plans, the 合并至市级 setting, curricula and materials (the planning side of issue 6). */
export function trainingPlanRoutes(app: ZodApp, ctx: AppContext): void {
  const { plans, merges, curricula, materials, chase } = trainingPlanServices(ctx);
  const tags = ['training-plans'];

  app.get(
    '/api/training-plans',
    {
      config: { access: 'training:read' },
      schema: {
        tags,
        summary: '年度培训计划（本单位、下级已报送的计划及上级已报送的计划）',
        querystring: planFilterSchema.extend(pageQuery),
        response: { 200: planPageSchema },
      },
    },
    async (request) => {
      const { page, pageSize, ...filter } = request.query;
      return { ...(await plans.list(callerOf(request), filter, page, pageSize)), page, pageSize };
    },
  );

  app.get(
    '/api/training-plans/overview',
    {
      config: { access: 'training:read' },
      schema: {
        tags,
        summary: '年度培训计划编报情况（哪些单位尚未报送）',
        querystring: z.object({ year: z.coerce.number().int().min(2000).max(2200).meta({ title: '年度' }) }),
        response: { 200: overviewSchema },
      },
    },
    (request) => plans.overview(callerOf(request), request.query.year),
  );

  app.post(
    '/api/training-plans/chase',
    {
      config: { access: 'training:manage' },
      schema: {
        tags,
        summary: '催报：提醒辖区内尚未报送年度培训计划的单位（每天一次）',
        body: z.object({ year: z.number({ error: '请填写年度' }).int().min(2000).max(2200).meta({ title: '年度' }) }),
        response: { 202: jobIdSchema },
      },
    },
    async (request, reply) => reply.code(202).send(await chase.request(callerOf(request), actorOf(request), request.body.year)),
  );

  app.get(
    '/api/training-plans/export',
    {
      config: { access: 'training:read' },
      schema: { tags, summary: '导出培训计划列表（Excel）', querystring: planFilterSchema, response: fileResponse([XLSX_TYPE], '培训计划 Excel') },
    },
    async (request, reply) => {
      const rows = await plans.exportRows(callerOf(request), actorOf(request), request.query);
      return sendXlsx(reply, `培训计划${request.query.year ? `-${request.query.year}` : ''}.xlsx`, '培训计划', EXPORT_COLUMNS, [rows]);
    },
  );

  app.get(
    '/api/training-plans/:id',
    {
      config: { access: 'training:read' },
      schema: { tags, summary: '培训计划详情（计划班次、合计与意见）', params: idParams, response: { 200: planDetailSchema } },
    },
    (request) => plans.get(callerOf(request), request.params.id),
  );

  app.post(
    '/api/training-plans',
    {
      config: { access: 'training:manage' },
      schema: { tags, summary: '编制本单位年度培训计划（草稿）', body: planInputSchema, response: { 201: planDetailSchema } },
    },
    async (request, reply) => reply.code(201).send(await plans.create(callerOf(request), actorOf(request), request.body)),
  );

  app.put(
    '/api/training-plans/:id',
    {
      config: { access: 'training:manage' },
      schema: { tags, summary: '修改草稿或退回修改的计划', params: idParams, body: planUpdateSchema, response: { 200: planDetailSchema } },
    },
    (request) => plans.update(callerOf(request), actorOf(request), request.params.id, request.body),
  );

  app.delete(
    '/api/training-plans/:id',
    { config: { access: 'training:manage' }, schema: { tags, summary: '删除草稿', params: idParams, response: { 200: okSchema } } },
    async (request) => {
      await plans.remove(callerOf(request), actorOf(request), request.params.id);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/training-plans/:id/submit',
    { config: { access: 'training:manage' }, schema: { tags, summary: '报送上级', params: idParams, response: { 200: planDetailSchema } } },
    (request) => plans.submit(callerOf(request), actorOf(request), request.params.id),
  );

  app.post(
    '/api/training-plans/:id/comments',
    {
      config: { access: 'training:manage' },
      schema: { tags, summary: '发表意见（编制单位与上级）', params: idParams, body: commentSchema, response: { 200: planDetailSchema } },
    },
    (request) => plans.comment(callerOf(request), actorOf(request), request.params.id, request.body.body),
  );

  app.post(
    '/api/training-plans/:id/acknowledge',
    {
      config: { access: 'training:manage' },
      schema: { tags, summary: '阅知（上一级）', params: idParams, body: remarksSchema, response: { 200: planDetailSchema } },
    },
    (request) => plans.acknowledge(callerOf(request), actorOf(request), request.params.id, request.body.remarks || null),
  );

  app.post(
    '/api/training-plans/:id/return',
    {
      config: { access: 'training:manage' },
      schema: { tags, summary: '退回修改（上一级，须填写意见）', params: idParams, body: returnSchema, response: { 200: planDetailSchema } },
    },
    (request) => plans.returnForRevision(callerOf(request), actorOf(request), request.params.id, request.body.remarks),
  );

  app.get(
    '/api/training-merges',
    {
      config: { access: 'training:read' },
      schema: {
        tags,
        summary: '县（市、区）合并至市级设置',
        querystring: z.object({
          cityId: z.coerce.number().int().positive().optional().meta({ title: '设区市' }),
          merged: z
            .enum(['true', 'false'])
            .transform((v) => v === 'true')
            .optional()
            .meta({ title: '是否已合并' }),
        }),
        response: { 200: mergeListSchema },
      },
    },
    (request) => merges.list(callerOf(request), request.query),
  );

  app.put(
    '/api/training-merges/:id',
    {
      config: { access: 'training:manage' },
      schema: { tags, summary: '设置或取消合并至市级（市局、省局）', params: idParams, body: mergeInputSchema, response: { 200: mergeRowSchema } },
    },
    (request) => merges.set(callerOf(request), actorOf(request), request.params.id, request.body),
  );

  app.get(
    '/api/training-curricula',
    {
      config: { access: 'training:read' },
      schema: {
        tags,
        summary: '课程体系（本市、本省及管辖范围内）',
        querystring: z.object({
          tier: tierSchema.optional().meta({ title: '培训等级' }),
          orgUnitId: z.coerce.number().int().positive().optional().meta({ title: '所属单位' }),
        }),
        response: { 200: curriculumListSchema },
      },
    },
    (request) => curricula.list(callerOf(request), request.query),
  );

  app.get(
    '/api/training-curricula/:id',
    { config: { access: 'training:read' }, schema: { tags, summary: '课程体系详情（教学模块）', params: idParams, response: { 200: curriculumDetailSchema } } },
    (request) => curricula.get(callerOf(request), request.params.id),
  );

  app.get(
    '/api/training-curricula/:id/versions',
    { config: { access: 'training:read' }, schema: { tags, summary: '课程体系历次修订', params: idParams, response: { 200: curriculumVersionListSchema } } },
    (request) => curricula.versions(callerOf(request), request.params.id),
  );

  app.post(
    '/api/training-curricula',
    {
      config: { access: 'training:manage' },
      schema: { tags, summary: '编制课程体系（设区市：基础、提升；省局：高级）', body: curriculumInputSchema, response: { 201: curriculumDetailSchema } },
    },
    async (request, reply) => reply.code(201).send(await curricula.create(callerOf(request), actorOf(request), request.body)),
  );

  app.put(
    '/api/training-curricula/:id',
    {
      config: { access: 'training:manage' },
      schema: {
        tags,
        summary: '修订课程体系（版本号加一，保留修订记录）',
        params: idParams,
        body: curriculumUpdateSchema,
        response: { 200: curriculumDetailSchema },
      },
    },
    (request) => curricula.update(callerOf(request), actorOf(request), request.params.id, request.body),
  );

  app.get(
    '/api/training-materials',
    {
      config: { access: 'training:read' },
      schema: { tags, summary: '培训资料（本市、本省及管辖范围内）', querystring: materialFilterSchema, response: { 200: materialListSchema } },
    },
    (request) => materials.list(callerOf(request), request.query),
  );

  app.post(
    '/api/training-materials',
    {
      config: { access: 'training:manage' },
      schema: {
        tags,
        summary: '上传培训资料（PDF/Word/Excel/PowerPoint，≤30 MB；字段 title、tier、moduleId、description 在文件之前）',
        consumes: ['multipart/form-data'],
        response: { 201: materialSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await materials.upload(request, callerOf(request), actorOf(request))),
  );

  app.put(
    '/api/training-materials/:id',
    {
      config: { access: 'training:manage' },
      schema: { tags, summary: '修改资料名称、所属模块与说明', params: idParams, body: materialUpdateSchema, response: { 200: materialSchema } },
    },
    (request) => materials.update(callerOf(request), actorOf(request), request.params.id, request.body),
  );

  app.delete(
    '/api/training-materials/:id',
    { config: { access: 'training:manage' }, schema: { tags, summary: '删除培训资料', params: idParams, response: { 200: okSchema } } },
    async (request) => {
      await materials.remove(callerOf(request), actorOf(request), request.params.id);
      return { ok: true as const };
    },
  );

  app.get(
    '/api/training-materials/:id/download',
    {
      config: { access: 'training:read' },
      schema: { tags, summary: '下载培训资料', params: idParams, response: fileResponse(MATERIAL_MIME_TYPES, '培训资料（PDF 或 Office 文档）') },
    },
    async (request, reply) => {
      await materials.send(callerOf(request), request.params.id, reply);
      return reply;
    },
  );
}
