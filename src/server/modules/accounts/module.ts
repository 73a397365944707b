import type { ServerModule } from '../module';
import { contactRoutes } from './contact-routes';
import { accountRoutes } from './routes';

export const accountsModule: ServerModule = {
  name: 'accounts',
  routes: [accountRoutes, contactRoutes],
  auditActions: {
    'account.create': '创建账户',
    'account.update': '修改账户',
    'account.contact.update': '修改本人联系方式',
    'account.disable': '停用账户',
    'account.enable': '启用账户',
    'account.unlock': '解除锁定',
    'account.password.reset': '重置密码',
    'account.password.reset.request': '申请重置密码（待安全管理员批准）',
    'account.password.reset.reject': '驳回密码重置申请',
    'account.totp.reset.request': '申请重置动态验证码（待安全管理员批准）',
    'account.totp.reset.reject': '驳回动态验证码重置申请',
    'account.totp.reset': '重置动态验证码',
    'enterprise.contact.update': '修改企业联系方式',
  },
};
