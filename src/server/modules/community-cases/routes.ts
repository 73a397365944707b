import { z } from 'zod';
import { EVIDENCE_MIME_TYPES } from '../../storage/upload-checks';
import { communityCreditRuleSchema } from '../../../domain/community-cases';
import { actorOf, callerOf } from '../../auth/guards';
import type { AppContext } from '../../context';
import { idParams, versionField, type ZodApp } from '../../http';
import { eventRoutes } from './event-routes';
import { fileResponse, idSchema, okSchema as ok } from '../../../contract/common';
import {
  caseCreditedSchema,
  caseDetailSchema,
  caseHitPageSchema,
  caseInputSchema,
  caseListPageSchema,
  caseReviewQuery,
  caseSavedSchema,
  caseSearchQuery,
  communityCreditsSchema,
  communityProfileSchema,
  creditRuleSchema,
  creditsQuery,
  featureBody,
  myCasesSchema,
  publishBody,
  remarksBody,
} from '../../../contract/community-cases';
import { communityCasesServices } from './services';
import { sendCommunityFile, storeCommunityFile } from './uploads';

/** 经验案例 (case library) and 交流活动 (events) of the exchange and sharing platform. */
export function communityCaseRoutes(app: ZodApp, ctx: AppContext): void {
  const { cases, review, credits, uploads } = communityCasesServices(ctx);
  const tags = ['community-cases'];

  app.get(
    '/api/community/cases',
    {
      config: { access: 'community:read' },
      schema: { tags, summary: '案例库：已发布案例的全文检索（分词、排序、摘要高亮）', querystring: caseSearchQuery, response: { 200: caseHitPageSchema } },
    },
    async (request) => {
      const q = request.query;
      const result = await cases.search(callerOf(request), {
        q: q.q,
        industrySection: q.industrySection,
        tool: q.tool,
        featured: q.featured === undefined ? undefined : q.featured === 'true',
        from: q.from,
        to: q.to,
        page: q.page,
        pageSize: q.pageSize,
      });
      return { ...result, page: q.page, pageSize: q.pageSize };
    },
  );

  app.get(
    '/api/community/cases/mine',
    { config: { access: 'community:participate' }, schema: { tags, summary: '我的案例', response: { 200: myCasesSchema } } },
    async (request) => ({ items: await cases.mine(callerOf(request)) }),
  );

  app.get(
    '/api/community/cases/review',
    {
      config: { access: 'community:manage' },
      schema: { tags, summary: '案例审核队列（本辖区）', querystring: caseReviewQuery, response: { 200: caseListPageSchema } },
    },
    async (request) => review.reviewQueue(callerOf(request), request.query.status, request.query.page, request.query.pageSize),
  );

  app.get(
    '/api/community/cases/:id',
    { config: { access: 'community:read' }, schema: { tags, summary: '案例详情', params: idParams, response: { 200: caseDetailSchema } } },
    (request) => cases.view(callerOf(request), request.params.id),
  );

  app.post(
    '/api/community/cases',
    { config: { access: 'community:participate' }, schema: { tags, summary: '新建案例（草稿）', body: caseInputSchema, response: { 201: idSchema } } },
    async (request, reply) => reply.code(201).send({ id: await cases.create(callerOf(request), actorOf(request), request.body) }),
  );

  app.put(
    '/api/community/cases/:id',
    {
      config: { access: 'community:participate' },
      schema: {
        tags,
        summary: '修改案例（草稿或退回；带上读取时的 version）',
        params: idParams,
        body: z.intersection(caseInputSchema, z.object({ version: versionField.meta({ title: '版本' }) })),
        response: { 200: caseSavedSchema },
      },
    },
    async (request) => {
      const { version, ...input } = request.body;
      return { ok: true as const, version: await cases.update(callerOf(request), actorOf(request), request.params.id, input, version) };
    },
  );

  app.post(
    '/api/community/cases/:id/submit',
    { config: { access: 'community:participate' }, schema: { tags, summary: '提交审核', params: idParams, response: { 200: ok } } },
    async (request) => {
      await cases.submit(callerOf(request), actorOf(request), request.params.id);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/community/cases/:id/withdraw',
    {
      config: { access: 'community:participate' },
      schema: { tags, summary: '撤回案例（已发布的撤出案例库并撤销学时）', params: idParams, response: { 200: ok } },
    },
    async (request) => {
      await cases.withdraw(callerOf(request), actorOf(request), request.params.id);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/community/cases/:id/return',
    { config: { access: 'community:manage' }, schema: { tags, summary: '退回修改', params: idParams, body: remarksBody, response: { 200: ok } } },
    async (request) => {
      await review.returnCase(callerOf(request), actorOf(request), request.params.id, request.body.remarks);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/community/cases/:id/publish',
    {
      config: { access: 'community:manage' },
      schema: { tags, summary: '审核通过并发布（同时计入作者学时）', params: idParams, body: publishBody, response: { 200: caseCreditedSchema } },
    },
    async (request) => ({
      creditedMinutes: await review.publish(callerOf(request), actorOf(request), request.params.id, request.body.featured, request.body.remarks),
    }),
  );

  app.post(
    '/api/community/cases/:id/feature',
    {
      config: { access: 'community:manage' },
      schema: { tags, summary: '设为或取消精选', params: idParams, body: featureBody, response: { 200: caseCreditedSchema } },
    },
    async (request) => ({ creditedMinutes: await review.setFeatured(callerOf(request), actorOf(request), request.params.id, request.body.featured) }),
  );

  app.post(
    '/api/community/cases/:id/unpublish',
    {
      config: { access: 'community:manage' },
      schema: { tags, summary: '撤销发布（退回作者并撤销学时）', params: idParams, body: remarksBody, response: { 200: ok } },
    },
    async (request) => {
      await review.unpublish(callerOf(request), actorOf(request), request.params.id, request.body.remarks);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/community/cases/:id/attachments',
    {
      config: { access: 'community:participate' },
      schema: { tags, summary: '上传附件（PDF/JPG/PNG，≤10 MB）', params: idParams, consumes: ['multipart/form-data'], response: { 201: idSchema } },
    },
    async (request, reply) =>
      reply.code(201).send({
        id: await uploads.attachToCase(callerOf(request), actorOf(request), request.params.id, (files) =>
          storeCommunityFile(request, files, '附件', ['pdf', 'jpg', 'png']),
        ),
      }),
  );

  app.get(
    '/api/community/case-attachments/:id',
    {
      config: { access: 'community:read' },
      schema: { tags, summary: '下载案例附件', params: idParams, response: fileResponse(EVIDENCE_MIME_TYPES, '案例附件（PDF 或图片）') },
    },
    async (request, reply) => {
      const a = await cases.attachmentFor(callerOf(request), request.params.id);
      return sendCommunityFile(reply, ctx.files, a.file_ref, a.file_name, 'attachment');
    },
  );

  app.delete(
    '/api/community/case-attachments/:id',
    { config: { access: 'community:participate' }, schema: { tags, summary: '删除案例附件', params: idParams, response: { 200: ok } } },
    async (request) => {
      await uploads.removeCaseAttachment(callerOf(request), actorOf(request), request.params.id);
      return { ok: true as const };
    },
  );

  // ---- study credit rule and the officer's community lines

  app.get(
    '/api/community/credit-rule',
    { config: { access: 'community:read' }, schema: { tags, summary: '交流分享计入学时规则（省局设定）', response: { 200: creditRuleSchema } } },
    () => credits.rule(),
  );

  app.put(
    '/api/community/credit-rule',
    {
      config: { access: 'targets:manage' },
      schema: {
        tags,
        summary: '修改交流分享计入学时规则（带上读取时的 version）',
        body: z.intersection(communityCreditRuleSchema, z.object({ version: z.number().int().min(0).meta({ title: '版本' }) })),
        response: { 200: creditRuleSchema },
      },
    },
    async (request) => {
      const { version, ...rule } = request.body;
      return credits.updateRule(callerOf(request), actorOf(request), rule, version);
    },
  );

  app.get(
    '/api/community/credits/me',
    {
      config: { access: 'community:participate' },
      schema: {
        tags,
        summary: '本人交流分享学时（年度学时账户中“交流分享”来源的各行）',
        querystring: creditsQuery,
        response: {
          200: communityCreditsSchema,
        },
      },
    },
    (request) => credits.mine(callerOf(request), request.query.year),
  );

  app.get(
    '/api/community/me',
    { config: { access: 'community:participate' }, schema: { tags, summary: '本人在交流分享中显示的姓名与企业', response: { 200: communityProfileSchema } } },
    (request) => credits.profile(callerOf(request)),
  );

  eventRoutes(app, ctx);
}
