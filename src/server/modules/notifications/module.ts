import { MINUTE } from '../../jobs/handlers';
import type { ServerModule } from '../module';
import { deliverHandler } from './deliver-job';
import { deliveryRoutes } from './delivery-routes';
import { configureNoticeDelivery, NOTICE_DELIVER } from './outbox';
import { notificationRoutes } from './routes';

export const notificationsModule: ServerModule = {
  name: 'notifications',
  routes: [notificationRoutes, deliveryRoutes],
  jobs: [{ kind: NOTICE_DELIVER, label: '发送通知（短信、电子邮件）', timeoutMs: 10 * MINUTE, handler: deliverHandler }],
  // which outside channels notices go through, read by the outbox
  setup: (ctx) => {
    const previous = configureNoticeDelivery({
      jobs: ctx.jobs,
      sms: ctx.config.sms !== undefined,
      email: ctx.config.mail !== undefined,
      dailyCap: ctx.config.noticeDailyCap,
    });
    return () => configureNoticeDelivery(previous);
  },
};
