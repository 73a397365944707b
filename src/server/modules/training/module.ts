import { MINUTE } from '../../jobs/handlers';
import type { ServerModule } from '../module';
import { TRAINING_CERTIFICATE_ISSUE, trainingIssueHandler } from './issue-job';
import { trainingRoutes } from './routes';

export const trainingModule: ServerModule = {
  name: 'training',
  routes: [trainingRoutes],
  jobs: [{ kind: TRAINING_CERTIFICATE_ISSUE, label: '批量发放培训合格证', timeoutMs: 30 * MINUTE, handler: trainingIssueHandler }],
};
