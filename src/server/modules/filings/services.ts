import type { AppContext } from '../../context';
import { CertificateService } from '../certificates/service';
import { FilingDecisionService } from './decision-service';
import { OfficerAccounts } from './officer-accounts';
import { PersonService } from './persons';
import { FilingProofPdfService } from './proof-pdf';
import { QualificationService } from './qualifications';
import { FilingRegisterService } from './register-service';
import { RosterService } from './roster';
import { EligibilityRuleService } from './rules';
import { FilingService } from './service';
import { FilingStatisticsService } from './statistics';

/** The filing module's services, wired from the app context (the routes never touch the database). */
export function filingServices(ctx: AppContext) {
  const filings = new FilingService(ctx.db, ctx.settings);
  const decisions = new FilingDecisionService(ctx.db, new CertificateService(ctx.crypto), filings);
  return {
    filings,
    decisions,
    persons: new PersonService(ctx.db, ctx.crypto),
    register: new FilingRegisterService(ctx.db, ctx.crypto, filings, decisions),
    statistics: new FilingStatisticsService(ctx.db, ctx.dbRead),
    proofPdf: new FilingProofPdfService(ctx.db, filings, ctx.config.publicUrl),
    rules: new EligibilityRuleService(ctx.db),
    qualifications: new QualificationService(ctx.db),
    roster: new RosterService(ctx.db, ctx.settings, ctx.crypto),
    officers: new OfficerAccounts(ctx.db, ctx.crypto, ctx.settings, ctx.config.publicUrl),
  };
}
