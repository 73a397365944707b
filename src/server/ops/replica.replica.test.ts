/**
 * Reports through a real streaming replica (npm run test:replica; scripts/replica.sh builds it with pg_basebackup).
 * Data is written on the primary; the test waits for the replica to replay it, or pauses replay to prove which
 * database a report read.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildApp } from '../app';
import { createSession } from '../auth/session-store';
import { prepareDatabase } from '../bootstrap';
import { clock } from '../clock';
import { loadConfig } from '../config';
import { DEFAULT_SECURITY_POLICY } from '../../domain/password-policy';
import { openDatabase, type OpenedDatabase } from '../db/database';
import type { ZodApp } from '../http';
import { TEST_KEYS } from '../testing/keys';
import { freePort } from '../testing/free-port';
import { adminUrl, databaseUrlFor } from '../testing/postgres';

const primaryUrl = process.env.TEST_DATABASE_URL ?? '';
const replicaUrl = process.env.REPLICA_DATABASE_URL ?? '';
if (!primaryUrl || !replicaUrl) throw new Error('Run through `npm run test:replica` (TEST_DATABASE_URL and REPLICA_DATABASE_URL)');

const name = `cqo_rep_${crypto.randomBytes(4).toString('hex')}`;
let admin: OpenedDatabase;
let replicaAdmin: OpenedDatabase;
let primary: OpenedDatabase;
let replica: OpenedDatabase;
let onReplica: ZodApp;
let onPrimary: ZodApp;
let headers: Record<string, string>;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cqo-replica-'));

/** Waits until the replica has replayed everything the primary has written so far. */
async function caughtUp(): Promise<void> {
  const lsn = (await sql<{ l: string }>`select pg_current_wal_lsn()::text as l`.execute(admin.db)).rows[0]?.l ?? '';
  const deadline = clock.nowMs() + 30_000;
  while (clock.nowMs() < deadline) {
    const r = await sql<{ ok: boolean }>`select pg_last_wal_replay_lsn() >= ${lsn}::pg_lsn as ok`.execute(replicaAdmin.db);
    if (r.rows[0]?.ok) return;
    await new Promise((res) => setTimeout(res, 100));
  }
  throw new Error(`replica did not replay ${lsn} within 30 s`);
}

async function appWith(dbRead?: OpenedDatabase): Promise<ZodApp> {
  const config = { ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }), dataDir, runJobs: false };
  const { app } = await buildApp({ config, db: primary.db, ...(dbRead ? { dbRead: dbRead.db } : {}), dbKind: 'postgres', keys: TEST_KEYS });
  await app.ready();
  return app;
}

beforeAll(async () => {
  admin = await openDatabase({ databaseUrl: adminUrl(primaryUrl), poolSize: 1 });
  replicaAdmin = await openDatabase({ databaseUrl: adminUrl(replicaUrl), poolSize: 1 });
  await sql.raw(`create database ${name} template ${inject('pgTemplateDb') ?? ''}`).execute(admin.db);
  primary = await openDatabase({ databaseUrl: databaseUrlFor(primaryUrl, name), poolSize: 4 });
  // the migrating node of the primary records the key fingerprints the read-only node will check
  await prepareDatabase(primary, { ...loadConfig({ NODE_ENV: 'test' }), migrate: true }, TEST_KEYS, { seed: false });
  const account = await primary.db.selectFrom('accounts').select('id').where('username', '=', 'province').executeTakeFirstOrThrow();
  const { token } = await createSession(primary.db, account.id, DEFAULT_SECURITY_POLICY, { ip: null, userAgent: 'vitest' });
  headers = { cookie: `cqo_sid=${token}`, 'x-requested-with': 'vitest' };
  await caughtUp();
  replica = await openDatabase({ databaseUrl: databaseUrlFor(replicaUrl, name), poolSize: 4, readOnly: true });
  onReplica = await appWith(replica);
  onPrimary = await appWith();
});

