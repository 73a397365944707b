import type { Actor } from '../../audit/audit-log';
import type { SessionAccount } from '../../auth/session-store';
import type { AppContext } from '../../context';
import { requestChase } from './chase';
import { CurriculumService } from './curricula';
import { MaterialService } from './materials';
import { CountyMergeService } from './merges';
import { TrainingPlanService } from './plans';

/** The training-plan module's services, wired from the app context (the routes never touch the database). */
export function trainingPlanServices(ctx: AppContext) {
  return {
    plans: new TrainingPlanService(ctx.db),
    merges: new CountyMergeService(ctx.db),
    curricula: new CurriculumService(ctx.db),
    materials: new MaterialService(ctx.db, ctx.files),
    chase: { request: (caller: SessionAccount, actor: Actor, year: number) => requestChase(ctx, caller, actor, year) },
  };
}
