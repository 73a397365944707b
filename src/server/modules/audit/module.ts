import { MINUTE } from '../../jobs/handlers';
import type { ServerModule } from '../module';
import { auditRoutes } from './routes';
import { AUDIT_VERIFY, auditVerifyHandler } from './verify-job';

export const auditModule: ServerModule = {
  name: 'audit',
  routes: [auditRoutes],
  jobs: [{ kind: AUDIT_VERIFY, label: '审计日志完整性校验', timeoutMs: 60 * MINUTE, handler: auditVerifyHandler }],
  auditActions: {
    'audit.export': '导出审计日志',
    'audit.verify': '校验审计日志',
  },
};
