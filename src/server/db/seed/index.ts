import { recordAudit } from '../../audit/audit-log';
import type { CryptoService } from '../../crypto/index';
import type { Database } from '../database';
import { POLICY_RULES } from '../../../domain/eligibility';
import { hashPassword } from '../../crypto/index';
import { DEMO_PASSWORD, seedDemoAccounts } from './demo';
import { seedDemoEnterpriseAccount, seedDemoEnterprises } from './demo-enterprises';
import { seedDemoCoverageHistory } from './demo-coverage';
import { seedDemoCommunity } from './demo-community';
import { seedDemoCommunityCases } from './demo-community-cases';
import { seedDemoFilings } from './demo-filings';
import { seedDemoTraining } from './demo-training';
import { seedDemoStudy } from './demo-study';
import { seedDemoSupervision } from './demo-supervision';
import { seedDemoTrainingPlans } from './demo-training-plans';
import { seedOrgUnits } from './org-units';
import type { FileStore } from '../../storage/file-store';

/** Reference data always; demo data unless disabled. Idempotent, in one transaction, audited when it adds anything. */
export async function seed(
  db: Database,
  crypto: CryptoService,
  /** `files` opens the file store on the seed's transaction (the database store writes inside it). */
  options: { demo: boolean; files?: (db: Database) => FileStore },
): Promise<{ orgUnits: number; demoAccounts: number; demoEnterprises: number; demoFilings: number; demoTraining: number; demoCommunity: number }> {
  return db.transaction().execute(async (trx) => {
    const orgUnits = await seedOrgUnits(trx);
    // the policy's eligibility conditions as rule version 1 (the province edits later versions)
    await trx
      .insertInto('eligibility_rules')
      .values({ version: 1, rules: JSON.stringify(POLICY_RULES), note: '《江苏省企业首席质量官制度》第二条' })
      .onConflict((oc) => oc.column('version').doNothing())
      .execute();
    let demoAccounts = 0;
    let demoEnterprises = 0;
    let demoFilings = 0;
    let demoTraining = 0;
    let demoCommunity = 0;
    if (options.demo) {
      const hash = await hashPassword(DEMO_PASSWORD);
      demoAccounts = await seedDemoAccounts(trx, crypto, hash);
      demoEnterprises = await seedDemoEnterprises(trx);
      demoAccounts += await seedDemoEnterpriseAccount(trx, hash);
      demoFilings = await seedDemoFilings(trx, crypto, hash);
      demoTraining = await seedDemoTraining(trx, crypto, hash);
      await seedDemoTrainingPlans(trx, options.files?.(trx));
      await seedDemoStudy(trx);
      if (demoFilings > 0) await seedDemoCoverageHistory(trx);
      // community first: it gives officer-kunshan-2 an account, which keeps that officer out of the supervision demo
      demoCommunity = await seedDemoCommunity(trx, hash);
      demoCommunity += await seedDemoCommunityCases(trx);
      await seedDemoSupervision(trx);
    }
    if (orgUnits || demoAccounts || demoEnterprises || demoFilings || demoTraining || demoCommunity) {
      await recordAudit(trx, { accountId: null, username: 'system', role: null, ip: null }, { action: 'system.seed', details: { orgUnits, demoAccounts, demoEnterprises, demoFilings, demoTraining, demoCommunity } });
    }
    return { orgUnits, demoAccounts, demoEnterprises, demoFilings, demoTraining, demoCommunity };
  });
}
