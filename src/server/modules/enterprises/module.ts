import type { ServerModule } from '../module';
import { registrationRoutes } from './registration-routes';
import { enterpriseRoutes } from './routes';

export const enterprisesModule: ServerModule = { name: 'enterprises', routes: [enterpriseRoutes, registrationRoutes] };
