import { MINUTE } from '../../jobs/handlers';
import type { ServerModule } from '../module';
import { officerRoutes } from './officer-routes';
import { FILING_OVERDUE_REMINDER, overdueReminderHandler, scheduleOverdueReminder } from './overdue-job';
import { filingProofRoutes } from './proof-routes';
import { qualificationRoutes } from './qualification-routes';
import { filingRoutes } from './routes';
import { eligibilityRuleRoutes } from './rules-routes';

export const filingsModule: ServerModule = {
  name: 'filings',
  routes: [filingRoutes, filingProofRoutes, officerRoutes, eligibilityRuleRoutes, qualificationRoutes],
  jobs: [{ kind: FILING_OVERDUE_REMINDER, label: '逾期未审提醒', timeoutMs: 10 * MINUTE, handler: overdueReminderHandler }],
  scheduled: [scheduleOverdueReminder],
};
