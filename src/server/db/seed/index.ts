import { recordAudit } from '../../audit/audit-log';
import type { CryptoService } from '../../crypto/index';
import type { Database } from '../database';
import { hashPassword } from '../../crypto/index';
import { DEMO_PASSWORD, seedDemoAccounts } from './demo';
import { seedDemoEnterpriseAccount, seedDemoEnterprises } from './demo-enterprises';
import { seedOrgUnits } from './org-units';

/** Reference data always; demo data unless disabled. Idempotent, in one transaction, audited when it adds anything. */
export async function seed(db: Database, crypto: CryptoService, options: { demo: boolean }): Promise<{ orgUnits: number; demoAccounts: number; demoEnterprises: number }> {
  return db.transaction().execute(async (trx) => {
    const orgUnits = await seedOrgUnits(trx);
    let demoAccounts = 0;
    let demoEnterprises = 0;
    if (options.demo) {
      const hash = await hashPassword(DEMO_PASSWORD);
      demoAccounts = await seedDemoAccounts(trx, crypto, hash);
      demoEnterprises = await seedDemoEnterprises(trx);
      demoAccounts += await seedDemoEnterpriseAccount(trx, hash);
    }
    if (orgUnits || demoAccounts || demoEnterprises) {
      await recordAudit(trx, { accountId: null, username: 'system', role: null, ip: null }, { action: 'system.seed', details: { orgUnits, demoAccounts, demoEnterprises } });
    }
    return { orgUnits, demoAccounts, demoEnterprises };
  });
}
