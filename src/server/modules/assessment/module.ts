import type { ServerModule } from '../module';
import { assessmentRoutes } from './routes';

export const assessmentModule: ServerModule = {
  name: 'assessment',
  routes: [assessmentRoutes],
  auditActions: {
    'assessment.scheme.save': '保存考核方案',
    'assessment.export': '导出考核结果',
  },
};
