import { z } from 'zod';
import { EVIDENCE_MIME_TYPES } from '../../storage/upload-checks';
import { endFilingSchema, filingInputSchema, personInputSchema } from '../../../domain/filing-input';
import { actorOf, callerOf } from '../../auth/guards';
import type { AppContext } from '../../context';
import { opensFilingDocuments } from '../../../domain/document-access';
import { forbidden } from '../../errors';
import { sendEvidence, storeEvidence } from '../../storage/evidence';
import { idParams, pageOf, pageQuery, versionField, type ZodApp } from '../../http';
import { candidateCorrectedSchema, candidateSchema, filingDetailSchema, filingSchema } from '../../../contract/filings';
import { exitStatisticsSchema, overrideStatisticsSchema, treatmentStatisticsSchema } from '../../../contract/filing-register';
import { fileResponse, idSchema, okSchema } from '../../../contract/common';
import { filingRegisterRoutes } from './register-routes';
import { rosterRoutes } from './roster-routes';
import { filingFilterSchema } from './register';
import { filingServices } from './services';

const remarks = z.object({ remarks: z.string().trim().min(2, { error: '请填写意见（至少 2 个字）' }).max(1000).meta({ title: '意见' }) });
const reason = z.object({ reason: z.string().trim().min(2, { error: '请填写理由（至少 2 个字）' }).max(1000).meta({ title: '理由' }) });

