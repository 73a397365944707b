import type { AppContext } from '../../context';
import { ContactService } from './contact-service';
import { ResetApprovalService } from './reset-approval';
import { AccountService } from './service';

/** The accounts module's services, wired from the app context (the only place here that reads ctx.db). */
export function accountsServices(ctx: AppContext) {
  return { accounts: new AccountService(ctx.db), approvals: new ResetApprovalService(ctx.db), contact: new ContactService(ctx.db) };
}
