import { z } from 'zod';
import { callerOf } from '../../auth/guards';
import type { AppContext } from '../../context';
import { notFound } from '../../errors';
import { idParams, pageQuery, type ZodApp } from '../../http';
import { clock } from '../../clock';

/** The caller's own notices: the bell's unread count, the list, marking read. */
export function notificationRoutes(app: ZodApp, ctx: AppContext): void {
  const tags = ['notifications'];

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
    async (request) => {
      const caller = callerOf(request);
      const { page, pageSize, unread } = request.query;
      let q = ctx.db.selectFrom('notifications').where('account_id', '=', caller.accountId);
      if (unread) q = q.where('read_at', 'is', null);
      const [{ total }, { n }, items] = await Promise.all([
        q.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
        ctx.db.selectFrom('notifications').select((eb) => eb.fn.countAll<number>().as('n')).where('account_id', '=', caller.accountId).where('read_at', 'is', null).executeTakeFirstOrThrow(),
        q.select(['id', 'kind', 'title', 'body', 'link', 'read_at as readAt', 'created_at as createdAt']).orderBy('id', 'desc').limit(pageSize).offset((page - 1) * pageSize).execute(),
      ]);
      return { items, total: Number(total), unread: Number(n), page, pageSize };
    },
  );

  app.post('/api/notifications/:id/read', { config: { access: 'session' }, schema: { tags, summary: '标为已读', params: idParams } }, async (request) => {
    const result = await ctx.db
      .updateTable('notifications')
      .set({ read_at: clock.now() })
      .where('id', '=', request.params.id)
      .where('account_id', '=', callerOf(request).accountId)
      .where('read_at', 'is', null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) {
      const mine = await ctx.db.selectFrom('notifications').select('id').where('id', '=', request.params.id).where('account_id', '=', callerOf(request).accountId).executeTakeFirst();
      if (!mine) throw notFound('消息');
    }
    return { ok: true };
  });

  app.post('/api/notifications/read-all', { config: { access: 'session' }, schema: { tags, summary: '全部标为已读' } }, async (request) => {
    await ctx.db.updateTable('notifications').set({ read_at: clock.now() }).where('account_id', '=', callerOf(request).accountId).where('read_at', 'is', null).execute();
    return { ok: true };
  });
}