afterAll(async () => {
  await sql`select pg_wal_replay_resume()`.execute(replicaAdmin.db).catch(() => undefined);
  await onReplica.close();
  await onPrimary.close();
  await replica.close();
  await primary.close();
  await sql.raw(`drop database if exists ${name} with (force)`).execute(admin.db);
  await admin.close();
  await replicaAdmin.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const REPORTS = [
  '/api/coverage/overview',
  '/api/coverage/trend',
  '/api/coverage/scorecards',
  '/api/coverage/worklists/uncovered?pageSize=50',
  '/api/coverage/worklists/overdue',
  '/api/coverage/worklists/studyBehind',
  '/api/study/overview',
];
const get = async (app: ZodApp, url: string, as = headers) => {
  const res = await app.inject({ url, headers: as });
  expect({ url, status: res.statusCode }).toEqual({ url, status: 200 });
  return res;
};

describe('reports through the replica (DATABASE_REPLICA_URL)', () => {
  it('the dashboard, scorecards, worklists and study overview answer as the primary does once replayed', async () => {
    await caughtUp();
    for (const url of REPORTS) expect((await get(onReplica, url)).json()).toEqual((await get(onPrimary, url)).json());
    const worklist = (await get(onReplica, REPORTS[3] ?? '')).json() as { total: number; items: unknown[] };
    expect(worklist.total).toBeGreaterThan(0);
    const overview = (await get(onReplica, '/api/coverage/overview')).json() as Record<string, unknown>;
    expect(Object.keys(overview).length).toBeGreaterThan(0);
  });

  it('reads the replica, not the primary: a change the replica has not replayed is not seen until it is', async () => {
    const officer = {
      cookie: `cqo_sid=${(await createSession(primary.db, (await primary.db.selectFrom('accounts').select('id').where('username', '=', 'officer-kunshan-2').executeTakeFirstOrThrow()).id, DEFAULT_SECURITY_POLICY, { ip: null, userAgent: 'vitest' })).token}`,
    };
    const search = `/api/community/search?q=${encodeURIComponent('质量管理')}`;
    const first = ((await get(onReplica, REPORTS[3] ?? '')).json() as { items: { id: number; name: string }[] }).items[0];
    expect(first).toBeDefined();
    await caughtUp();
    const hitsBefore = ((await get(onReplica, search, officer)).json() as { total: number }).total;
    expect(hitsBefore).toBeGreaterThan(0);

    const renamed = `/api/coverage/worklists/uncovered?q=${encodeURIComponent('尚未同步到副本')}`;
    await sql`select pg_wal_replay_pause()`.execute(replicaAdmin.db);
    try {
      await primary.db
        .updateTable('enterprises')
        .set({ name: '尚未同步到副本的企业名称' })
        .where('id', '=', first?.id ?? 0)
        .execute();
      // no post or case matches any more on the primary
      await sql`update community_posts set search = ''::tsvector`.execute(primary.db);
      await sql`update cases set search_vector = ''::tsvector`.execute(primary.db);
      expect(((await get(onPrimary, renamed)).json() as { total: number }).total).toBe(1);
      expect(((await get(onReplica, renamed)).json() as { total: number }).total).toBe(0);
      expect(((await get(onPrimary, search, officer)).json() as { total: number }).total).toBe(0);
      expect(((await get(onReplica, search, officer)).json() as { total: number }).total).toBe(hitsBefore);
    } finally {
      await sql`select pg_wal_replay_resume()`.execute(replicaAdmin.db);
    }
    await caughtUp();
    expect(((await get(onReplica, renamed)).json() as { total: number }).total).toBe(1);
    expect(((await get(onReplica, search, officer)).json() as { total: number }).total).toBe(0);
  });

  it('exports read through it too (scorecard, study overview)', async () => {
    for (const url of ['/api/coverage/scorecards/export', '/api/study/overview/export']) {
      const res = await get(onReplica, url);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      expect(res.rawPayload.subarray(0, 2).toString()).toBe('PK');
    }
  });
});

describe('a node against the replica alone', () => {
  const keyEnv = {
    CQO_DATA_KEY: TEST_KEYS.dataKey.toString('base64'),
    CQO_HASH_KEY: TEST_KEYS.hashKey.toString('base64'),
    CQO_SIGNING_KEY: TEST_KEYS.signingSeed.toString('base64'),
  };
  const start = (env: Record<string, string>, port: number) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cqo-ro-'));
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
      env: {
        ...process.env,
        ...keyEnv,
        CQO_DATA_DIR: dir,
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        DATABASE_URL: databaseUrlFor(replicaUrl, name),
        DATABASE_REPLICA_URL: '',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    return { child, output: () => output, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
  };
  const exited = (child: ChildProcess) =>
    new Promise<number | null>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code))));

  it('starts read-only (CQO_READ_ONLY): no migration, no seed, no jobs; serves reads, refuses writes with 503', { timeout: 240_000 }, async () => {
    await caughtUp();
    const port = await freePort();
    const node = start({ NODE_ENV: 'production', CQO_READ_ONLY: 'true' }, port);
    const base = `http://127.0.0.1:${port}`;
    try {
      const deadline = clock.nowMs() + 150_000;
      for (;;) {
        if (node.child.exitCode !== null) throw new Error(`read-only node exited: ${node.output()}`);
        const ok = await fetch(`${base}/api/health`)
          .then((r) => r.ok)
          .catch(() => false);
        if (ok) break;
        if (clock.nowMs() > deadline) throw new Error(`read-only node did not start: ${node.output()}`);
        await new Promise((r) => setTimeout(r, 250));
      }
      const me = await fetch(`${base}/api/auth/me`, { headers });
      expect(me.status).toBe(200);
      expect(((await me.json()) as { account: { username: string } }).account.username).toBe('province');
      for (const url of ['/api/coverage/overview', '/api/coverage/scorecards', '/api/coverage/worklists/uncovered']) {
        const res = await fetch(`${base}${url}`, { headers });
        expect({ url, status: res.status }).toEqual({ url, status: 200 });
        expect(await res.json()).toEqual((await get(onPrimary, url)).json());
      }
      const login = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'province', password: 'x' }),
      });
      expect(login.status).toBe(503);
      expect(((await login.json()) as { error: { code: string; message: string } }).error).toMatchObject({
        code: 'READ_ONLY',
        message: expect.stringContaining('只读') as unknown,
      });
    } finally {
      node.child.kill('SIGTERM');
      await exited(node.child);
      node.cleanup();
    }
  });

  it('a node that is not read-only refuses to start on the replica, saying so', { timeout: 240_000 }, async () => {
    const node = start({ NODE_ENV: 'development', CQO_MIGRATE: 'true' }, await freePort());
    try {
      expect(await exited(node.child)).not.toBe(0);
      expect(node.output()).toContain('DATABASE_URL points at a standby');
    } finally {
      node.cleanup();
    }
  });
});
