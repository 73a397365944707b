import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildApp } from '../../app';
import { createSession } from '../../auth/session-store';
import { loadConfig } from '../../config';
import { DEFAULT_SECURITY_POLICY } from '../../../domain/password-policy';
import { BytesBlob, openDatabase, type Database, type OpenedDatabase } from '../../db/database';
import { PGliteDialect } from '../../db/pglite-dialect';
import type { DB } from '../../db/types';
import type { ZodApp } from '../../http';
import { TEST_KEYS } from '../../testing/keys';
import { adminUrl, databaseUrlFor } from '../../testing/postgres';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { clock } from '../../clock';

const testUrl = process.env.TEST_DATABASE_URL;
const UNAVAILABLE = { error: { code: 'DB_UNAVAILABLE', message: '数据库暂时不可用，请稍后重试' } };

async function appOn(db: Database, kind: 'pglite' | 'postgres') {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cqo-avail-'));
  const config = { ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }), dataDir };
  const { app } = await buildApp({ config, db, dbKind: kind, keys: TEST_KEYS });
  await app.ready();
  const account = await db.selectFrom('accounts').select('id').where('username', '=', 'province').executeTakeFirstOrThrow();
  const { token } = await createSession(db, account.id, DEFAULT_SECURITY_POLICY, { ip: null, userAgent: 'vitest' });
  const headers = { cookie: `cqo_sid=${token}`, 'x-requested-with': 'vitest' };
  return { app, headers, close: () => app.close().then(() => fs.rmSync(dataDir, { recursive: true, force: true })) };
}

/** While the database is away: health 503 even with a session cookie, every other request 503 DB_UNAVAILABLE. */
async function expectAway(app: ZodApp, headers: Record<string, string>) {
  const health = await app.inject({ url: '/api/health', headers });
  expect(health.statusCode).toBe(503);
  expect(health.json()).toEqual({ status: 'degraded', db: 'unavailable' });
  for (const req of [
    { method: 'GET' as const, url: '/api/auth/me' },
    { method: 'GET' as const, url: '/api/coverage/overview' },
    { method: 'POST' as const, url: '/api/auth/login', payload: { username: 'province', password: 'x' } },
  ]) {
    const res = await app.inject({ ...req, headers });
    expect({ url: req.url, status: res.statusCode, body: res.json() as unknown }).toEqual({ url: req.url, status: 503, body: UNAVAILABLE });
  }
}

describe.runIf(testUrl)('PostgreSQL away and back', () => {
  const name = `cqo_avail_${crypto.randomBytes(4).toString('hex')}`;
  let admin: OpenedDatabase;
  let opened: OpenedDatabase;
  let t: Awaited<ReturnType<typeof appOn>>;
  beforeAll(async () => {
    admin = await openDatabase({ databaseUrl: adminUrl(testUrl ?? ''), poolSize: 1 });
    await sql.raw(`create database ${name} template ${inject('pgTemplateDb') ?? ''}`).execute(admin.db);
    opened = await openDatabase({ databaseUrl: databaseUrlFor(testUrl ?? '', name), poolSize: 4 });
    t = await appOn(opened.db, 'postgres');
  });
  afterAll(async () => {
    await t.close();
    await opened.close();
    await sql.raw(`alter database ${name} allow_connections true`).execute(admin.db);
    await sql.raw(`drop database if exists ${name} with (force)`).execute(admin.db);
    await admin.close();
  });
  const terminate = () => sql.raw(`select pg_terminate_backend(pid) from pg_stat_activity where datname = '${name}'`).execute(admin.db);

  it('answers 503 (never 500) while connections are refused, and recovers by itself when they return', async () => {
    expect((await t.app.inject({ url: '/api/health', headers: t.headers })).statusCode).toBe(200);
    await sql.raw(`alter database ${name} allow_connections false`).execute(admin.db);
    await terminate();
    await expectAway(t.app, t.headers);
    await expectAway(t.app, t.headers);
    await sql.raw(`alter database ${name} allow_connections true`).execute(admin.db);
    const health = await t.app.inject({ url: '/api/health', headers: t.headers });
    expect(health.json()).toEqual({ status: 'ok', db: 'ok' });
    const me = await t.app.inject({ url: '/api/auth/me', headers: t.headers });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ account: { username: 'province' } });
    expect((await t.app.inject({ url: '/api/coverage/overview', headers: t.headers })).statusCode).toBe(200);
  });

  it('a connection cut under the pool (pg_terminate_backend) costs at most a 503, then serves again', async () => {
    expect((await t.app.inject({ url: '/api/auth/me', headers: t.headers })).statusCode).toBe(200);
    await terminate();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await t.app.inject({ url: '/api/auth/me', headers: t.headers })).statusCode);
    expect(statuses.every((s) => s === 200 || s === 503)).toBe(true);
    expect(statuses.at(-1)).toBe(200);
  });
});

describe.skipIf(testUrl)('PGlite closed under the server', () => {
  // PGlite cannot be taken away and given back (a closed instance stays closed): this proves the 503 answers only
  let pglite: PGlite;
  let db: Kysely<DB>;
  let t: Awaited<ReturnType<typeof appOn>>;
  beforeAll(async () => {
    pglite = new PGlite({
      loadDataDir: new BytesBlob(fs.readFileSync(inject('pgliteTemplate'))),
      parsers: { 20: (v: string) => Number(v), 1082: (v: string) => v },
    });
    await pglite.waitReady;
    db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
    t = await appOn(db, 'pglite');
  });
  afterAll(async () => {
    await t.close();
    await db.destroy();
  });

  it('answers 503 DB_UNAVAILABLE, health 503 with a session cookie', async () => {
    expect((await t.app.inject({ url: '/api/auth/me', headers: t.headers })).statusCode).toBe(200);
    await pglite.close();
    await expectAway(t.app, t.headers);
  });
});

describe('a read-only node', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ readOnly: true, runJobs: false });
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses every mutating request with 503 in Chinese', async () => {
    const headers = await t.as('province');
    for (const req of [
      { method: 'POST' as const, url: '/api/auth/login', payload: { username: 'province', password: 'x' } },
      { method: 'PUT' as const, url: '/api/coverage/targets/2030/all', payload: { share: 0.5, newOfficers: null } },
      { method: 'DELETE' as const, url: '/api/coverage/segments/x' },
    ]) {
      const res = await t.app.inject({ ...req, headers });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toEqual({ error: { code: 'READ_ONLY', message: expect.stringContaining('只读节点') as unknown } });
    }
  });

  it('serves reads, health and reports, and writes no last-seen', async () => {
    const headers = await t.as('province');
    const old = new Date(clock.nowMs() - 10 * 60_000);
    await t.db.updateTable('sessions').set({ last_seen_at: old }).execute();
    expect((await t.app.inject({ url: '/api/health' })).json()).toEqual({ status: 'ok', db: 'ok' });
    const me = await t.app.inject({ url: '/api/auth/me', headers });
    expect(me.statusCode).toBe(200);
    const overview = await t.app.inject({ url: '/api/coverage/overview', headers });
    expect(overview.statusCode).toBe(200);
    const seen = await t.db.selectFrom('sessions').select('last_seen_at').execute();
    expect(seen.every((s) => s.last_seen_at.getTime() === old.getTime())).toBe(true);
    expect(t.ctx.dbRead).toBe(t.ctx.db);
  });
});
