import type { AppContext } from '../../context';
import { PolicyService } from './service';

/** The policy module's services, wired from the app context (the only place here that reads ctx.db). */
export function policyServices(ctx: AppContext) {
  return { policy: new PolicyService(ctx.db) };
}
