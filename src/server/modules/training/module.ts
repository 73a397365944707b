import type { ServerModule } from '../module';
import { trainingRoutes } from './routes';

export const trainingModule: ServerModule = { name: 'training', routes: [trainingRoutes] };
