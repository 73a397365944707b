import path from 'node:path';
import { sql } from 'kysely';
import { keyOptions, type Config } from './config';
import { AUDIT_CHAIN_PURPOSE, configureAuditChain } from './audit/audit-log';
import { CryptoService, loadKeys, type Keys } from './crypto/index';
import { checkKeys } from './crypto/key-check';
import { openDatabase, type Database, type OpenedDatabase } from './db/database';
import { assertSchemaCurrent, migrateToLatest, withMigrationLock } from './db/migrate';
import { seed } from './db/seed/index';
import { demoSeed } from './demo/index';
import { openFileStore } from './storage/open-file-store';

export interface PreparedDatabase extends OpenedDatabase {
  keys: Keys;
  /** Where reports read: the replica of DATABASE_REPLICA_URL, else the primary. */
  dbRead: Database;
}

/**
 * Brings a node's database to where it can serve. A node that migrates (CQO_MIGRATE, `npm run migrate`) migrates,
 * records or checks the key fingerprints and seeds, all under one advisory lock so only one node does it at a
 * time. Any other node writes nothing: it checks the schema is at this version's latest migration and that its
 * keys match the database, and refuses to start otherwise. A node pointed at a standby must be read-only.
 */
export async function prepareDatabase(opened: OpenedDatabase, config: Config, keys: Keys, options: { seed: boolean }): Promise<void> {
  const service = new CryptoService(keys);
  // the seed writes audit rows: the chain key must be set first
  configureAuditChain(service.auditChain(AUDIT_CHAIN_PURPOSE));
  if (opened.kind === 'postgres' && !config.readOnly) {
    const standby = await sql<{ r: boolean }>`select pg_is_in_recovery() as r`.execute(opened.db);
    if (standby.rows[0]?.r) {
      throw new Error(
        'DATABASE_URL points at a standby (a read-only replica). Set CQO_READ_ONLY=true to serve reads from it, or point DATABASE_URL at the primary.',
      );
    }
  }
  if (config.migrate && !config.readOnly) {
    await withMigrationLock(opened.db, opened.kind, async () => {
      await migrateToLatest(opened.db);
      await checkKeys(opened.db, keys, service, { record: true });
      if (options.seed) await seed(opened.db, demoSeed(service, { demo: config.demoData, files: (db) => openFileStore(config.files, db, opened.kind) }));
    });
    return;
  }
  await assertSchemaCurrent(opened.db);
  // compares only: the node that migrated recorded the fingerprints
  await checkKeys(opened.db, keys, service, { record: false });
}

/** Opens the configured database (and replica) and prepares it: what `npm start` and the CLIs share. */
export async function openAndPrepare(config: Config, options: { seed: boolean } = { seed: true }): Promise<PreparedDatabase> {
  const keys = loadKeys(keyOptions(config));
  const opened = await openDatabase({ databaseUrl: config.databaseUrl, pgliteDir: path.join(config.dataDir, 'pglite'), readOnly: config.readOnly });
  let replica: OpenedDatabase | undefined;
  const close = async () => {
    await replica?.close();
    await opened.close();
  };
  try {
    await prepareDatabase(opened, config, keys, options);
    if (config.databaseReplicaUrl) replica = await openDatabase({ databaseUrl: config.databaseReplicaUrl, readOnly: true });
  } catch (err) {
    await close();
    throw err;
  }
  return { ...opened, close, keys, dbRead: replica?.db ?? opened.db };
}
