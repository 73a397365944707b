import { z } from 'zod';
import { okSchema } from '../../../contract/common';
import { notificationPageSchema } from '../../../contract/notifications';
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
        querystring: z.object({
          ...pageQuery,
          unread: z
            .enum(['true', 'false'])
            .transform((v) => v === 'true')
            .optional()
            .meta({ title: '是否未读' }),
        }),
        response: { 200: notificationPageSchema },
      },
    },
    (request) => inbox.list(callerOf(request), request.query),
  );

  app.post(
    '/api/notifications/:id/read',
    { config: { access: 'session' }, schema: { tags, summary: '标为已读', params: idParams, response: { 200: okSchema } } },
    async (request) => {
      await inbox.markRead(callerOf(request), request.params.id);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/notifications/read-all',
    { config: { access: 'session' }, schema: { tags, summary: '全部标为已读', response: { 200: okSchema } } },
    async (request) => {
      await inbox.markAllRead(callerOf(request));
      return { ok: true as const };
    },
  );
}
