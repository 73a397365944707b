import { AuditActionCatalogue } from '../audit/actions';
import { accountsModule } from './accounts/module';
import { assessmentModule } from './assessment/module';
import { auditModule } from './audit/module';
import { authModule } from './auth/module';
import { certificatesModule } from './certificates/module';
import { communityCasesModule } from './community-cases/module';
import { communityModule } from './community/module';
import { coverageModule } from './coverage/module';
import { enterprisesModule } from './enterprises/module';
import { filingsModule } from './filings/module';
import { healthModule } from './health/module';
import { homeModule } from './home/module';
import { identityModule } from './identity/module';
import { jobsModule } from './jobs/module';
import type { ModuleLoans, ServerModule } from './module';
import { notificationsModule } from './notifications/module';
import { policyModule } from './policy/module';
import { regionsModule } from './regions/module';
import { selectionsModule } from './selections/module';
import { settingsModule } from './settings/module';
import { studyLedgerModule } from './study-ledger/module';
import { studyModule } from './study/module';
import { supervisionModule } from './supervision/module';
import { trainingPlansModule } from './training-plans/module';
import { trainingModule } from './training/module';

/**
 * Every module of the server, the one list of them (a test checks each folder under src/server/modules is here).
 * Routes are registered in this order.
 */
export const SERVER_MODULES: readonly ServerModule[] = [
  healthModule,
  authModule,
  homeModule,
  accountsModule,
  regionsModule,
  auditModule,
  settingsModule,
  trainingModule,
  jobsModule,
  enterprisesModule,
  coverageModule,
  assessmentModule,
  filingsModule,
  identityModule,
  notificationsModule,
  certificatesModule,
  trainingPlansModule,
  studyModule,
  studyLedgerModule,
  supervisionModule,
  selectionsModule,
  policyModule,
  communityCasesModule,
  communityModule,
];

/** What the modules lend each other, gathered from all of them (an audit action declared twice throws). */
export function moduleLoans(modules: readonly ServerModule[] = SERVER_MODULES): ModuleLoans {
  return { searchSources: modules.flatMap((m) => m.searchSources ?? []), auditActions: new AuditActionCatalogue(modules) };
}
