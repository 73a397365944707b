import type { ServerModule } from '../module';
import { officerRoutes } from './officer-routes';
import { filingProofRoutes } from './proof-routes';
import { qualificationRoutes } from './qualification-routes';
import { filingRoutes } from './routes';
import { eligibilityRuleRoutes } from './rules-routes';

export const filingsModule: ServerModule = {
  name: 'filings',
  routes: [filingRoutes, filingProofRoutes, officerRoutes, eligibilityRuleRoutes, qualificationRoutes],
};
