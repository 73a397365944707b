import { z } from 'zod';
import { idSchema, okSchema } from '../../../contract/common';
import { moderationQueueSchema, sensitiveWordListSchema } from '../../../contract/community';
import { actorOf, callerOf } from '../../auth/guards';
import type { AppContext } from '../../context';
import { idParams, type ZodApp } from '../../http';
import { ok, optionalText, tags, text } from './route-fields';
import { communityServices } from './services';

/** Moderation (community:manage): the review queue, decisions on posts, thread flags and moves, sensitive words. */
export function moderationRoutes(app: ZodApp, ctx: AppContext): void {
  const { moderation } = communityServices(ctx);

  app.get(
    '/api/community/moderation/queue',
    { config: { access: 'community:manage' }, schema: { tags, summary: '审核队列：待审核与被举报的帖子', response: { 200: moderationQueueSchema } } },
    (request) => moderation.queue(callerOf(request)),
  );
  app.post(
    '/api/community/posts/:id/moderation',
    {
      config: { access: 'community:manage' },
      schema: {
        tags,
        summary: '审核处理：通过、隐藏、恢复、驳回举报',
        params: idParams,
        body: z.object({
          decision: z.enum(['approve', 'hide', 'restore', 'dismiss']).meta({ title: '处理决定' }),
          reason: optionalText('理由', 500).meta({ title: '理由' }),
        }),
        response: { 200: okSchema },
      },
    },
    async (request) => {
      await moderation.decide(callerOf(request), actorOf(request), request.params.id, request.body.decision, request.body.reason ?? null);
      return ok;
    },
  );
  app.put(
    '/api/community/threads/:id/flags',
    {
      config: { access: 'community:manage' },
      schema: {
        tags,
        summary: '锁定、置顶、加精',
        params: idParams,
        body: z.object({ flag: z.enum(['locked', 'pinned', 'featured']).meta({ title: '标记' }), on: z.boolean().meta({ title: '开启' }) }),
        response: { 200: okSchema },
      },
    },
    async (request) => {
      await moderation.flag(callerOf(request), actorOf(request), request.params.id, request.body.flag, request.body.on);
      return ok;
    },
  );
  app.post(
    '/api/community/threads/:id/move',
    {
      config: { access: 'community:manage' },
      schema: {
        tags,
        summary: '移动主题到其他版块',
        params: idParams,
        body: z.object({ boardId: z.number().int().positive().meta({ title: '版块' }) }),
        response: { 200: okSchema },
      },
    },
    async (request) => {
      await moderation.move(callerOf(request), actorOf(request), request.params.id, request.body.boardId);
      return ok;
    },
  );
  app.get(
    '/api/community/sensitive-words',
    {
      config: { access: 'community:manage' },
      schema: {
        tags,
        summary: '敏感词（全省或某组织）',
        querystring: z.object({ organisationId: z.coerce.number().int().positive().optional().meta({ title: '组织' }) }),
        response: { 200: sensitiveWordListSchema },
      },
    },
    (request) => moderation.words(callerOf(request), request.query.organisationId ?? null),
  );
  app.post(
    '/api/community/sensitive-words',
    {
      config: { access: 'community:manage' },
      schema: {
        tags,
        summary: '添加敏感词',
        body: z.object({
          word: text('敏感词', 1, 30).meta({ title: '敏感词' }),
          organisationId: z.number().int().positive().nullable().default(null).meta({ title: '组织' }),
        }),
        response: { 201: idSchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await moderation.addWord(callerOf(request), actorOf(request), request.body.organisationId, request.body.word)),
  );
  app.delete(
    '/api/community/sensitive-words/:id',
    { config: { access: 'community:manage' }, schema: { tags, summary: '删除敏感词', params: idParams, response: { 200: okSchema } } },
    async (request) => {
      await moderation.removeWord(callerOf(request), actorOf(request), request.params.id);
      return ok;
    },
  );
}
