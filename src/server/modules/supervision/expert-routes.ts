import { z } from 'zod';
import { expertDrawSchema, expertNominationSchema, expertRandomDrawSchema, expertRefusalSchema } from '../../../domain/supervision';
import { actorOf, callerOf } from '../../auth/guards';
import type { AppContext } from '../../context';
import { idParams, pageQuery, type ZodApp } from '../../http';
import {
  drawBatchPageSchema,
  drawDetailSchema,
  drawVerificationSchema,
  expertMemberDetailSchema,
  expertMemberPageSchema,
  myExpertMembershipsSchema,
} from '../../../contract/supervision';
import { supervisionServices } from './services';
import { reasonBody } from './request-schemas';

/** 专家库: nominations, answers and withdrawals, draws for a diagnosis or review, and random draws (policy 三.5) with their verification. */
export function expertRoutes(app: ZodApp, ctx: AppContext): void {
  const { experts, draws } = supervisionServices(ctx);
  const tags = ['supervision'];

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
}
