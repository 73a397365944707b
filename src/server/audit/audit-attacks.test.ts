import crypto from 'node:crypto';
import fs from 'node:fs';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { sha256Hex } from '../crypto/index';
import type { AuditEventRow } from '../db/types';
import { STORED } from '../testing/profile';
import { createTestApp, type TestApp } from '../testing/test-app';
import { CHAIN_START, GENESIS_HASH, chainHash, recordAudit, verifyAuditChain } from './audit-log';
import { CHECKPOINT_FILE, latestCheckpoint, verifyAuditWithCheckpoint, writeCheckpoint } from './checkpoint';
import { auditTableOverreach } from './db-role';
import { redact, redactText } from './redact';
import { expectStatus } from '../testing/http';

/**
 * The attacks of issue 17 on the audit trail, each done as someone with full database access but without the
 * audit key or the signing key: every one must make verification fail and say what it found.
 */
let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const actor = { accountId: null, username: 'tester', role: null, ip: '10.0.0.1' };

/** A fresh app with some history and a signed checkpoint of its head. */
async function withCheckpoint(): Promise<TestApp & { dir: string }> {
  t = await createTestApp();
  for (const action of ['test.a', 'test.b', 'test.c', 'test.d']) {
    await t.db.transaction().execute((trx) => recordAudit(trx, actor, { action, details: { n: action } }));
  }
  const dir = t.ctx.config.auditCheckpointDir;
  await writeCheckpoint(t.db, t.ctx.crypto, { dir });
  return { ...t, dir };
}

const triggerOff = async (app: TestApp, run: () => Promise<unknown>) => {
  await sql`alter table audit_events disable trigger audit_events_append_only`.execute(app.db);
  await sql`alter table audit_events disable trigger audit_events_no_truncate`.execute(app.db);
  try {
    await run();
  } finally {
    await sql`alter table audit_events enable trigger audit_events_append_only`.execute(app.db);
    await sql`alter table audit_events enable trigger audit_events_no_truncate`.execute(app.db);
  }
};

const head = async (app: TestApp) =>
  (
    await app.db
      .selectFrom('audit_events')
      .select(({ fn }) => fn.max('seq').as('seq'))
      .executeTakeFirstOrThrow()
  ).seq ?? 0;

/** Rewrites rows from `fromSeq` on with forged details, re-linking and re-hashing each with `hash`. */
async function rewriteFrom(app: TestApp, fromSeq: number, hash: (row: AuditEventRow) => { alg: 'sha256' | 'hmac-sha256'; hash: string }) {
  const rows = await app.db.selectFrom('audit_events').selectAll().where('seq', '>=', fromSeq).orderBy('seq').execute();
  const before = await app.db
    .selectFrom('audit_events')
    .select('hash')
    .where('seq', '=', fromSeq - 1)
    .executeTakeFirst();
  let prev = before?.hash ?? GENESIS_HASH;
  await triggerOff(app, async () => {
    for (const row of rows) {
      const forged = { ...row, prev_hash: prev, details: row.seq === fromSeq ? { forged: true } : row.details };
      const { alg, hash: h } = hash(forged);
      await app.db
        .updateTable('audit_events')
        .set({ details: JSON.stringify(forged.details), prev_hash: prev, hash: h, hash_alg: alg })
        .where('id', '=', row.id)
        .execute();
      prev = h;
    }
  });
}

