import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/database';
import { createTestApp, type TestApp } from '../testing/test-app';
import { CryptoService, loadKeys } from '../crypto/index';
import { AUDIT_CHAIN_PURPOSE, canonicalJson, configureAuditChain, redact, recordAudit, verifyAuditChain } from './audit-log';
import { STORED, TEST_PROFILE } from '../testing/profile';
import { expectStatus } from '../testing/http';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  // some history: logins, a created account, a failure
  const sys = await t.as('sysadmin');
  const unit = await t.db.selectFrom('org_units').select('id').where('code', '=', '320400').executeTakeFirstOrThrow();
  expectStatus(
    await t.app.inject({
      method: 'POST',
      url: '/api/accounts',
      headers: sys,
      payload: { username: 'changzhou', displayName: '常州市局', role: 'city_admin', orgUnitId: unit.id },
    }),
    201,
  );
  expectStatus(
    await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'x-requested-with': 'x' },
      payload: { username: 'changzhou', password: 'Nope@nope123' },
    }),
    401,
  );
});
afterAll(async () => {
  await t.close();
});

const withTriggerOff = async (statement: string) => {
  await sql.raw('alter table audit_events disable trigger audit_events_append_only').execute(t.db);
  try {
    await sql.raw(statement).execute(t.db);
  } finally {
    await sql.raw('alter table audit_events enable trigger audit_events_append_only').execute(t.db);
  }
};

describe('audit chain', () => {
  it('canonical JSON ignores key order and redaction drops secrets and ID numbers', () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: [3, { f: 1, e: 2 }] } })).toBe('{"a":{"c":[3,{"e":2,"f":1}],"d":2},"b":1}');
    expect(redact({ username: 'u', password: 'p', newPassword: 'n', idNumber: '320102199001011234', nested: { totpSecret: 's', ok: 1 } })).toEqual({
      username: 'u',
      nested: { ok: 1 },
    });
  });

  it('is intact after real activity', async () => {
    const result = await verifyAuditChain(t.db);
    expect(result.ok).toBe(true);
    expect(result.checked).toBeGreaterThanOrEqual(3);
    // the rows of this run are keyed with the profile's MAC (HMAC-SM3 under CQO_CRYPTO_PROFILE=gm) and name its key
    const newest = await t.db.selectFrom('audit_events').select(['hash_alg', 'hash_key_id']).orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(newest).toEqual({ hash_alg: STORED.auditHash, hash_key_id: t.ctx.crypto.active.hashKeyId });
  });

  it('refuses UPDATE, DELETE and TRUNCATE', async () => {
    await expect(sql`update audit_events set action = 'x' where seq = 1`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_events where seq = 1`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_events`.execute(t.db)).rejects.toThrow(/append-only/);
  });

  it('rolls back with the change it records', async () => {
    const before = await verifyAuditChain(t.db);
    await expect(
      t.db.transaction().execute(async (trx) => {
        await recordAudit(trx, { accountId: null, username: 'x', role: null, ip: null }, { action: 'test.rollback' });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    const after = await verifyAuditChain(t.db);
    expect(after).toEqual(before);
  });

  it('exports the filtered log as a real Excel file', async () => {
    const res = await t.app.inject({ url: '/api/audit-events/export?result=failure', headers: await t.as('auditadmin') });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('审计日志');
    expect(sheet?.getRow(1).getCell(1).value).toBe('序号');
    const results = new Set<string>();
    sheet?.eachRow((row, n) => {
      if (n > 1) results.add(String(row.getCell(9).value));
    });
    expect([...results]).toEqual(['失败']);
    expect(sheet?.rowCount).toBeGreaterThan(1);
    const exported = await t.db.selectFrom('audit_events').select('actor_username').where('action', '=', 'audit.export').execute();
    expect(exported).toEqual([{ actor_username: 'auditadmin' }]);
  });

  it('filters by account, action and result for the audit administrator', async () => {
    const res = await t.app.inject({ url: '/api/audit-events?username=changzhou&action=auth.login&result=failure', headers: await t.as('auditadmin') });
    expect(res.statusCode).toBe(200);
    expect(res.json().total).toBe(1);
    expect(res.json().items[0]).toMatchObject({ actorUsername: 'changzhou', actionLabel: '登录', result: 'failure' });
  });

  it('runs verification as a background job with progress', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/audit-events/verify', headers: await t.as('auditadmin') });
    expect(res.statusCode).toBe(202);
    const { jobId } = res.json();
    expect(await t.ctx.jobs.runOnce()).toBe(true);
    const job = await t.app.inject({ url: `/api/jobs/${jobId}`, headers: await t.as('auditadmin') });
    expect(job.json()).toMatchObject({ status: 'succeeded', result: { ok: true } });
    expect(job.json().done).toBe(job.json().total);
    // someone else's job is invisible
    expect((await t.app.inject({ url: `/api/jobs/${jobId}`, headers: await t.as('sysadmin') })).statusCode).toBe(404);
  });

  it('names the first changed row when a row was tampered with the trigger disabled', async () => {
    await withTriggerOff(`update audit_events set details = '{"forged":true}'::jsonb where seq = 3`);
    const result = await verifyAuditChain(t.db);
    expect(result.ok).toBe(false);
    expect(result.firstBad).toMatchObject({ seq: 3 });
    expect(result.firstBad?.reason).toContain('篡改');
  });
});

// the command runs on an embedded database of its own: the PostgreSQL pass of the default profile would repeat the
// same run (the 国密 pass runs it, for the HMAC-SM3 chain)
describe.skipIf(process.env.TEST_DATABASE_URL && TEST_PROFILE === 'default')('npm run audit:verify', () => {
  const run = promisify(execFile);
  let dataDir: string;

  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cqo-verify-'));
  });
  afterAll(() => {
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const verify = () =>
    run(process.execPath, ['--import', 'tsx', 'src/server/cli/audit-verify.ts'], {
      env: { ...process.env, CQO_DATA_DIR: dataDir, NODE_ENV: 'development', DATABASE_URL: '', CQO_DEMO_DATA: 'false' },
    }).then(
      (r) => ({ code: 0, out: r.stdout + r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
    );

  it('exits 0 on an intact log and non-zero naming the first bad row after a deletion', { timeout: 400_000 }, async () => {
    const ok = await verify();
    expect(ok.out).toContain('审计日志完整');
    expect(ok.code).toBe(0);

    // the CLI keys the chain with the keys it generated in the data directory: write with the same
    configureAuditChain(new CryptoService(loadKeys({ dataDir, profile: TEST_PROFILE })).auditChain(AUDIT_CHAIN_PURPOSE));
    const opened = await openDatabase({ pgliteDir: path.join(dataDir, 'pglite') });
    await sql.raw('alter table audit_events disable trigger audit_events_append_only').execute(opened.db);
    for (const action of ['test.a', 'test.b', 'test.c']) {
      await opened.db.transaction().execute((trx) => recordAudit(trx, { accountId: null, username: 't', role: null, ip: null }, { action }));
    }
    await sql.raw('delete from audit_events where seq = 2').execute(opened.db);
    await opened.close();

    const bad = await verify();
    expect(bad.code).not.toBe(0);
    expect(bad.out).toContain('第 2 条');
  });
});
