import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { AUDIT_CHAIN_PURPOSE, configureAuditChain } from '../audit/audit-log';
import { CryptoService } from '../crypto/index';
import { openDatabase } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import { seed } from '../db/seed/index';
import { demoSeed } from '../demo/index';
import { adminUrl, databaseUrlFor } from './postgres';
import { TEST_KEYS } from './keys';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    pgTemplateDb: string | null;
  }
}

/**
 * Migrates and seeds one database per run; every test file then starts from a copy of it:
 * on PGlite a dumped data directory, on PostgreSQL `CREATE DATABASE … TEMPLATE`.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const crypto = new CryptoService(TEST_KEYS);
  configureAuditChain(crypto.auditChain(AUDIT_CHAIN_PURPOSE));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cqo-test-'));
  const templateFile = path.join(dir, 'pglite-template.tar');
  const testUrl = process.env.TEST_DATABASE_URL;
  // with TEST_DATABASE_URL every test file's database comes from the PostgreSQL template, so the PGlite one is not built
  if (!testUrl) {
    const lite = await openDatabase({});
    await migrateToLatest(lite.db);
    await seed(lite.db, demoSeed(crypto, { demo: true }));
    if (!lite.dumpDataDir) throw new Error('PGlite template cannot be dumped');
    fs.writeFileSync(templateFile, Buffer.from(await (await lite.dumpDataDir()).arrayBuffer()));
    await lite.close();
  }
  project.provide('pgliteTemplate', templateFile);

  let pgTemplateDb: string | null = null;
  if (testUrl) {
    pgTemplateDb = `cqo_tmpl_${process.pid}`;
    const admin = await openDatabase({ databaseUrl: adminUrl(testUrl), poolSize: 1 });
    const { sql } = await import('kysely');
    await sql.raw(`drop database if exists ${pgTemplateDb}`).execute(admin.db);
    await sql.raw(`create database ${pgTemplateDb}`).execute(admin.db);
    const tmpl = await openDatabase({ databaseUrl: databaseUrlFor(testUrl, pgTemplateDb), poolSize: 1 });
    await migrateToLatest(tmpl.db);
    await seed(tmpl.db, demoSeed(crypto, { demo: true }));
    await tmpl.close();
    await admin.close();
  }
  project.provide('pgTemplateDb', pgTemplateDb);

  return async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    if (testUrl && pgTemplateDb) {
      const admin = await openDatabase({ databaseUrl: adminUrl(testUrl), poolSize: 1 });
      const { sql } = await import('kysely');
      await sql.raw(`drop database if exists ${pgTemplateDb}`).execute(admin.db);
      await admin.close();
    }
  };
}
