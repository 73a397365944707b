import type { ServerModule } from '../module';
import { settingsRoutes } from './routes';

export const settingsModule: ServerModule = {
  name: 'settings',
  routes: [settingsRoutes],
  auditActions: {
    'settings.security_policy.update': '修改安全策略',
    'settings.system.update': '修改系统设置',
    'settings.study.update': '修改学时设置',
  },
};
