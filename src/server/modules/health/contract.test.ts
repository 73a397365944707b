import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/database';
import { createTestApp, type TestApp } from '../../testing/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('pinned API contract', () => {
  it('GET /api/health answers ok with the database', async () => {
    const res = await t.app.inject({ url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', db: 'ok' });
  });

  it('GET /api/openapi.json documents the routes', async () => {
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json() as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toMatch(/^3\./);
    for (const p of [
      '/api/health',
      '/api/auth/login',
      '/api/auth/logout',
      '/api/auth/me',
      '/api/accounts',
      '/api/accounts/{id}',
      '/api/org-units/tree',
      '/api/audit-events',
      '/api/jobs/{id}',
    ]) {
      expect(Object.keys(doc.paths)).toContain(p);
    }
  });

  it('answers unknown API paths with 404 in the one error shape', async () => {
    const res = await t.app.inject({ url: '/api/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'NOT_FOUND', message: expect.stringContaining('未找到') as unknown } });
  });

  it('refuses a non-JSON body with a Chinese message', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'x-requested-with': 'x', 'content-type': 'application/json' },
      payload: '{bad json',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION');
  });

  it('sends security headers', async () => {
    const res = await t.app.inject({ url: '/api/health' });
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });
});

// the command always runs on an embedded database of its own: the PostgreSQL pass would repeat the same run
describe.skipIf(process.env.TEST_DATABASE_URL)('npm run admin:create (production)', () => {
  const run = promisify(execFile);
  let dataDir: string;
  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cqo-admin-'));
  });
  afterAll(() => {
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('creates the first system administrator with a one-time password, and no demo accounts', { timeout: 120_000 }, async () => {
    const key = Buffer.alloc(32, 3).toString('base64');
    const env = { ...process.env, NODE_ENV: 'production', CQO_DATA_DIR: dataDir, CQO_DATA_KEY: key, CQO_HASH_KEY: key, CQO_SIGNING_KEY: key, DATABASE_URL: '' };
    const out = await run(process.execPath, ['--import', 'tsx', 'src/server/cli/admin-create.ts', '--username', 'chief', '--name', '张工'], { env });
    expect(out.stdout).toContain('一次性初始密码');
    const again = await run(process.execPath, ['--import', 'tsx', 'src/server/cli/admin-create.ts', '--username', 'chief'], { env }).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect(again).toMatchObject({ code: 1 });
    const opened = await openDatabase({ pgliteDir: path.join(dataDir, 'pglite') });
    try {
      const accounts = await opened.db.selectFrom('accounts').select(['username', 'role', 'must_change_password', 'totp_enabled']).execute();
      expect(accounts).toEqual([{ username: 'chief', role: 'system_admin', must_change_password: true, totp_enabled: false }]);
    } finally {
      await opened.close();
    }
  });
});
