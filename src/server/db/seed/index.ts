import { recordAudit } from '../../audit/audit-log';
import type { CryptoService } from '../../crypto/index';
import type { Database } from '../database';
import { seedDemoAccounts } from './demo';
import { seedOrgUnits } from './org-units';

/** Reference data always; demo data unless disabled. Idempotent, in one transaction, audited when it adds anything. */
export async function seed(db: Database, crypto: CryptoService, options: { demo: boolean }): Promise<{ orgUnits: number; demoAccounts: number }> {
  return db.transaction().execute(async (trx) => {
    const orgUnits = await seedOrgUnits(trx);
    const demoAccounts = options.demo ? await seedDemoAccounts(trx, crypto) : 0;
    if (orgUnits || demoAccounts) {
      await recordAudit(trx, { accountId: null, username: 'system', role: null, ip: null }, { action: 'system.seed', details: { orgUnits, demoAccounts } });
    }
    return { orgUnits, demoAccounts };
  });
}
