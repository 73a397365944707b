import { MINUTE } from '../../jobs/handlers';
import type { ServerModule } from '../module';
import { ENTERPRISE_EXPORT, enterpriseExportHandler } from './export-job';
import { ENTERPRISE_IMPORT, enterpriseImportHandler } from './import-job';
import { registrationRoutes } from './registration-routes';
import { enterpriseRoutes } from './routes';

export const enterprisesModule: ServerModule = {
  name: 'enterprises',
  routes: [enterpriseRoutes, registrationRoutes],
  jobs: [
    { kind: ENTERPRISE_IMPORT, label: '企业名录导入', timeoutMs: 30 * MINUTE, handler: enterpriseImportHandler },
    { kind: ENTERPRISE_EXPORT, label: '企业名录导出', timeoutMs: 30 * MINUTE, handler: enterpriseExportHandler },
  ],
};
