import type { ServerModule } from '../module';
import { regionRoutes } from './routes';

export const regionsModule: ServerModule = { name: 'regions', routes: [regionRoutes] };
