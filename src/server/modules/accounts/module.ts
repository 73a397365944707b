import type { ServerModule } from '../module';
import { contactRoutes } from './contact';
import { accountRoutes } from './routes';

export const accountsModule: ServerModule = { name: 'accounts', routes: [accountRoutes, contactRoutes] };
