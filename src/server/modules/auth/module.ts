import type { ServerModule } from '../module';
import { OIDC_BACKCHANNEL_LOGOUT_PATH, oidcRoutes } from './oidc-routes';
import { authRoutes } from './routes';

export const authModule: ServerModule = {
  name: 'auth',
  routes: [authRoutes, oidcRoutes],
  // the identity provider's back-channel logout is authenticated by its signed token, and sent without the header
  csrfExempt: [OIDC_BACKCHANNEL_LOGOUT_PATH],
};
