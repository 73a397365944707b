import type { ServerModule } from '../module';
import { deliveryRoutes } from './delivery-routes';
import { notificationRoutes } from './routes';

export const notificationsModule: ServerModule = { name: 'notifications', routes: [notificationRoutes, deliveryRoutes] };
