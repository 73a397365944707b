import type { AppContext } from '../../context';
import { AssessmentService } from './assessment-service';

/** The assessment module's services, wired from the app context (the only place here that reads ctx.db). */
export function assessmentServices(ctx: AppContext) {
  return { assessment: new AssessmentService(ctx.db, ctx.dbRead, ctx.settings) };
}
