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
  auditActions: {
    'enterprise.create': '录入企业',
    'enterprise.update': '修改企业信息',
    'enterprise.import': '导入企业名录',
    'enterprise.import.load': '开始写入导入数据',
    'enterprise.export': '导出企业名录',
    'enterprise.flags.check': '核实待核实事项',
    'enterprise.registration.submit': '企业注册申请',
    'enterprise.registration.confirm': '确认企业注册',
    'enterprise.registration.refuse': '退回企业注册',
    'enterprise.change_request.submit': '企业变更申请',
    'enterprise.change_request.confirm': '确认企业变更',
    'enterprise.change_request.refuse': '退回企业变更',
  },
};
