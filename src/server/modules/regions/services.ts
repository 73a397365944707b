import type { AppContext } from '../../context';
import { RegionService } from './service';

/** The regions module's services, wired from the app context (routes never touch the database handle). */
export function regionsServices(ctx: AppContext) {
  return { regions: new RegionService(ctx.db) };
}
