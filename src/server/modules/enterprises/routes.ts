import { z } from 'zod';
import { dictKeys, ENTERPRISE_STATUSES, INDUSTRY_SECTIONS, OWNERSHIPS, REVIEW_FLAGS, SCALES, type ReviewFlag } from '../../../domain/enterprise';
import { enterpriseInputSchema } from '../../../domain/enterprise-input';
import { fileResponse, jobIdSchema, XLSX_TYPE } from '../../../contract/common';
import { dictionariesSchema, enterpriseHistorySchema, enterprisePageSchema, enterpriseSchema } from '../../../contract/enterprises';
import { actorOf, callerOf } from '../../auth/guards';
import type { AppContext } from '../../context';
import { AppError } from '../../errors';
import { sendXlsxFile } from '../../http-send';
import { idParams, pageQuery, versionField, type ZodApp } from '../../http';
import { checkXlsxArchive } from '../../storage/upload-checks';
import { FileTooLarge } from '../../storage/file-store';
import { storeChecked } from '../../storage/staged-upload';
import { templateWorkbook } from './excel';
import type { EnterpriseListRow } from './repository';
import { enterpriseServices } from './services';

export const toEnterpriseDto = (r: EnterpriseListRow): z.infer<typeof enterpriseSchema> => ({
  id: r.id,
  uscc: r.uscc,
  name: r.name,
  orgUnitId: r.org_unit_id,
  orgUnitCode: r.org_unit_code,
  orgUnitName: r.org_unit_name,
  address: r.address,
  legalRepresentative: r.legal_representative,
  contactPerson: r.contact_person,
  contactPhone: r.contact_phone,
  industrySection: r.industry_section,
  industryCode: r.industry_division,
  scale: r.scale,
  ownership: r.ownership,
  aboveScale: r.above_scale,
  aboveScaleYear: r.above_scale_year,
  status: r.status,
  source: r.source,
  rosterStatus: r.roster_status,
  reviewFlags: r.review_flags.map((code) => ({ code, label: REVIEW_FLAGS[code as ReviewFlag] ?? code })),
  hasActiveOfficer: r.has_active_officer,
  version: r.version,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const boolParam = z.enum(['true', 'false']).transform((v) => v === 'true');

export const enterpriseFilterSchema = z.object({
  q: z.string().trim().max(60).optional().meta({ title: '关键词' }),
  orgUnitId: z.coerce.number().int().positive().optional().meta({ title: '所属单位' }),
  industrySection: z
    .string()
    .regex(/^[A-T]$/)
    .optional()
    .meta({ title: '行业门类' }),
  industryCode: z
    .string()
    .regex(/^\d{2}$/)
    .optional()
    .meta({ title: '行业大类' }),
  scale: z.enum(dictKeys(SCALES)).optional().meta({ title: '企业规模' }),
  ownership: z.enum(dictKeys(OWNERSHIPS)).optional().meta({ title: '经济类型' }),
  aboveScale: boolParam.optional().meta({ title: '规上企业' }),
  status: z.enum(dictKeys(ENTERPRISE_STATUSES)).optional().meta({ title: '状态' }),
  hasOfficer: boolParam.optional().meta({ title: '是否已有首席质量官' }),
  flagged: boolParam.optional().meta({ title: '是否标记' }),
});

const toFilter = (q: z.infer<typeof enterpriseFilterSchema>) => {
  const { industryCode, ...rest } = q;
  return { ...rest, industryDivision: industryCode };
};

export function enterpriseRoutes(app: ZodApp, ctx: AppContext): void {
  const { enterprises: service, jobs } = enterpriseServices(ctx);
  const tags = ['enterprises'];

  app.get(
    '/api/dictionaries',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: '字典：行业（GB/T 4754-2017）、规模、经济类型、经营状态',
        response: {
          200: dictionariesSchema,
        },
      },
    },
    () => ({ industries: [...INDUSTRY_SECTIONS], scales: SCALES, ownerships: OWNERSHIPS, statuses: ENTERPRISE_STATUSES }),
  );

  app.get(
    '/api/enterprises',
    {
      config: { access: 'enterprises:read' },
      schema: {
        tags,
        summary: '企业名录（管辖范围内）',
        querystring: enterpriseFilterSchema.extend({
          ...pageQuery,
          sort: z.enum(['name', 'uscc', 'updatedAt', 'createdAt']).default('name').meta({ title: '排序' }),
          order: z.enum(['asc', 'desc']).default('asc').meta({ title: '排序方向' }),
        }),
        response: { 200: enterprisePageSchema },
      },
    },
    async (request) => {
      const { page, pageSize, sort, order, ...filter } = request.query;
      const { items, total } = await service.list(callerOf(request), toFilter(filter), page, pageSize, sort, order);
      return { items: items.map(toEnterpriseDto), total, page, pageSize };
    },
  );

  app.get(
    '/api/enterprises/template',
    {
      config: { access: 'enterprises:manage' },
      schema: { tags, summary: '企业名录导入模板（Excel）', response: fileResponse([XLSX_TYPE], '企业名录导入模板 Excel') },
    },
    async (_request, reply) => sendXlsxFile(reply, '企业名录导入模板.xlsx', await templateWorkbook()),
  );

  app.get(
    '/api/enterprises/:id',
    { config: { access: 'enterprises:read' }, schema: { tags, summary: '企业详情', params: idParams, response: { 200: enterpriseSchema } } },
    async (request) => toEnterpriseDto(await service.get(callerOf(request), request.params.id)),
  );

  app.get(
    '/api/enterprises/:id/history',
    {
      config: { access: 'enterprises:read' },
      schema: {
        tags,
        summary: '企业信息变更记录',
        params: idParams,
        response: { 200: enterpriseHistorySchema },
      },
    },
    async (request) =>
      (await service.history(callerOf(request), request.params.id)).map((h) => ({
        id: h.id,
        changedAt: h.changed_at,
        actor: h.actor_username,
        kind: h.kind,
        changes: h.changes,
      })),
  );

  app.post(
    '/api/enterprises',
    { config: { access: 'enterprises:manage' }, schema: { tags, summary: '录入企业', body: enterpriseInputSchema, response: { 201: enterpriseSchema } } },
    async (request, reply) => reply.code(201).send(toEnterpriseDto(await service.create(callerOf(request), actorOf(request), request.body))),
  );

  app.put(
    '/api/enterprises/:id',
    {
      config: { access: 'enterprises:manage' },
      schema: {
        tags,
        summary: '修改企业信息（带上读取时的 version）',
        params: idParams,
        body: z.intersection(enterpriseInputSchema, z.object({ version: versionField.meta({ title: '版本' }) })),
        response: { 200: enterpriseSchema },
      },
    },
    async (request) => {
      const { version, ...input } = request.body;
      return toEnterpriseDto(await service.update(callerOf(request), actorOf(request), request.params.id, input, version));
    },
  );

  app.post(
    '/api/enterprises/:id/review-flags/check',
    {
      config: { access: 'enterprises:manage' },
      schema: { tags, summary: '核实待核实事项（主管单位不变时不再提示）', params: idParams, response: { 200: enterpriseSchema } },
    },
    async (request) => {
      return toEnterpriseDto(await service.checkFlags(callerOf(request), actorOf(request), request.params.id));
    },
  );

  app.post(
    '/api/enterprises/imports',
    {
      config: { access: 'enterprises:manage' },
      schema: { tags, summary: '上传 Excel 导入企业名录（后台任务）', consumes: ['multipart/form-data'], response: { 202: jobIdSchema } },
    },
    async (request, reply) => {
      const caller = callerOf(request);
      const file = await request.file({ limits: { fileSize: ctx.config.importMaxBytes, files: 1 } });
      if (!file) throw new AppError(400, 'VALIDATION', '请选择要导入的 Excel 文件', [{ path: 'file', message: '请选择文件' }]);
      if (!/\.xlsx$/i.test(file.filename)) throw new AppError(400, 'VALIDATION', '只能导入 .xlsx 格式的文件', [{ path: 'file', message: '请上传 .xlsx 文件' }]);
      const tooLarge = () => new AppError(413, 'PAYLOAD_TOO_LARGE', `文件超过 ${Math.round(ctx.config.importMaxBytes / 1048576)} MB，请拆分后分批导入`);
      let stored: { key: string };
      try {
        stored = await storeChecked(ctx.files, 'imports', 'xlsx', file.file, ctx.config.importMaxBytes, async (local) => {
          if (file.file.truncated) throw tooLarge();
          await checkXlsxArchive(local, ctx.config.importMaxInflatedBytes);
        });
      } catch (err) {
        if (err instanceof FileTooLarge || (err as { statusCode?: number }).statusCode === 413) throw tooLarge();
        throw err;
      }
      return reply.code(202).send(await jobs.startImport(caller, actorOf(request), { key: stored.key, name: file.filename }));
    },
  );

  app.post(
    '/api/enterprises/exports',
    {
      config: { access: 'enterprises:read' },
      schema: { tags, summary: '导出筛选后的企业名录（后台任务，Excel）', body: enterpriseFilterSchema, response: { 202: jobIdSchema } },
    },
    async (request, reply) => reply.code(202).send(await jobs.startExport(callerOf(request), actorOf(request), toFilter(request.body))),
  );
}
