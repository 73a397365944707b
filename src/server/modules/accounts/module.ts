import type { ServerModule } from '../module';
import { contactRoutes } from './contact-routes';
import { accountRoutes } from './routes';

export const accountsModule: ServerModule = { name: 'accounts', routes: [accountRoutes, contactRoutes] };
