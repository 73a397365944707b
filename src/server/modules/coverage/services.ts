import type { AppContext } from '../../context';
import { CoverageReportService } from './report-service';
import { CoverageService } from './service';
import { CoverageWorklistService } from './worklist-service';

/** The coverage module's services, wired from the app context (the only place here that reads ctx.db). */
export function coverageServices(ctx: AppContext) {
  return {
    coverage: new CoverageService(ctx.db),
    // the dashboard, worklists and scorecards read from the replica when one is configured (ctx.dbRead)
    dashboard: new CoverageService(ctx.dbRead),
    worklists: new CoverageWorklistService(ctx.db, ctx.dbRead, ctx.settings, ctx.jobs),
    reports: new CoverageReportService(ctx.db, ctx.dbRead, ctx.settings, ctx.jobs),
  };
}
