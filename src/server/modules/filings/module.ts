import type { ServerModule } from '../module';
import { officerRoutes } from './officers';
import { filingProofRoutes } from './proof-routes';
import { qualificationRoutes } from './qualifications';
import { filingRoutes } from './routes';
import { eligibilityRuleRoutes } from './rules-routes';

export const filingsModule: ServerModule = {
  name: 'filings',
  routes: [filingRoutes, filingProofRoutes, officerRoutes, eligibilityRuleRoutes, qualificationRoutes],
};
