import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberCheckCharacter } from '../../../domain/id-number';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { attachLetter } from '../../testing/factories';
import { dayFromToday } from '../../testing/dates';
import { STORED } from '../../testing/profile';
import { expectStatus } from '../../testing/http';

const run = promisify(execFile);
let t: TestApp;
let ent: Record<string, string>;
let filingId: number;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cqo-proof-'));

beforeAll(async () => {
  t = await createTestApp({ publicUrl: 'https://cqo.example.gov.cn' });
  ent = await t.as('ent-kunshan-1');
  const body = '32058319750505555';
  const person = await t.app.inject({
    method: 'POST',
    url: '/api/candidates',
    headers: ent,
    payload: {
      name: '周质量',
      idNumber: body + idNumberCheckCharacter(body),
      education: 'master',
      qualityYears: 15,
      positionTitle: '副总经理',
      positionLevel: 'deputyGeneralManager',
    },
  });
  const draft = await t.app.inject({
    method: 'POST',
    url: '/api/filings',
    headers: ent,
    payload: {
      candidateId: person.json().id,
      appointmentDate: dayFromToday(-21),
      departmentsLed: '质量部、检测中心',
      reportsToGeneralManager: true,
      vetoRight: true,
    },
  });
  filingId = draft.json().id;
  await attachLetter(t, ent, filingId);
  expectStatus(await t.app.inject({ method: 'POST', url: `/api/filings/${filingId}/submit`, headers: ent }), 200);
  expectStatus(await t.app.inject({ method: 'POST', url: `/api/filings/${filingId}/approve`, headers: await t.as('kunshan'), payload: {} }), 200);
});
afterAll(async () => {
  await t.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const serialOf = async () => (await t.db.selectFrom('certificates').select('serial').where('subject_id', '=', filingId).executeTakeFirstOrThrow()).serial;

describe('filing proof', () => {
  it('is a real PDF in Chinese with the particulars and the verification address', async () => {
    const res = await t.app.inject({ url: `/api/filings/${filingId}/proof.pdf`, headers: ent });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const file = path.join(dir, 'proof.pdf');
    fs.writeFileSync(file, res.rawPayload);
    const { stdout } = await run('pdftotext', ['-layout', file, '-']);
    const serial = await serialOf();
    for (const text of [
      '首席质量官聘任备案证明',
      '周质量',
      '3205**********',
      '质量部、检测中心',
      '昆山市市场监督管理局',
      serial,
      `https://cqo.example.gov.cn/verify/${serial}`,
    ]) {
      expect(stdout).toContain(text);
    }
    const info = await run('pdfinfo', [file]);
    expect(info.stdout).toMatch(/Pages:\s+1/);
    expect(info.stdout).toMatch(/Page size:\s+595\.\d* x 841\.\d*/);
    // only those who see the filing get the PDF
    expect((await t.app.inject({ url: `/api/filings/${filingId}/proof.pdf`, headers: await t.as('gusu') })).statusCode).toBe(404);
  });

  it('verifies publicly with masked data and a valid signature', async () => {
    const serial = await serialOf();
    expect(serial).toMatch(/^JS-BA-\d{4}-[2-9A-Z]{8}$/);
    const res = await t.app.inject({ url: `/api/public/verify/${serial}` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'valid',
      holderName: '周*量',
      enterpriseName: expect.any(String) as unknown,
      signatureValid: true,
      kindLabel: '首席质量官聘任备案证明',
    });
    expect(JSON.stringify(res.json())).not.toContain('周质量');
    expect((await t.app.inject({ url: '/api/public/verify/JS-BA-2026-NOPE2345' })).statusCode).toBe(404);
    const key = await t.app.inject({ url: '/api/public/signing-key' });
    expect(key.json().publicKeyPem).toContain('BEGIN PUBLIC KEY');
    // signed with the profile's algorithm (SM2 over SM3 under CQO_CRYPTO_PROFILE=gm), the one the key endpoint names
    const row = await t.db.selectFrom('certificates').select(['signature_algorithm', 'signing_key_id']).where('serial', '=', serial).executeTakeFirstOrThrow();
    expect(row).toEqual({ signature_algorithm: STORED.signatureAlgorithm, signing_key_id: t.ctx.crypto.signingKeyId });
    expect(key.json()).toMatchObject({
      algorithm: STORED.signatureAlgorithm,
      keyId: row.signing_key_id,
      distinguishingId: STORED.signatureAlgorithm === 'sm2-sm3' ? '1234567812345678' : null,
    });
  });

  it('says when the appointment ended, and the PDF carries a watermark', async () => {
    expectStatus(
      await t.app.inject({
        method: 'POST',
        url: `/api/filings/${filingId}/end`,
        headers: ent,
        payload: { kind: 'dismissal', cause: 'other', reason: '企业调整', date: dayFromToday(25) },
      }),
      200,
    );
    const res = await t.app.inject({ url: `/api/public/verify/${await serialOf()}` });
    expect(res.json()).toMatchObject({ status: 'ended', statusLabel: '已失效（聘任已结束）', statusReason: `解聘（${dayFromToday(25)}）` });
    const pdf = await t.app.inject({ url: `/api/filings/${filingId}/proof.pdf`, headers: ent });
    const file = path.join(dir, 'ended.pdf');
    fs.writeFileSync(file, pdf.rawPayload);
    expect((await run('pdftotext', [file, '-'])).stdout).toContain(`本证明已失效：解聘（${dayFromToday(25)}）`);
  });

  it('detects a payload changed in the database', async () => {
    const serial = await serialOf();
    await sql`update certificates set payload = jsonb_set(payload, '{personName}', '"李冒名"') where serial = ${serial}`.execute(t.db);
    const res = await t.app.inject({ url: `/api/public/verify/${serial}` });
    expect(res.json().signatureValid).toBe(false);
  });
});
