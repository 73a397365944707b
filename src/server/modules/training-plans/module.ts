import type { ServerModule } from '../module';
import { trainingPlanRoutes } from './routes';

export const trainingPlansModule: ServerModule = { name: 'training-plans', routes: [trainingPlanRoutes] };
