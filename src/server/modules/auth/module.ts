import type { ServerModule } from '../module';
import { OIDC_BACKCHANNEL_LOGOUT_PATH, oidcRoutes } from './oidc-routes';
import { authRoutes } from './routes';

export const authModule: ServerModule = {
  name: 'auth',
  routes: [authRoutes, oidcRoutes],
  // the identity provider's back-channel logout is authenticated by its signed token, and sent without the header
  csrfExempt: [OIDC_BACKCHANNEL_LOGOUT_PATH],
  auditActions: {
    'auth.login': '登录',
    'auth.logout': '退出登录',
    'auth.lockout': '账户锁定',
    'auth.login.idp': '政务服务网登录',
    'auth.logout.idp': '政务服务网注销（会话结束）',
    'auth.idp.link': '关联政务服务网身份',
    'account.password.change': '修改密码',
    'account.totp.setup': '生成动态验证码',
    'account.totp.enable': '绑定动态验证码',
  },
};
