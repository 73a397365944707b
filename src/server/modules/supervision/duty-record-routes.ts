import { z } from 'zod';
import { EVIDENCE_MIME_TYPES } from '../../storage/upload-checks';
import { DUTY_KINDS, DUTY_PROJECT_TYPES, dutyKindTitle, dutyRecordInputSchema } from '../../../domain/supervision';
import { actorOf, callerOf } from '../../auth/guards';
import type { AppContext } from '../../context';
import { sendXlsx, type ColumnDef } from '../../excel/workbook';
import { idParams, pageQuery, type ZodApp } from '../../http';
import { sendEvidence, storeEvidence } from '../../storage/evidence';
import type { DutyRecordService } from './duty-records';
import { fileResponse, okSchema, XLSX_TYPE } from '../../../contract/common';
import { dutyRecordDetailSchema, dutyRecordPageSchema } from '../../../contract/supervision';
import { supervisionServices } from './services';
import { clock } from '../../clock';
import { attachmentParams } from './request-schemas';

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

/** 履职记录: recorded by the enterprise or the officer, with evidence files; a bureau confirms the hours; exported to Excel. */
export function dutyRecordRoutes(app: ZodApp, ctx: AppContext): void {
  const { duty } = supervisionServices(ctx);
  const tags = ['supervision'];

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
}
