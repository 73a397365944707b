import type { AppContext } from '../../context';
import { DeliveryLog } from './delivery-log';
import { NotificationInbox } from './inbox';

/** The notifications module's services, wired from the app context (routes never touch the database handle). */
export function notificationsServices(ctx: AppContext) {
  return { inbox: new NotificationInbox(ctx.db), deliveries: new DeliveryLog(ctx.db) };
}
