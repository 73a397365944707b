import { MINUTE } from '../../jobs/handlers';
import type { ServerModule } from '../module';
import { chaseHandler, scheduleTrainingPlanChase, TRAINING_PLAN_CHASE } from './chase';
import { trainingPlanRoutes } from './routes';

export const trainingPlansModule: ServerModule = {
  name: 'training-plans',
  routes: [trainingPlanRoutes],
  jobs: [{ kind: TRAINING_PLAN_CHASE, label: '催报年度培训计划', timeoutMs: 10 * MINUTE, handler: chaseHandler }],
  scheduled: [scheduleTrainingPlanChase],
};
