import type { ServerModule } from '../module';
import { coverageRoutes } from './routes';

export const coverageModule: ServerModule = { name: 'coverage', routes: [coverageRoutes] };
