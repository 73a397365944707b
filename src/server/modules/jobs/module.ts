import type { ServerModule } from '../module';
import { jobRoutes } from './routes';

export const jobsModule: ServerModule = {
  name: 'jobs',
  routes: [jobRoutes],
  auditActions: {
    'job.cancel': '取消后台任务',
    'job.retry': '重试后台任务',
  },
};