describe('audit chain attacks (database access, no keys)', { timeout: 120_000 }, () => {
  it('an intact chain verifies against its signed checkpoint; new rows are keyed', async () => {
    const app = await withCheckpoint();
    const result = await verifyAuditWithCheckpoint(app.db, app.ctx.crypto, app.dir);
    expect(result.ok).toBe(true);
    expect(result.checkpoint?.seq).toBe(await head(app));
    // signed with the profile's algorithm (SM2 over SM3 under CQO_CRYPTO_PROFILE=gm) and the active key
    expect(result.checkpoint).toMatchObject({ algorithm: STORED.signatureAlgorithm, keyId: app.ctx.crypto.signingKeyId });
    const algs = await app.db.selectFrom('audit_events').select('hash_alg').distinct().execute();
    // keyed with the active profile: HMAC-SHA-256, or HMAC-SM3 with CQO_CRYPTO_PROFILE=gm
    expect(algs).toEqual([{ hash_alg: app.ctx.crypto.profile === 'gm' ? 'hmac-sm3' : 'hmac-sha256' }]);
  });

  it('deleting the tail is found by the checkpoint', async () => {
    const app = await withCheckpoint();
    const last = await head(app);
    await triggerOff(app, () => sql`delete from audit_events where seq > ${last - 2}`.execute(app.db));
    expect((await verifyAuditChain(app.db)).ok).toBe(true); // the chain alone cannot see it
    const result = await verifyAuditWithCheckpoint(app.db, app.ctx.crypto, app.dir);
    expect(result.ok).toBe(false);
    expect(result.firstBad?.reason).toContain('末尾记录已被删除');
    expect(result.firstBad?.reason).toContain(`第 ${last} 条`);
  });

  it('truncating the table is found by the checkpoint', async () => {
    const app = await withCheckpoint();
    await triggerOff(app, () => sql`truncate audit_events`.execute(app.db));
    const result = await verifyAuditWithCheckpoint(app.db, app.ctx.crypto, app.dir);
    expect(result.ok).toBe(false);
    expect(result.firstBad?.reason).toContain('审计表已被清空');
  });

  it('rewriting a middle row and recomputing plain SHA-256 hashes is refused as a downgrade', async () => {
    const app = await withCheckpoint();
    const middle = (await head(app)) - 2;
    await rewriteFrom(app, middle, (row) => ({ alg: 'sha256', hash: chainHash(row, 'sha256') }));
    const result = await verifyAuditWithCheckpoint(app.db, app.ctx.crypto, app.dir);
    expect(result.ok).toBe(false);
    expect(result.firstBad?.seq).toBe(middle);
    expect(result.firstBad?.reason).toContain('无密钥哈希');
  });

  it('rewriting the whole chain with plain hashes is found by the signed checkpoint', async () => {
    const app = await withCheckpoint();
    await rewriteFrom(app, 1, (row) => ({ alg: 'sha256', hash: chainHash(row, 'sha256') }));
    expect((await verifyAuditChain(app.db)).ok).toBe(true); // consistent in itself
    const result = await verifyAuditWithCheckpoint(app.db, app.ctx.crypto, app.dir);
    expect(result.ok).toBe(false);
    expect(result.firstBad?.reason).toContain('与签名检查点');
  });

  it('rewriting a middle row and recomputing keyed hashes with a guessed key is found at that row', async () => {
    const app = await withCheckpoint();
    const middle = (await head(app)) - 2;
    const guessed = crypto.randomBytes(32);
    await rewriteFrom(app, middle, (row) => ({ alg: 'hmac-sha256', hash: chainHash(row, 'hmac-sha256', guessed) }));
    const result = await verifyAuditWithCheckpoint(app.db, app.ctx.crypto, app.dir);
    expect(result.ok).toBe(false);
    expect(result.firstBad?.seq).toBe(middle);
    expect(result.firstBad?.reason).toContain('记录内容与哈希不符');
  });

  it('a checkpoint line forged without the signing key is ignored and counted', async () => {
    const app = await withCheckpoint();
    const last = await head(app);
    await triggerOff(app, () => sql`delete from audit_events where seq > ${last - 2}`.execute(app.db));
    const kept = await app.db.selectFrom('audit_events').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    const forged = { seq: kept.seq, hash: kept.hash, at: new Date(8.64e15).toISOString(), keyId: app.ctx.crypto.signingKeyId, signature: sha256Hex('x') };
    fs.appendFileSync(`${app.dir}/${CHECKPOINT_FILE}`, `${JSON.stringify(forged)}\n`);
    const { forged: count } = latestCheckpoint(app.dir, app.ctx.crypto);
    expect(count).toBe(1);
    const result = await verifyAuditWithCheckpoint(app.db, app.ctx.crypto, app.dir);
    expect(result.ok).toBe(false);
    expect(result.forgedCheckpoints).toBe(1);
  });

  it('rows written before keying (sha256) still verify, followed by keyed rows', async () => {
    t = await createTestApp();
    const app = t;
    await triggerOff(app, () => sql`delete from audit_events`.execute(app.db));
    let prev = GENESIS_HASH;
    for (const seq of [1, 2]) {
      const row = {
        seq,
        occurred_at: new Date(Date.UTC(2020, 0, seq)),
        actor_account_id: null,
        actor_username: 'legacy',
        actor_role: null,
        ip: null,
        action: 'legacy',
        target_type: null,
        target_id: null,
        result: 'success' as const,
        details: {},
        prev_hash: prev,
      };
      const hash = chainHash(row, 'sha256');
      await app.db
        .insertInto('audit_events')
        .values({ ...row, details: '{}', hash, hash_alg: 'sha256' })
        .execute();
      prev = hash;
    }
    await app.db.transaction().execute((trx) => recordAudit(trx, actor, { action: 'test.keyed' }));
    const result = await verifyAuditChain(app.db);
    expect(result).toMatchObject({ ok: true, checked: 3 });
    expect(CHAIN_START.keyed).toBe(false);
  });

  it('the signed checkpoint is also sent to the HTTP sink', async () => {
    const received: unknown[] = [];
    const http = await import('node:http');
    const server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        received.push(JSON.parse(body));
        res.end('ok');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const app = await withCheckpoint();
      const { port } = server.address() as { port: number };
      const written = await writeCheckpoint(app.db, app.ctx.crypto, { dir: app.dir, url: `http://127.0.0.1:${port}/checkpoints` });
      expect(received).toEqual([written]);
    } finally {
      server.close();
    }
  });
});

