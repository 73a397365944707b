import type { AppContext } from '../../context';
import { JobService } from './service';

/** The jobs module's services, wired from the app context (routes never touch the database handle). */
export function jobsServices(ctx: AppContext) {
  return { jobs: new JobService(ctx.db, ctx.jobs, ctx.files) };
}
