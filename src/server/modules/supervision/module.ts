import type { ServerModule } from '../module';
import { supervisionPublicRoutes } from './public-routes';
import { supervisionRoutes } from './routes';

export const supervisionModule: ServerModule = { name: 'supervision', routes: [supervisionRoutes, supervisionPublicRoutes] };
