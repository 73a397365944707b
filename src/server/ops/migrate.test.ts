import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareDatabase } from '../bootstrap';
import { loadConfig, type Config } from '../config';
import { openDatabase, type OpenedDatabase } from '../db/database';
import { MIGRATION_LOCK_KEY, schemaStatus } from '../db/migrate';
import { TEST_KEYS } from '../testing/keys';
import { adminUrl, databaseUrlFor } from '../testing/postgres';

const testUrl = process.env.TEST_DATABASE_URL;
const run = promisify(execFile);
const key = (fill: number) => Buffer.alloc(32, fill).toString('base64');
const ENV_KEYS = { CQO_DATA_KEY: key(7), CQO_HASH_KEY: key(9), CQO_SIGNING_KEY: key(11) };
const nodeConfig = (over: Partial<Config> = {}): Config => ({ ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', CQO_DEMO_DATA: 'false' }), ...over });

/** An empty database of the test's own: in memory on PGlite, created (and dropped at the end) on PostgreSQL. */
const created: string[] = [];
async function emptyDatabase(): Promise<OpenedDatabase & { url?: string }> {
  if (!testUrl) return openDatabase({});
  const name = `cqo_mig_${crypto.randomBytes(4).toString('hex')}`;
  const admin = await openDatabase({ databaseUrl: adminUrl(testUrl), poolSize: 1 });
  await sql.raw(`create database ${name}`).execute(admin.db);
  await admin.close();
  created.push(name);
  const url = databaseUrlFor(testUrl, name);
  return { ...(await openDatabase({ databaseUrl: url, poolSize: 4 })), url };
}
afterAll(async () => {
  if (!testUrl) return;
  const admin = await openDatabase({ databaseUrl: adminUrl(testUrl), poolSize: 1 });
  for (const name of created) await sql.raw(`drop database if exists ${name} with (force)`).execute(admin.db);
  await admin.close();
});

describe('who migrates', () => {
  it('CQO_MIGRATE defaults on for the embedded database and outside production, off for production on PostgreSQL', () => {
    const url = 'postgres://cqo@db/cqo';
    expect(loadConfig({ NODE_ENV: 'production', ...ENV_KEYS }).migrate).toBe(true);
    expect(loadConfig({ NODE_ENV: 'development', DATABASE_URL: url }).migrate).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production', DATABASE_URL: url, ...ENV_KEYS }).migrate).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', DATABASE_URL: url, CQO_MIGRATE: 'true', ...ENV_KEYS }).migrate).toBe(true);
    const readOnly = loadConfig({ NODE_ENV: 'development', CQO_READ_ONLY: '1' });
    expect([readOnly.readOnly, readOnly.migrate, readOnly.runJobs]).toEqual([true, false, false]);
    expect(() => loadConfig({ CQO_READ_ONLY: 'true', CQO_MIGRATE: 'true' })).toThrow(/cannot both be on/);
  });

  it('a node that does not migrate writes nothing and refuses an old schema with a clear message', { timeout: 400_000 }, async () => {
    const db = await emptyDatabase();
    try {
      await expect(prepareDatabase(db, nodeConfig({ migrate: false }), TEST_KEYS, { seed: true })).rejects.toThrow(
        /The database schema is not current: it has no migrations, this version needs 0001_foundation.*Run `npm run migrate`/,
      );
      const tables = await sql<{ n: number }>`select count(*)::int as n from information_schema.tables where table_schema = 'public'`.execute(db.db);
      expect(tables.rows[0]?.n).toBe(0);
    } finally {
      await db.close();
    }
  });

  it('`npm run migrate` migrates and seeds, then exits; a node without CQO_MIGRATE then starts', { timeout: 400_000 }, async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cqo-migrate-'));
    const db = testUrl ? await emptyDatabase() : undefined;
    try {
      const env = { ...process.env, NODE_ENV: 'production', CQO_DATA_DIR: dataDir, DATABASE_URL: db?.url ?? '', LOG_LEVEL: 'silent', ...ENV_KEYS };
      const out = await run(process.execPath, ['--import', 'tsx', 'src/server/cli/migrate.ts'], { env });
      expect(out.stdout).toMatch(/数据库已迁移至 \d{4}_/);
      await db?.close();
      const opened = await openDatabase(db?.url ? { databaseUrl: db.url, poolSize: 3 } : { pgliteDir: path.join(dataDir, 'pglite') });
      try {
        expect((await schemaStatus(opened.db)).pending).toEqual([]);
        expect(await opened.db.selectFrom('key_fingerprints').select('name').orderBy('name').execute()).toEqual([
          { name: 'data' },
          { name: 'hash' },
          { name: 'signing' },
        ]);
        expect(
          (
            await opened.db
              .selectFrom('org_units')
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        ).toBeGreaterThan(90);
        const keys = { dataKey: Buffer.alloc(32, 7), hashKey: Buffer.alloc(32, 9), signingSeed: Buffer.alloc(32, 11) };
        await expect(prepareDatabase(opened, nodeConfig({ migrate: false }), keys, { seed: true })).resolves.toBeUndefined();
      } finally {
        await opened.close();
      }
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe.runIf(testUrl)('one node migrates at a time (PostgreSQL advisory lock)', () => {
  let a: OpenedDatabase & { url?: string };
  let b: OpenedDatabase;
  beforeAll(async () => {
    a = await emptyDatabase();
    b = await openDatabase({ databaseUrl: a.url, poolSize: 4 });
  });
  afterAll(async () => {
    await a.close();
    await b.close();
  });

  it('waits while another node holds the lock', { timeout: 120_000 }, async () => {
    const other = await openDatabase({ databaseUrl: a.url, poolSize: 2 });
    try {
      let done = false;
      await other.db.connection().execute(async (conn) => {
        await sql`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`.execute(conn);
        const migrating = prepareDatabase(a, nodeConfig({ migrate: true }), TEST_KEYS, { seed: true }).then(() => {
          done = true;
        });
        await new Promise((r) => setTimeout(r, 1500));
        expect(done).toBe(false);
        expect((await schemaStatus(a.db)).applied).toEqual([]);
        await sql`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`.execute(conn);
        await migrating;
      });
      expect(done).toBe(true);
    } finally {
      await other.close();
    }
  });

  it('two nodes started together: both start, the seed runs once', { timeout: 120_000 }, async () => {
    const fresh = await emptyDatabase();
    const second = await openDatabase({ databaseUrl: fresh.url, poolSize: 4 });
    try {
      await Promise.all([
        prepareDatabase(fresh, nodeConfig({ migrate: true }), TEST_KEYS, { seed: true }),
        prepareDatabase(second, nodeConfig({ migrate: true }), TEST_KEYS, { seed: true }),
      ]);
      const seeds = await fresh.db.selectFrom('audit_events').select('id').where('action', '=', 'system.seed').execute();
      expect(seeds).toHaveLength(1);
      expect((await schemaStatus(fresh.db)).pending).toEqual([]);
    } finally {
      await second.close();
      await fresh.close();
    }
  });
});
