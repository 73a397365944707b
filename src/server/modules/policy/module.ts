import type { ServerModule } from '../module';
import { policyRoutes } from './routes';

export const policyModule: ServerModule = { name: 'policy', routes: [policyRoutes] };
