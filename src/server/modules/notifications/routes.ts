import { z } from 'zod';
import { callerOf } from '../../auth/guards';
import type { AppContext } from '../../context';
import { idParams, pageQuery, type ZodApp } from '../../http';
import { notificationsServices } from './services';

/** The caller's own notices: the bell's unread count, the list, marking read. */
export function notificationRoutes(app: ZodApp, ctx: AppContext): void {
  const tags = ['notifications'];
  const { inbox } = notificationsServices(ctx);

  app.get(
    '/api/notifications',
    {
      config: { access: 'session' },
      schema: {
        tags,
        summary: '我的消息',
        querystring: z.object({ ...pageQuery, unread: z.enum(['true', 'false']).transform((v) => v === 'true').optional() }),
        response: {
          200: z.object({
            items: z.array(z.object({ id: z.number(), kind: z.string(), title: z.string(), body: z.string(), link: z.string().nullable(), readAt: z.date().nullable(), createdAt: z.date() })),
            total: z.number(),
            unread: z.number(),
            page: z.number(),
            pageSize: z.number(),
          }),
        },
      },
    },
    (request) => inbox.list(callerOf(request), request.query),
  );

  app.post('/api/notifications/:id/read', { config: { access: 'session' }, schema: { tags, summary: '标为已读', params: idParams } }, async (request) => {
    await inbox.markRead(callerOf(request), request.params.id);
    return { ok: true };
  });

  app.post('/api/notifications/read-all', { config: { access: 'session' }, schema: { tags, summary: '全部标为已读' } }, async (request) => {
    await inbox.markAllRead(callerOf(request));
    return { ok: true };
  });
}
