import type { ServerModule } from '../module';
import { identityRoutes } from './routes';

export const identityModule: ServerModule = {
  name: 'identity',
  routes: [identityRoutes],
  auditActions: {
    'account.officer_home': '首席质量官账户转至任职企业所在地（备案生效）',
    'identity.link.confirm': '确认身份关联',
    'identity.link.refuse': '不予身份关联',
    'identity.link.revoke': '撤销身份关联',
    'identity.link.verified': '实名核验关联身份',
    'officer.invitation.accept': '经实名核验接受企业邀请',
  },
  // recorded by earlier versions only; the events in the log keep their labels
  retiredAuditActions: {
    'identity.link.request': '申请关联本人身份',
  },
};
