import type { CryptoService } from '../crypto/index';
import { hashPassword } from '../crypto/index';
import type { Database } from '../db/database';
import type { SeedStep } from '../db/seed/index';
import type { FileStore } from '../storage/file-store';
import { DEMO_PASSWORD, seedDemoAccounts } from './accounts';
import { seedDemoCommunityCases } from './community-cases';
import { seedDemoCommunity } from './community';
import { seedDemoCoverageHistory } from './coverage';
import { seedDemoEnterpriseAccount, seedDemoEnterprises } from './enterprises';
import { seedDemoFilings } from './filings';
import { seedDemoStudy } from './study';
import { seedDemoSupervision } from './supervision';
import { seedDemoTraining } from './training';
import { seedDemoTrainingPlans } from './training-plans';

/**
 * The demo data, a layer above the modules (it uses their services to issue certificates, index posts...): run by
 * `seed` (src/server/db/seed) in its transaction after the reference data. Disabled, it adds nothing and counts zeros.
 */
export function demoSeed(
  crypto: CryptoService,
  /** `files` opens the file store on the seed's transaction (the database store writes inside it). */
  options: { demo: boolean; files?: (db: Database) => FileStore },
): SeedStep {
  return async (trx) => {
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
    return { demoAccounts, demoEnterprises, demoFilings, demoTraining, demoCommunity };
  };
}
