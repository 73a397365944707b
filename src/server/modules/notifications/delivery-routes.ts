import { z } from 'zod';
import { DELIVERY_STATUSES, maskAddress, NOTICE_CHANNELS } from '../../../domain/notices';
import { callerOf } from '../../auth/guards';
import { inRegionScope } from '../../auth/scope';
import type { AppContext } from '../../context';
import { pageQuery, type ZodApp } from '../../http';

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

  const list = async (where: (q: ReturnType<typeof base>) => ReturnType<typeof base>, query: z.infer<z.ZodObject<typeof filters>>) => {
    let q = where(base());
    if (query.channel) q = q.where('d.channel', '=', query.channel);
    if (query.status) q = q.where('d.status', '=', query.status);
    if (query.q) q = q.where((eb) => eb.or([eb('d.recipient_name', 'ilike', `%${query.q?.replace(/[\\%_]/g, (c) => `\\${c}`) ?? ''}%`), eb('d.title', 'ilike', `%${query.q?.replace(/[\\%_]/g, (c) => `\\${c}`) ?? ''}%`)]));
    const [{ total }, rows] = await Promise.all([
      q.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
      q
        .select(['d.id', 'd.kind', 'd.title', 'd.body', 'd.channel', 'd.recipient_name', 'o.name as org_unit_name', 'd.address', 'd.status', 'd.attempts', 'd.last_error', 'd.created_at', 'd.sent_at'])
        .orderBy('d.id', 'desc')
        .limit(query.pageSize)
        .offset((query.page - 1) * query.pageSize)
        .execute(),
    ]);
    return {
      items: rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        title: r.title,
        body: r.body,
        channel: r.channel,
        recipientName: r.recipient_name,
        orgUnitName: r.org_unit_name,
        address: maskAddress(r.channel, r.address),
        status: r.status,
        attempts: r.attempts,
        lastError: r.last_error,
        createdAt: r.created_at,
        sentAt: r.sent_at,
      })),
      total: Number(total),
      page: query.page,
      pageSize: query.pageSize,
    };
  };
  const base = () => ctx.db.selectFrom('notification_deliveries as d').innerJoin('org_units as o', 'o.id', 'd.org_unit_id');

  app.get(
    '/api/notifications/deliveries',
    { config: { access: 'supervision:manage' }, schema: { tags, summary: '通知发送记录（本辖区）', querystring: z.object(filters), response: { 200: page } } },
    // official notices only: community notices (mentions, moderation) carry members-only board content
    (request) => list((q) => q.where(inRegionScope(callerOf(request), 'd.org_unit_id')).where('d.official', '=', true), request.query),
  );

  app.get(
    '/api/notifications/deliveries/mine',
    { config: { access: 'session' }, schema: { tags, summary: '发给我的通知（各渠道）', querystring: z.object(filters), response: { 200: page } } },
    (request) => {
      const caller = callerOf(request);
      // an enterprise account also sees what reached its enterprise itself before it had an account (roster
      // contact), never what went to its other accounts or to its officers in person
      const enterpriseId = caller.role === 'enterprise' ? caller.enterpriseId : null;
      return list(
        (q) =>
          q.where((eb) =>
            enterpriseId
              ? eb.or([eb('d.account_id', '=', caller.accountId), eb.and([eb('d.enterprise_id', '=', enterpriseId), eb('d.account_id', 'is', null), eb('d.person_id', 'is', null)])])
              : eb('d.account_id', '=', caller.accountId),
          ),
        request.query,
      );
    },
  );
}