describe('the application role on PostgreSQL', { timeout: 120_000 }, () => {
  it.skipIf(!process.env.TEST_DATABASE_URL)('cqo_app inserts and reads audit rows but cannot update, delete, truncate or disable the trigger', async () => {
    t = await createTestApp();
    const app = t;
    const login = `cqo_t_${crypto.randomBytes(4).toString('hex')}`;
    await sql.raw(`create role ${login} login in role cqo_app`).execute(app.db);
    const { openDatabase } = await import('../db/database');
    const dbName = (await sql<{ d: string }>`select current_database() as d`.execute(app.db)).rows[0]?.d ?? '';
    const url = new URL(process.env.TEST_DATABASE_URL ?? '');
    url.username = login;
    url.password = '';
    url.pathname = `/${dbName}`;
    const asApp = await openDatabase({ databaseUrl: url.toString(), poolSize: 1 });
    try {
      await asApp.db.transaction().execute((trx) => recordAudit(trx, actor, { action: 'test.as_app' }));
      expect((await asApp.db.selectFrom('audit_events').select('id').where('action', '=', 'test.as_app').execute()).length).toBe(1);
      for (const statement of [
        "update audit_events set action = 'x'",
        'delete from audit_events',
        'truncate audit_events',
        'alter table audit_events disable trigger audit_events_append_only',
      ]) {
        await expect(sql.raw(statement).execute(asApp.db), statement).rejects.toThrow(/permission denied|must be owner/);
      }
      // everything else it may change
      await sql`update rate_limits set count = count where false`.execute(asApp.db);
      // the start-up check (main.ts warns otherwise) finds nothing to complain about; the migrating superuser it would
      expect(await auditTableOverreach(asApp.db)).toEqual([]);
      expect(await auditTableOverreach(app.db)).toEqual(['update', 'delete', 'truncate', 'owner']);
    } finally {
      await asApp.close();
      await sql.raw(`drop owned by ${login}`).execute(app.db);
      await sql.raw(`drop role ${login}`).execute(app.db);
    }
  });
});

describe('audit details hold no phone numbers, ID numbers or tokens', { timeout: 120_000 }, () => {
  it('drops fields by name and masks values by pattern', () => {
    const out = redact({
      phone: '13812345678',
      contactPhone: '13812345678',
      inviteToken: 'abc',
      note: '联系 13812345678 或 +86 139-0000',
      nested: { remark: '身份证 32010219900101123X 已核', list: ['13900001111', 'ok'] },
      url: '/join?invite=Zk3nP9qLr2XyT7bVw4sHd8mJc6aGf1eU0oRiYt5',
      sha: 'a'.repeat(40),
      uscc: '91320500MA1XXXXX0X',
      count: 3,
    });
    expect(out).toEqual({
      note: '联系 [手机号已隐去] 或 +86 139-0000',
      nested: { remark: '身份证 [身份证号已隐去] 已核', list: ['[手机号已隐去]', 'ok'] },
      url: '/join?invite=[令牌已隐去]',
      sha: '[令牌已隐去]',
      uscc: '91320500MA1XXXXX0X',
      count: 3,
    });
    expect(redactText('订单 20231231 号')).toBe('订单 20231231 号');
  });

  it('an account created with a phone number leaves no phone number in the audit log', async () => {
    t = await createTestApp();
    const unit = await t.db.selectFrom('org_units').select('id').where('code', '=', '320400').executeTakeFirstOrThrow();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/accounts',
      headers: await t.as('province'),
      payload: { username: 'cz-trainer', displayName: '常州培训', role: 'trainer', orgUnitId: unit.id, phone: '13912345678' },
    });
    expect(res.statusCode).toBe(201);
    const id = res.json().account.id as number;
    expectStatus(await t.app.inject({ method: 'PATCH', url: `/api/accounts/${id}`, headers: await t.as('province'), payload: { phone: '13987654321' } }), 200);
    const rows = await t.db
      .selectFrom('audit_events')
      .select(sql<string>`details::text`.as('d'))
      .execute();
    const text = rows.map((r) => r.d).join('\n');
    expect(text).not.toContain('13912345678');
    expect(text).not.toContain('13987654321');
  });
});
