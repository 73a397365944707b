import { z } from 'zod';
import { EVIDENCE_MIME_TYPES } from '../../storage/upload-checks';
import { sanctionProposalSchema } from '../../../domain/supervision';
import { actorOf, callerOf } from '../../auth/guards';
import type { AppContext } from '../../context';
import { idParams, pageQuery, type ZodApp } from '../../http';
import { sendEvidence, storeEvidence } from '../../storage/evidence';
import { fileResponse } from '../../../contract/common';
import { sanctionDetailSchema, sanctionKindSchema, sanctionPageSchema, sanctionStatusSchema } from '../../../contract/supervision';
import { supervisionServices } from './services';
import { attachmentParams, reasonBody } from './request-schemas';

/** 警示 and 黑名单 (signed-in routes; the public notices are in public-routes.ts): proposals with evidence, the province's decisions, appeals. */
export function sanctionRoutes(app: ZodApp, ctx: AppContext): void {
  const { sanctions } = supervisionServices(ctx);
  const tags = ['supervision'];

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
