import { idNumberCheckCharacter } from '../../domain/id-number';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../audit/audit-log';
import { CertificateService } from '../modules/certificates/service';
import { TEST_KEYS } from '../testing/keys';
import { TEST_PROFILE } from '../testing/profile';
import { createTestApp, type TestApp } from '../testing/test-app';
import { CryptoService, type CryptoProfile } from './index';
import { migrateCryptoProfile, type MigrationProgress } from './profile-migration';

/**
 * `npm run crypto:migrate` on a populated database (the demo seed: persons, link requests, TOTP secrets of the
 * administrators, 备案证明 and 培训合格证): from the profile this run writes with to the other one and back, with
 * every ID number, TOTP secret and signature checked after each way, and an interrupted run resumed. The CI runs
 * this file in both profiles (npm test, npm run test:gm), so both directions start from real data of either.
 */
let t: TestApp;
/** What every ciphertext holds, read before any migration: persons, link requests and accounts by id. */
const plain = { persons: new Map<number, string>(), person_link_requests: new Map<number, string>(), totp: new Map<number, string>() };
const other: CryptoProfile = TEST_PROFILE === 'gm' ? 'default' : 'gm';

beforeAll(async () => {
  t = await createTestApp();
  // two self-registered officers waiting for the bureau: their link requests hold the ID number too
  for (const [i, body] of ['32058319910101123', '32050819910202123'].entries()) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/public/officer-registrations',
      headers: { 'x-requested-with': 'vitest' },
      payload: {
        name: '迁移测试',
        idNumber: body + idNumberCheckCharacter(body),
        phone: '13800002222',
        username: `migrate-${String(i)}`,
        password: 'Officer#2026ok',
      },
    });
    expect(res.statusCode).toBe(201);
  }
  for (const table of ['persons', 'person_link_requests'] as const) {
    for (const row of await t.db.selectFrom(table).select(['id', 'id_number_enc']).execute()) plain[table].set(row.id, t.ctx.crypto.decrypt(row.id_number_enc));
  }
  for (const row of await t.db.selectFrom('accounts').select(['id', 'totp_secret']).where('totp_secret', 'is not', null).execute()) {
    if (row.totp_secret) plain.totp.set(row.id, t.ctx.crypto.decrypt(row.totp_secret));
  }
}, 60_000);
afterAll(async () => {
  await t.close();
});

/** Every stored form that is not the profile's, as `<table> <id>: <problem>` (empty when all is converted and intact). */
async function notIn(profile: CryptoProfile): Promise<string[]> {
  const suite = t.ctx.crypto.suite(profile);
  // a node started with CQO_CRYPTO_PROFILE=<profile> after the migration: its lookups must find the rows
  const node = new CryptoService({ ...TEST_KEYS, profile });
  const envelope = `v1.${suite.cipher}.${suite.dataKeyId}.`;
  const problems: string[] = [];
  for (const table of ['persons', 'person_link_requests'] as const) {
    for (const row of await t.db.selectFrom(table).select(['id', 'id_number_enc', 'id_number_hash']).execute()) {
      const expected = plain[table].get(row.id);
      if (!row.id_number_enc.startsWith(envelope)) problems.push(`${table} ${String(row.id)}: envelope ${row.id_number_enc.slice(0, 30)}`);
      else if (node.decrypt(row.id_number_enc) !== expected) problems.push(`${table} ${String(row.id)}: decrypts to another number`);
      if (expected === undefined || row.id_number_hash !== node.keyedHash(expected))
        problems.push(`${table} ${String(row.id)}: lookup hash ${row.id_number_hash.slice(0, 20)}`);
    }
  }
  for (const row of await t.db.selectFrom('accounts').select(['id', 'totp_secret']).where('totp_secret', 'is not', null).execute()) {
    if (!row.totp_secret?.startsWith(envelope)) problems.push(`accounts ${String(row.id)}: TOTP envelope ${String(row.totp_secret).slice(0, 30)}`);
    else if (node.decrypt(row.totp_secret) !== plain.totp.get(row.id)) problems.push(`accounts ${String(row.id)}: TOTP secret changed`);
  }
  const certificates = new CertificateService(node);
  for (const row of await t.db
    .selectFrom('certificates')
    .select(['id', 'serial', 'kind', 'payload', 'signature', 'signing_key_id', 'signature_algorithm'])
    .execute()) {
    if (row.signature_algorithm !== suite.signatureAlgorithm || row.signing_key_id !== suite.signingKeyId)
      problems.push(`certificates ${row.serial}: ${row.signature_algorithm} ${row.signing_key_id}`);
    if (!certificates.verify(row)) problems.push(`certificates ${row.serial}: signature does not verify`);
  }
  return problems;
}

