import type { AppContext } from '../../context';
import { IdentityLinkService } from './service';

/** The identity module's services, wired from the app context (the only place here that reads ctx.db). */
export function identityServices(ctx: AppContext) {
  return { links: new IdentityLinkService(ctx.db, ctx.crypto) };
}
