import path from 'node:path';
import type { Config } from './config';
import { CryptoService, loadKeys, type Keys } from './crypto/index';
import { openDatabase, type OpenedDatabase } from './db/database';
import { migrateToLatest } from './db/migrate';
import { seed } from './db/seed/index';
import { openFileStore } from './storage/open-file-store';

/** Opens the configured database, migrates it and seeds it: what `npm start` and the CLIs share. */
export async function openAndPrepare(config: Config, options: { seed: boolean } = { seed: true }): Promise<OpenedDatabase & { keys: Keys }> {
  const keys = loadKeys({ dataKey: config.dataKey, hashKey: config.hashKey, signingKey: config.signingKey, dataDir: config.dataDir });
  const opened = await openDatabase({ databaseUrl: config.databaseUrl, pgliteDir: path.join(config.dataDir, 'pglite') });
  try {
    await migrateToLatest(opened.db);
    if (options.seed) await seed(opened.db, new CryptoService(keys), { demo: config.demoData, files: (db) => openFileStore(config.files, db, opened.kind) });
  } catch (err) {
    await opened.close();
    throw err;
  }
  return { ...opened, keys };
}
