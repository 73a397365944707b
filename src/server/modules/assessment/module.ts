import type { ServerModule } from '../module';
import { assessmentRoutes } from './routes';

export const assessmentModule: ServerModule = { name: 'assessment', routes: [assessmentRoutes] };
