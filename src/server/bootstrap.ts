import path from 'node:path';
import type { Config } from './config';
import { AUDIT_CHAIN_PURPOSE, configureAuditChain } from './audit/audit-log';
import { CryptoService, loadKeys, type Keys } from './crypto/index';
import { openDatabase, type OpenedDatabase } from './db/database';
import { migrateToLatest } from './db/migrate';
import { seed } from './db/seed/index';
import { DiskFileStore } from './storage/file-store';

/** Opens the configured database, migrates it and seeds it: what `npm start` and the CLIs share. */
export async function openAndPrepare(config: Config, options: { seed: boolean } = { seed: true }): Promise<OpenedDatabase & { keys: Keys }> {
  const keys = loadKeys({ dataKey: config.dataKey, hashKey: config.hashKey, signingKey: config.signingKey, dataDir: config.dataDir });
  configureAuditChain(new CryptoService(keys).macKey(AUDIT_CHAIN_PURPOSE));
  const opened = await openDatabase({ databaseUrl: config.databaseUrl, pgliteDir: path.join(config.dataDir, 'pglite') });
  try {
    await migrateToLatest(opened.db);
    if (options.seed) await seed(opened.db, new CryptoService(keys), { demo: config.demoData, files: new DiskFileStore(path.join(config.dataDir, 'files')) });
  } catch (err) {
    await opened.close();
    throw err;
  }
  return { ...opened, keys };
}
