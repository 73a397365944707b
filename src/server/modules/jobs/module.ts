import type { ServerModule } from '../module';
import { jobRoutes } from './routes';

export const jobsModule: ServerModule = { name: 'jobs', routes: [jobRoutes] };
