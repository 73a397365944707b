import type { AppContext } from '../../context';
import { EnterpriseJobService } from './background';
import { ChangeRequestService } from './change-requests';
import { OwnEnterpriseService } from './own-profile';
import { RegistrationService } from './registration';
import { EnterpriseService } from './service';

/** The enterprise module's services, wired from the app context (the routes never touch the database). */
export function enterpriseServices(ctx: AppContext) {
  return {
    enterprises: new EnterpriseService(ctx.db),
    jobs: new EnterpriseJobService(ctx.db, ctx.jobs),
    registrations: new RegistrationService(ctx.db, ctx.settings),
    changeRequests: new ChangeRequestService(ctx.db),
    own: new OwnEnterpriseService(ctx.db, ctx.settings),
  };
}
