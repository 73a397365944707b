import type { ServerModule } from '../module';
import { identityRoutes } from './routes';

export const identityModule: ServerModule = { name: 'identity', routes: [identityRoutes] };
