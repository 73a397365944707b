import type { ServerModule } from '../module';
import { regionRoutes } from './routes';

export const regionsModule: ServerModule = {
  name: 'regions',
  routes: [regionRoutes],
  auditActions: {
    'org_unit.create': '新增单位',
    'org_unit.update': '修改单位',
  },
};
