import type { AppContext } from '../../context';
import { SelectionPublicityService } from './public-service';
import { SelectionService } from './service';

/** The selections module's services, wired from the app context (the only place here that reads ctx.db). */
export function selectionsServices(ctx: AppContext) {
  return { selections: new SelectionService(ctx.db), publicity: new SelectionPublicityService(ctx.db) };
}
