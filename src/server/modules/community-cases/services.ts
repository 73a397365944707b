import type { AppContext } from '../../context';
import { CaseReview } from './case-review';
import { CommunityCredits } from './community-credits';
import { CommunityUploads } from './community-uploads';
import { EventHosts } from './event-hosts';
import { EventRegistrations } from './event-registrations';
import { EventReports } from './event-reports';
import { EventService } from './events';
import { CaseService } from './service';

/** The community-cases module's services, wired from the app context (routes never touch the database handle). */
export function communityCasesServices(ctx: AppContext) {
  const cases = new CaseService(ctx.db);
  const reports = new EventReports(ctx.db);
  return {
    cases,
    review: new CaseReview(ctx.db),
    events: new EventService(ctx.db),
    registrations: new EventRegistrations(ctx.db, ctx.crypto.macKey('event-check-in')),
    reports,
    hosts: new EventHosts(ctx.db),
    credits: new CommunityCredits(ctx.db),
    uploads: new CommunityUploads(cases, reports, ctx.files),
  };
}
