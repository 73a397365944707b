import type { AppContext } from '../../context';
import { AuditLogService } from './service';

/** The audit module's services, wired from the app context (the only place here that reads ctx.db). */
export function auditServices(ctx: AppContext) {
  return { auditLog: new AuditLogService(ctx.db, ctx.jobs) };
}