export function filingRoutes(app: ZodApp, ctx: AppContext): void {
  const { filings, decisions, persons, register, statistics } = filingServices(ctx);
  const tags = ['filings'];
  filingRegisterRoutes(app, ctx);
  rosterRoutes(app, ctx);

  app.post(
    '/api/candidates',
    {
      config: { access: 'filings:manage' },
      schema: {
        tags,
        summary: '登记拟任首席质量官（身份证号加密存储，仅显示脱敏号码；无论该身份证号是否已登记，答复相同）',
        body: personInputSchema,
        response: { 201: idSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await persons.upsertCandidate(callerOf(request), actorOf(request), request.body)),
  );

  app.get(
    '/api/candidates',
    {
      config: { access: 'filings:manage' },
      schema: { tags, summary: '本企业登记的拟任人员（竞争上岗可登记多人）', response: { 200: z.array(candidateSchema) } },
    },
    (request) => persons.listCandidates(callerOf(request)),
  );

  app.put(
    '/api/candidates/:id',
    {
      config: { access: 'filings:manage' },
      schema: {
        tags,
        summary: '更正本企业对拟任人员登记的学历、年限、职务（仅本企业数据；姓名与身份证号不可改）',
        params: idParams,
        body: personInputSchema.omit({ name: true, idNumber: true }).extend({ version: versionField.meta({ title: '版本' }) }),
        response: { 200: candidateCorrectedSchema },
      },
    },
    async (request) => {
      const version = await persons.correctCandidate(callerOf(request), actorOf(request), request.params.id, request.body);
      return { ok: true as const, version };
    },
  );

  app.delete(
    '/api/candidates/:id',
    { config: { access: 'filings:manage' }, schema: { tags, summary: '移出拟任人员', params: idParams, response: { 200: okSchema } } },
    async (request) => {
      await persons.removeCandidate(callerOf(request), actorOf(request), request.params.id);
      return { ok: true as const };
    },
  );

  app.get(
    '/api/filings',
    {
      config: { access: 'complete' },
      schema: {
        tags,
        summary: '聘任备案（主管局：管辖范围内；企业：本企业）',
        querystring: z.object({ ...pageQuery, ...filingFilterSchema.shape }),
        response: { 200: pageOf(filingSchema) },
      },
    },
    async (request) => {
      const { page, pageSize, ...filter } = request.query;
      return { ...(await register.list(callerOf(request), filter, page, pageSize)), page, pageSize };
    },
  );

  app.get(
    '/api/filings/:id',
    {
      config: { access: 'complete' },
      schema: { tags, summary: '备案详情（含各轮审核与资格审查依据）', params: idParams, response: { 200: filingDetailSchema } },
    },
    (request) => filings.get(callerOf(request), request.params.id),
  );

  app.post(
    '/api/filings',
    {
      config: { access: 'filings:manage' },
      schema: { tags, summary: '新建备案草稿（自动进行资格审查）', body: filingInputSchema, response: { 201: filingDetailSchema } },
    },
    async (request, reply) => reply.code(201).send(await filings.create(callerOf(request), actorOf(request), request.body)),
  );

  app.put(
    '/api/filings/:id',
    {
      config: { access: 'filings:manage' },
      schema: {
        tags,
        summary: '修改草稿或退回补正的备案',
        params: idParams,
        body: filingInputSchema.extend({ version: versionField.meta({ title: '版本' }) }),
        response: { 200: filingDetailSchema },
      },
    },
    (request) => filings.update(callerOf(request), actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/filings/:id/submit',
    { config: { access: 'filings:manage' }, schema: { tags, summary: '提交备案（新一轮审核）', params: idParams, response: { 200: filingDetailSchema } } },
    (request) => filings.submit(callerOf(request), actorOf(request), request.params.id),
  );

  app.post(
    '/api/filings/:id/withdraw',
    { config: { access: 'filings:manage' }, schema: { tags, summary: '审核前撤回', params: idParams, response: { 200: filingDetailSchema } } },
    (request) => filings.withdraw(callerOf(request), actorOf(request), request.params.id),
  );

  app.post(
    '/api/filings/:id/approve',
    {
      config: { access: 'filings:review' },
      schema: {
        tags,
        summary: '予以备案（原在任备案同时结束；不符合具有约束力的任职条件时须填写破格理由 overrideReason；未经资格审查的不能备案）',
        params: idParams,
        body: z.object({
          remarks: z.string().trim().max(1000).optional().meta({ title: '意见' }),
          overrideReason: z.string().trim().max(2000, { error: '破格理由不超过 2000 字' }).optional().meta({ title: '破格理由' }),
        }),
        response: { 200: filingDetailSchema },
      },
    },
    (request) => decisions.approve(callerOf(request), actorOf(request), request.params.id, request.body.remarks ?? null, request.body.overrideReason ?? null),
  );

  app.post(
    '/api/filings/:id/reevaluate',
    {
      config: { access: 'filings:review' },
      schema: { tags, summary: '按现行任职条件重新进行资格审查（待审核的备案）', params: idParams, response: { 200: filingDetailSchema } },
    },
    (request) => decisions.reevaluate(callerOf(request), actorOf(request), request.params.id),
  );

  app.get(
    '/api/filings/statistics/overrides',
    {
      config: { access: 'statistics:read' },
      schema: {
        tags,
        summary: '破格予以备案统计（按主管局、年度；辖区内）',
        querystring: z.object({
          year: z.coerce.number().int().min(2000, { error: '年度不正确' }).max(2200, { error: '年度不正确' }).optional().meta({ title: '年度' }),
        }),
        response: { 200: overrideStatisticsSchema },
      },
    },
    (request) => statistics.overrides(callerOf(request), request.query.year),
  );

  app.get(
    '/api/filings/statistics/exits',
    {
      config: { access: 'statistics:read' },
      schema: {
        tags,
        summary: '首席质量官退出统计（按主管局、退出原因、年度；辖区内）',
        querystring: z.object({
          year: z.coerce.number().int().min(2000, { error: '年度不正确' }).max(2200, { error: '年度不正确' }).optional().meta({ title: '年度' }),
        }),
        response: { 200: exitStatisticsSchema },
      },
    },
    (request) => statistics.exits(callerOf(request), request.query.year),
  );

  app.get(
    '/api/filings/statistics/treatment',
    {
      config: { access: 'statistics:read' },
      schema: { tags, summary: '在任首席质量官待遇统计（按主管局；辖区内）', response: { 200: treatmentStatisticsSchema } },
    },
    (request) => statistics.treatment(callerOf(request)),
  );

  app.post(
    '/api/filings/:id/return',
    {
      config: { access: 'filings:review' },
      schema: { tags, summary: '退回补正（须填写意见）', params: idParams, body: remarks, response: { 200: filingDetailSchema } },
    },
    (request) => decisions.returnForCorrection(callerOf(request), actorOf(request), request.params.id, request.body.remarks),
  );

  app.post(
    '/api/filings/:id/reject',
    {
      config: { access: 'filings:review' },
      schema: { tags, summary: '不予备案（须说明理由）', params: idParams, body: reason, response: { 200: filingDetailSchema } },
    },
    (request) => decisions.reject(callerOf(request), actorOf(request), request.params.id, request.body.reason),
  );

  app.post(
    '/api/filings/:id/authorization-letter',
    {
      config: { access: 'filings:manage' },
      schema: {
        tags,
        summary: '上传授权书（PDF/JPG/PNG，≤10 MB，按文件内容识别类型）',
        params: idParams,
        consumes: ['multipart/form-data'],
        response: { 200: filingDetailSchema },
      },
    },
    async (request) => {
      const ref = await storeEvidence(request, ctx.files, '授权书');
      try {
        return await filings.attachLetter(callerOf(request), actorOf(request), request.params.id, ref);
      } catch (err) {
        await ctx.files.remove(ref.split('#')[0] ?? '');
        throw err;
      }
    },
  );

  app.get(
    '/api/filings/:id/authorization-letter',
    {
      config: { access: 'complete' },
      schema: { tags, summary: '查看授权书（仅限可见该备案的账户）', params: idParams, response: fileResponse(EVIDENCE_MIME_TYPES, '授权书（PDF 或图片）') },
    },
    async (request, reply) => {
      const caller = callerOf(request);
      if (!opensFilingDocuments(caller.role)) throw forbidden('仅备案企业、首席质量官本人和审核机关可查看备案材料');
      const { filingId, ref } = await filings.letter(caller, request.params.id);
      return sendEvidence(reply, ctx.files, ref, `authorization-${filingId}`);
    },
  );

  app.post(
    '/api/filings/:id/end',
    {
      config: { access: 'complete' },
      schema: { tags, summary: '解聘、辞任或退出', params: idParams, body: endFilingSchema, response: { 200: filingDetailSchema } },
    },
    (request) => decisions.end(callerOf(request), actorOf(request), request.params.id, request.body),
  );
}
