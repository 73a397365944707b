import type { AppContext } from '../../context';
import { IdpSignInService } from './oidc-signin';
import { AuthService } from './service';

/** The auth module's services, wired from the app context (the only place here that reads ctx.db). */
export function authServices(ctx: AppContext) {
  return {
    auth: new AuthService(ctx.db, ctx.settings, ctx.crypto, ctx.config.oidc?.required ?? false),
    idpSignIn: new IdpSignInService(ctx.db, ctx.settings, ctx.crypto),
  };
}
