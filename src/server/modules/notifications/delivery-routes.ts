import { z } from 'zod';
import { DELIVERY_STATUSES, NOTICE_CHANNELS } from '../../../domain/notices';
import { callerOf } from '../../auth/guards';
import type { AppContext } from '../../context';
import { pageQuery, type ZodApp } from '../../http';
import { notificationsServices } from './services';

const deliveryItem = z.object({
  id: z.number(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  channel: z.enum(['in_app', 'sms', 'email']),
  recipientName: z.string(),
  orgUnitName: z.string(),
  /** Masked (138****0000, z***@example.com): the log shows where a notice went, never the whole number. */
  address: z.string().nullable(),
  status: z.enum(['pending', 'sent', 'failed', 'capped']),
  attempts: z.number(),
  lastError: z.string().nullable(),
  createdAt: z.date(),
  sentAt: z.date().nullable(),
});

const filters = {
  ...pageQuery,
  channel: z.enum(Object.keys(NOTICE_CHANNELS) as ['in_app', 'sms', 'email']).optional(),
  status: z.enum(Object.keys(DELIVERY_STATUSES) as ['pending', 'sent', 'failed', 'capped']).optional(),
  q: z.string().trim().max(100).optional(),
};

/** What was sent: bureaus audit every delivery in their region; everyone sees what was sent to them. */
export function deliveryRoutes(app: ZodApp, ctx: AppContext): void {
  const tags = ['notifications'];
  const page = z.object({ items: z.array(deliveryItem), total: z.number(), page: z.number(), pageSize: z.number() });
  const { deliveries } = notificationsServices(ctx);

  app.get(
    '/api/notifications/deliveries',
    { config: { access: 'supervision:manage' }, schema: { tags, summary: '通知发送记录（本辖区）', querystring: z.object(filters), response: { 200: page } } },
    (request) => deliveries.inRegion(callerOf(request), request.query),
  );

  app.get(
    '/api/notifications/deliveries/mine',
    { config: { access: 'session' }, schema: { tags, summary: '发给我的通知（各渠道）', querystring: z.object(filters), response: { 200: page } } },
    (request) => deliveries.mine(callerOf(request), request.query),
  );
}
