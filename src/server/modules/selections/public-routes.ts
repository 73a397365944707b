import { objectionSchema } from '../../../domain/selection';
import { actorOf } from '../../auth/guards';
import type { AppContext } from '../../context';
import { idParams, type ZodApp } from '../../http';
import { idSchema } from '../../../contract/common';
import { publicSelectionListSchema, publicSelectionSchema } from '../../../contract/selections';
import { selectionsServices } from './services';

/**
 * The 公示 of a competitive selection, for anyone: the enterprise, the criteria and weights, every candidate's
 * masked name (陈*量), total and rank, the selected candidate, the period, and how many objections were filed and
 * answered (their text may name people, so it stays with the enterprise and the bureau). No ID data at all.
 * Objections are taken during the period, rate-limited.
 */
export function selectionPublicRoutes(app: ZodApp, ctx: AppContext): void {
  const { publicity } = selectionsServices(ctx);
  const tags = ['public'];

  app.get(
    '/api/public/selections',
    {
      config: { access: 'public', rateLimit: { max: 30, timeWindow: 60_000 } },
      schema: { tags, summary: '正在公示的首席质量官竞争聘用结果', response: { 200: publicSelectionListSchema } },
    },
    () => publicity.list(),
  );

  app.get(
    '/api/public/selections/:id',
    {
      config: { access: 'public', rateLimit: { max: 30, timeWindow: 60_000 } },
      schema: { tags, summary: '竞争聘用结果公示（姓名脱敏）', params: idParams, response: { 200: publicSelectionSchema } },
    },
    (request) => publicity.get(request.params.id),
  );

  app.post(
    '/api/public/selections/:id/objections',
    {
      config: { access: 'public', rateLimit: { max: 5, timeWindow: 60_000 } },
      schema: { tags, summary: '公示期间提出异议', params: idParams, body: objectionSchema, response: { 201: idSchema } },
    },
    async (request, reply) => reply.code(201).send({ id: await publicity.fileObjection(actorOf(request), request.params.id, request.body) }),
  );
}
