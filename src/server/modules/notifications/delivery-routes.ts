import { z } from 'zod';
import { deliveryPageSchema } from '../../../contract/notifications';
import { DELIVERY_STATUSES, NOTICE_CHANNELS } from '../../../domain/notices';
import { callerOf } from '../../auth/guards';
import type { AppContext } from '../../context';
import { pageQuery, type ZodApp } from '../../http';
import { notificationsServices } from './services';

const filters = {
  ...pageQuery,
  channel: z
    .enum(Object.keys(NOTICE_CHANNELS) as ['in_app', 'sms', 'email'])
    .optional()
    .meta({ title: '渠道' }),
  status: z
    .enum(Object.keys(DELIVERY_STATUSES) as ['pending', 'sent', 'failed', 'capped'])
    .optional()
    .meta({ title: '状态' }),
  q: z.string().trim().max(100).optional().meta({ title: '关键词' }),
};

/** What was sent: bureaus audit every delivery in their region; everyone sees what was sent to them. */
export function deliveryRoutes(app: ZodApp, ctx: AppContext): void {
  const tags = ['notifications'];
  const { deliveries } = notificationsServices(ctx);

  app.get(
    '/api/notifications/deliveries',
    {
      config: { access: 'supervision:manage' },
      schema: { tags, summary: '通知发送记录（本辖区）', querystring: z.object(filters), response: { 200: deliveryPageSchema } },
    },
    (request) => deliveries.inRegion(callerOf(request), request.query),
  );

  app.get(
    '/api/notifications/deliveries/mine',
    {
      config: { access: 'session' },
      schema: { tags, summary: '发给我的通知（各渠道）', querystring: z.object(filters), response: { 200: deliveryPageSchema } },
    },
    (request) => deliveries.mine(callerOf(request), request.query),
  );
}