describe('crypto:migrate round-trips a populated database', () => {
  it('the demo data is all in this run’s profile to begin with, and there is some of each kind', async () => {
    expect(plain.persons.size).toBeGreaterThan(100);
    expect(plain.person_link_requests.size).toBeGreaterThan(0);
    expect(plain.totp.size).toBeGreaterThan(0);
    const kinds = await t.db.selectFrom('certificates').select('kind').distinct().execute();
    expect(kinds.map((k) => k.kind)).toEqual(expect.arrayContaining(['filing_proof', 'training_certificate']));
    expect(await notIn(TEST_PROFILE)).toEqual([]);
  });

  it(
    `moves it to the ${other} profile: stopped after one batch, a second run continues where the first stopped, with progress`,
    { timeout: 300_000 },
    async () => {
      const personsBefore = plain.persons.size;
      const interrupted = migrateCryptoProfile(t.db, t.ctx.crypto, other, {
        batchSize: 40,
        onProgress: () => {
          throw new Error('node stopped');
        },
      });
      await expect(interrupted).rejects.toThrow('node stopped');
      // the first batch is committed, nothing after it
      const suite = t.ctx.crypto.suite(other);
      const converted = await t.db.selectFrom('persons').select('id').where('id_number_enc', 'like', `v1.${suite.cipher}.${suite.dataKeyId}.%`).execute();
      expect(converted).toHaveLength(40);

      const progress: MigrationProgress[] = [];
      const result = await migrateCryptoProfile(t.db, t.ctx.crypto, other, { batchSize: 40, onProgress: (p) => progress.push(p) });
      const persons = progress.filter((p) => p.step === 'persons');
      expect(persons[0]).toEqual({ step: 'persons', done: 40, total: personsBefore - 40 });
      expect(persons.at(-1)).toEqual({ step: 'persons', done: personsBefore - 40, total: personsBefore - 40 });
      expect(new Set(progress.map((p) => p.step))).toEqual(new Set(['persons', 'person_link_requests', 'accounts.totp_secret', 'certificates']));
      for (const p of progress) expect(p.done).toBeLessThanOrEqual(p.total);
      expect(result.badSignatures).toEqual([]);
      expect(result.reEncrypted).toBe(personsBefore - 40 + plain.person_link_requests.size + plain.totp.size);
      expect(result.reSigned).toBeGreaterThan(0);
      expect(await notIn(other)).toEqual([]);

      // run again: nothing left to do
      const again = await migrateCryptoProfile(t.db, t.ctx.crypto, other);
      expect(again).toEqual({ reEncrypted: 0, reSigned: 0, badSignatures: [] });
    },
  );

  it(`moves it back to the ${TEST_PROFILE} profile, everything still decrypts and verifies, and the audit chain holds`, { timeout: 300_000 }, async () => {
    const result = await migrateCryptoProfile(t.db, t.ctx.crypto, TEST_PROFILE);
    expect(result.badSignatures).toEqual([]);
    expect(result.reEncrypted).toBe(plain.persons.size + plain.person_link_requests.size + plain.totp.size);
    expect(await notIn(TEST_PROFILE)).toEqual([]);
    // the public verification of a certificate holds on the running node
    const cert = await t.db.selectFrom('certificates').select('serial').where('kind', '=', 'filing_proof').orderBy('id').executeTakeFirstOrThrow();
    expect((await t.app.inject({ url: `/api/public/verify/${cert.serial}` })).json()).toMatchObject({ signatureValid: true });
    const runs = await t.db
      .selectFrom('audit_events')
      .select(['target_id', 'details'])
      .where('action', '=', 'crypto.profile_migrated')
      .orderBy('seq')
      .execute();
    expect(runs.map((r) => r.target_id)).toEqual([other, other, TEST_PROFILE]);
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });

  it('leaves a certificate whose signature no longer holds as it is, and reports it', { timeout: 300_000 }, async () => {
    const cert = await t.db.selectFrom('certificates').select(['id', 'serial', 'signature']).orderBy('id', 'desc').executeTakeFirstOrThrow();
    await t.db
      .updateTable('certificates')
      .set({ payload: JSON.stringify({ personName: '李冒名' }) })
      .where('id', '=', cert.id)
      .execute();
    const result = await migrateCryptoProfile(t.db, t.ctx.crypto, other);
    expect(result.badSignatures).toEqual([cert.serial]);
    const row = await t.db.selectFrom('certificates').select('signature').where('id', '=', cert.id).executeTakeFirstOrThrow();
    expect(row.signature).toBe(cert.signature);
  });
});
