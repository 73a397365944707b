import { z } from 'zod';
import { EVIDENCE_MIME_TYPES } from '../../storage/upload-checks';
import {
  DUTY_KINDS,
  DUTY_PROJECT_TYPES,
  dutyKindTitle,
  dutyRecordInputSchema,
  expertDrawSchema,
  expertNominationSchema,
  expertRandomDrawSchema,
  expertRefusalSchema,
  sanctionProposalSchema,
} from '../../../domain/supervision';
import { actorOf, callerOf } from '../../auth/guards';
import type { AppContext } from '../../context';
import { sendXlsx, type ColumnDef } from '../../excel/workbook';
import { idParams, pageQuery, type ZodApp } from '../../http';
import { sendEvidence, storeEvidence } from '../../storage/evidence';
import type { DutyRecordService } from './duty-records';
import { fileResponse, okSchema, XLSX_TYPE } from '../../../contract/common';
import {
  drawBatchPageSchema,
  drawDetailSchema,
  drawVerificationSchema,
  dutyRecordDetailSchema,
  dutyRecordPageSchema,
  expertMemberDetailSchema,
  expertMemberPageSchema,
  myExpertMembershipsSchema,
  sanctionDetailSchema,
  sanctionKindSchema,
  sanctionPageSchema,
  sanctionStatusSchema,
} from '../../../contract/supervision';
import { supervisionServices } from './services';
import { clock } from '../../clock';

const dateQuery = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: '日期格式应为 YYYY-MM-DD' });
const dutyFilter = z.object({
  kind: z
    .enum(Object.keys(DUTY_KINDS) as [keyof typeof DUTY_KINDS])
    .optional()
    .meta({ title: '类型' }),
  projectType: z
    .enum(Object.keys(DUTY_PROJECT_TYPES) as [keyof typeof DUTY_PROJECT_TYPES])
    .optional()
    .meta({ title: '三.4 具体事项' }),
  from: dateQuery.optional().meta({ title: '开始时间' }),
  to: dateQuery.optional().meta({ title: '结束时间' }),
  q: z.string().trim().max(60).optional().meta({ title: '关键词' }),
  enterpriseId: z.coerce.number().int().positive().optional().meta({ title: '企业' }),
  personId: z.coerce.number().int().positive().optional().meta({ title: '人员' }),
});
const reasonBody = z.object({ reason: z.string().trim().min(2, { error: '请填写理由（至少 2 个字）' }).max(1000).meta({ title: '理由' }) });
const attachmentParams = z.object({
  id: z.coerce.number().int().positive().meta({ title: '编号' }),
  attachmentId: z.coerce.number().int().positive().meta({ title: '附件' }),
});

type DutyRow = Awaited<ReturnType<DutyRecordService['list']>>['items'][number];
const DUTY_COLUMNS: ColumnDef<Omit<DutyRow, 'attachmentCount'>>[] = [
  { header: '发生日期', key: 'occurredOn', width: 12, value: (r) => r.occurredOn },
  { header: '职责类别', key: 'kind', width: 30, value: (r) => dutyKindTitle(r.kind) + (r.projectType ? `（${DUTY_PROJECT_TYPES[r.projectType]}）` : '') },
  { header: '事项', key: 'title', width: 30, value: (r) => r.title },
  { header: '经过', key: 'description', width: 50, value: (r) => r.description },
  { header: '结果', key: 'outcome', width: 30, value: (r) => r.outcome },
  { header: '首席质量官', key: 'personName', width: 12, value: (r) => r.personName },
  { header: '企业', key: 'enterpriseName', width: 30, value: (r) => r.enterpriseName },
  { header: '主管单位', key: 'orgUnitName', width: 14, value: (r) => r.orgUnitName },
  { header: '登记人', key: 'createdByRole', width: 10, value: (r) => (r.createdByRole === 'officer' ? '本人' : '企业') },
  { header: '确认学时（分钟）', key: 'creditedMinutes', width: 14, value: (r) => r.creditedMinutes },
];

/** Duty records, the expert pool, warnings and the blacklist (signed-in routes; the public ones are in public-routes.ts). */
export function supervisionRoutes(app: ZodApp, ctx: AppContext): void {
  const { duty, experts, draws, sanctions } = supervisionServices(ctx);
  const tags = ['supervision'];

  // ---- duty records (履职记录)
  app.get(
    '/api/duty-records',
    {
      config: { access: 'complete' },
      schema: {
        tags,
        summary: '履职记录（主管局：管辖范围内；企业：本企业；首席质量官：本人）',
        querystring: z.object({ ...pageQuery, ...dutyFilter.shape }),
        response: { 200: dutyRecordPageSchema },
      },
    },
    async (request) => {
      const { page, pageSize, ...filter } = request.query;
      return { ...(await duty.list(callerOf(request), filter, page, pageSize)), page, pageSize };
    },
  );

  app.get(
    '/api/duty-records/export',
    {
      config: { access: 'supervision:read', audit: 'duty_record.export' },
      schema: { tags, summary: '导出履职记录（Excel）', querystring: dutyFilter, response: fileResponse([XLSX_TYPE], '履职记录 Excel') },
    },
    async (request, reply) => {
      const caller = callerOf(request);
      return sendXlsx(reply, `履职记录-${clock.now().toISOString().slice(0, 10)}.xlsx`, '履职记录', DUTY_COLUMNS, duty.exportRows(caller, request.query));
    },
  );

  app.get(
    '/api/duty-records/:id',
    { config: { access: 'complete' }, schema: { tags, summary: '履职记录详情', params: idParams, response: { 200: dutyRecordDetailSchema } } },
    (request) => duty.get(callerOf(request), request.params.id),
  );

  app.post(
    '/api/duty-records',
    {
      config: { access: 'complete' },
      schema: { tags, summary: '登记履职记录（首席质量官本人或所在企业）', body: dutyRecordInputSchema, response: { 201: dutyRecordDetailSchema } },
    },
    async (request, reply) => reply.code(201).send(await duty.create(callerOf(request), actorOf(request), request.body)),
  );

  app.delete(
    '/api/duty-records/:id',
    { config: { access: 'complete' }, schema: { tags, summary: '删除未确认的履职记录', params: idParams, response: { 200: okSchema } } },
    async (request) => {
      await duty.remove(callerOf(request), actorOf(request), request.params.id);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/duty-records/:id/attachments',
    {
      config: { access: 'complete' },
      schema: {
        tags,
        summary: '上传证明材料（PDF/JPG/PNG，≤10 MB）',
        params: idParams,
        consumes: ['multipart/form-data'],
        response: { 200: dutyRecordDetailSchema },
      },
    },
    async (request) => {
      const caller = callerOf(request);
      await duty.get(caller, request.params.id);
      const ref = await storeEvidence(request, ctx.files, '证明材料');
      try {
        return await duty.addAttachment(caller, actorOf(request), request.params.id, ref, `证明材料.${ref.split('#')[1] ?? 'bin'}`);
      } catch (err) {
        await ctx.files.remove(ref.split('#')[0] ?? '');
        throw err;
      }
    },
  );

  app.get(
    '/api/duty-records/:id/attachments/:attachmentId',
    {
      config: { access: 'complete' },
      schema: { tags, summary: '查看证明材料', params: attachmentParams, response: fileResponse(EVIDENCE_MIME_TYPES, '证明材料（PDF 或图片）') },
    },
    async (request, reply) => {
      const a = await duty.attachment(callerOf(request), request.params.id, request.params.attachmentId);
      return sendEvidence(reply, ctx.files, a.ref, `duty-${request.params.id}-${a.id}`);
    },
  );

  app.post(
    '/api/duty-records/:id/confirm',
    {
      config: { access: 'supervision:manage' },
      schema: {
        tags,
        summary: '确认参与政府质量工作并计入年度学时',
        params: idParams,
        body: z.object({ hours: z.number().min(0.5, { error: '学时不少于 0.5' }).max(40, { error: '学时不超过 40' }).meta({ title: '学时' }) }),
        response: { 200: dutyRecordDetailSchema },
      },
    },
    (request) => duty.confirm(callerOf(request), actorOf(request), request.params.id, request.body.hours),
  );

  // ---- expert pool (专家库)
  app.get(
    '/api/expert-pool',
    {
      config: { access: 'supervision:read' },
      schema: {
        tags,
        summary: '专家库（管辖范围内）',
        querystring: z.object({
          ...pageQuery,
          status: z.enum(['nominated', 'active', 'declined', 'withdrawn']).optional().meta({ title: '状态' }),
          q: z.string().trim().max(60).optional().meta({ title: '关键词' }),
          industrySection: z.string().max(1).optional().meta({ title: '行业门类' }),
        }),
        response: { 200: expertMemberPageSchema },
      },
    },
    async (request) => {
      const { page, pageSize, ...filter } = request.query;
      return { ...(await experts.list(callerOf(request), filter, page, pageSize)), page, pageSize };
    },
  );
  app.get(
    '/api/expert-pool/mine',
    { config: { access: 'officer_profile:manage' }, schema: { tags, summary: '本人的专家库推荐与抽取', response: { 200: myExpertMembershipsSchema } } },
    (request) => experts.mine(callerOf(request)),
  );
  app.get(
    '/api/expert-pool/:id',
    { config: { access: 'complete' }, schema: { tags, summary: '专家库成员与抽取记录', params: idParams, response: { 200: expertMemberDetailSchema } } },
    (request) => experts.get(callerOf(request), request.params.id),
  );
  app.post(
    '/api/expert-pool',
    {
      config: { access: 'supervision:manage' },
      schema: { tags, summary: '推荐首席质量官入库', body: expertNominationSchema, response: { 201: expertMemberDetailSchema } },
    },
    async (request, reply) => reply.code(201).send(await experts.nominate(callerOf(request), actorOf(request), request.body)),
  );
  app.post(
    '/api/expert-pool/:id/respond',
    {
      config: { access: 'officer_profile:manage' },
      schema: {
        tags,
        summary: '本人接受或谢绝入库',
        params: idParams,
        body: z.object({ accept: z.boolean().meta({ title: '是否接受' }) }),
        response: { 200: expertMemberDetailSchema },
      },
    },
    (request) => experts.respond(callerOf(request), actorOf(request), request.params.id, request.body.accept),
  );
  app.post(
    '/api/expert-pool/:id/withdraw',
    {
      config: { access: 'supervision:manage' },
      schema: { tags, summary: '移出专家库', params: idParams, body: reasonBody, response: { 200: expertMemberDetailSchema } },
    },
    (request) => experts.withdraw(callerOf(request), actorOf(request), request.params.id, request.body.reason),
  );
  app.post(
    '/api/expert-pool/:id/draws',
    {
      config: { access: 'supervision:manage' },
      schema: { tags, summary: '抽取专家参加诊断或评审', params: idParams, body: expertDrawSchema, response: { 201: expertMemberDetailSchema } },
    },
    async (request, reply) => reply.code(201).send(await experts.draw(callerOf(request), actorOf(request), request.params.id, request.body)),
  );

  // ---- random draws (随机抽取, policy 三.5)
  app.get(
    '/api/expert-draws',
    {
      config: { access: 'supervision:read' },
      schema: { tags, summary: '随机抽取专家记录（管辖范围内）', querystring: z.object(pageQuery), response: { 200: drawBatchPageSchema } },
    },
    async (request) => {
      const { page, pageSize } = request.query;
      return { ...(await draws.list(callerOf(request), page, pageSize)), page, pageSize };
    },
  );
  app.post(
    '/api/expert-draws',
    {
      config: { access: 'supervision:manage' },
      schema: {
        tags,
        summary: '从筛选后的专家库随机抽取 N 名专家（回避同企业、同县和申报利益冲突者；记录种子与候选名单）',
        body: expertRandomDrawSchema,
        response: { 201: drawDetailSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await draws.draw(callerOf(request), actorOf(request), request.body)),
  );
  app.get(
    '/api/expert-draws/:id',
    {
      config: { access: 'supervision:read' },
      schema: { tags, summary: '随机抽取详情（种子、候选名单、回避、抽取与递补）', params: idParams, response: { 200: drawDetailSchema } },
    },
    (request) => draws.get(callerOf(request), request.params.id),
  );
  app.get(
    '/api/expert-draws/:id/verify',
    {
      config: { access: 'supervision:read' },
      schema: { tags, summary: '按审计日志中的种子和候选名单重新运行抽取并核对', params: idParams, response: { 200: drawVerificationSchema } },
    },
    (request) => draws.verify(callerOf(request), request.params.id),
  );
  app.post(
    '/api/expert-draw-items/:id/refuse',
    {
      config: { access: 'supervision:manage' },
      schema: { tags, summary: '记录专家谢绝，按种子顺序递补下一位', params: idParams, body: expertRefusalSchema, response: { 200: drawDetailSchema } },
    },
    (request) => draws.refuse(callerOf(request), actorOf(request), request.params.id, request.body.reason),
  );

  // ---- warnings and blacklist (警示 / 黑名单)
  app.get(
    '/api/sanctions',
    {
      config: { access: 'complete' },
      schema: {
        tags,
        summary: '警示与黑名单（主管局：管辖范围内；首席质量官：本人）',
        querystring: z.object({
          ...pageQuery,
          kind: sanctionKindSchema.optional().meta({ title: '类型' }),
          status: sanctionStatusSchema.optional().meta({ title: '状态' }),
          q: z.string().trim().max(60).optional().meta({ title: '关键词' }),
        }),
        response: { 200: sanctionPageSchema },
      },
    },
    async (request) => {
      const { page, pageSize, ...filter } = request.query;
      return { ...(await sanctions.list(callerOf(request), filter, page, pageSize)), page, pageSize };
    },
  );
  app.get(
    '/api/sanctions/:id',
    { config: { access: 'complete' }, schema: { tags, summary: '警示或黑名单详情（含申诉）', params: idParams, response: { 200: sanctionDetailSchema } } },
    (request) => sanctions.get(callerOf(request), request.params.id),
  );
  app.post(
    '/api/sanctions',
    {
      config: { access: 'supervision:manage' },
      schema: { tags, summary: '提出警示或黑名单建议（县、市局）', body: sanctionProposalSchema, response: { 201: sanctionDetailSchema } },
    },
    async (request, reply) => reply.code(201).send(await sanctions.propose(callerOf(request), actorOf(request), request.body)),
  );
  app.post(
    '/api/sanctions/:id/evidence',
    {
      config: { access: 'supervision:manage' },
      schema: {
        tags,
        summary: '上传事故与处理证据（PDF/JPG/PNG，≤10 MB）',
        params: idParams,
        consumes: ['multipart/form-data'],
        response: { 200: sanctionDetailSchema },
      },
    },
    async (request) => {
      const caller = callerOf(request);
      await sanctions.get(caller, request.params.id);
      const ref = await storeEvidence(request, ctx.files, '证据材料');
      try {
        return await sanctions.addEvidence(caller, actorOf(request), request.params.id, ref, `证据材料.${ref.split('#')[1] ?? 'bin'}`);
      } catch (err) {
        await ctx.files.remove(ref.split('#')[0] ?? '');
        throw err;
      }
    },
  );
  app.get(
    '/api/sanctions/:id/evidence/:attachmentId',
    {
      config: { access: 'complete' },
      schema: { tags, summary: '查看证据材料', params: attachmentParams, response: fileResponse(EVIDENCE_MIME_TYPES, '证据材料（PDF 或图片）') },
    },
    async (request, reply) => {
      const a = await sanctions.attachment(callerOf(request), request.params.id, request.params.attachmentId);
      return sendEvidence(reply, ctx.files, a.ref, `sanction-${request.params.id}-${a.id}`);
    },
  );
  app.post(
    '/api/sanctions/:id/approve',
    {
      config: { access: 'supervision:manage' },
      schema: {
        tags,
        summary: '省局决定：予以警示或列入黑名单',
        params: idParams,
        body: z.object({ remarks: z.string().trim().max(1000).optional().meta({ title: '意见' }) }),
        response: { 200: sanctionDetailSchema },
      },
    },
    (request) => sanctions.approve(callerOf(request), actorOf(request), request.params.id, request.body.remarks ?? null),
  );
  app.post(
    '/api/sanctions/:id/reject',
    {
      config: { access: 'supervision:manage' },
      schema: { tags, summary: '省局决定：不予采纳', params: idParams, body: reasonBody, response: { 200: sanctionDetailSchema } },
    },
    (request) => sanctions.reject(callerOf(request), actorOf(request), request.params.id, request.body.reason),
  );
  app.post(
    '/api/sanctions/:id/remove',
    {
      config: { access: 'supervision:manage' },
      schema: { tags, summary: '省局移除（禁入即时终止，公告注明）', params: idParams, body: reasonBody, response: { 200: sanctionDetailSchema } },
    },
    (request) => sanctions.remove(callerOf(request), actorOf(request), request.params.id, request.body.reason),
  );
  app.post(
    '/api/sanctions/:id/appeals',
    { config: { access: 'complete' }, schema: { tags, summary: '本人申诉', params: idParams, body: reasonBody, response: { 201: sanctionDetailSchema } } },
    async (request, reply) => reply.code(201).send(await sanctions.appeal(callerOf(request), actorOf(request), request.params.id, request.body.reason)),
  );
  app.post(
    '/api/sanction-appeals/:id/decide',
    {
      config: { access: 'supervision:manage' },
      schema: {
        tags,
        summary: '省局处理申诉（成立则移除）',
        params: idParams,
        body: z.object({
          upheld: z.boolean().meta({ title: '申诉是否成立' }),
          response: z.string().trim().min(2, { error: '请填写处理意见（至少 2 个字）' }).max(1000).meta({ title: '处理意见' }),
        }),
        response: { 200: sanctionDetailSchema },
      },
    },
    (request) => sanctions.decideAppeal(callerOf(request), actorOf(request), request.params.id, request.body.upheld, request.body.response),
  );
}
