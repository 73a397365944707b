import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberCheckCharacter } from '../../../domain/id-number';
import type { CryptoProfile } from '../../crypto/index';
import { dayFromToday } from '../../testing/dates';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { attachLetter } from '../../testing/factories';

/**
 * A third party checks a 备案证明 and a 培训合格证 offline, exactly as docs/OPERATIONS.md (「Verifying a certificate
 * offline」) tells them, in both crypto profiles: `pdfdetach -saveall` takes the signed text and the signature out
 * of the PDF, `GET /api/public/signing-key` gives the public key (PEM) and names its algorithm, and the openssl CLI
 * verifies — `openssl pkeyutl -verify -rawin` for Ed25519, `openssl dgst -sm3 -verify -sigopt distid:…` for SM2.
 */
const run = promisify(execFile);

interface PublicKey {
  keyId: string;
  algorithm: string;
  publicKeyPem: string;
  distinguishingId: string | null;
}

/** The openssl command a third party runs, as the documentation gives it. */
const opensslVerify = (key: PublicKey, message: string, signature: string): string[] =>
  key.algorithm === 'sm2-sm3'
    ? ['dgst', '-sm3', '-verify', 'pub.pem', '-sigopt', `distid:${key.distinguishingId ?? ''}`, '-signature', signature, message]
    : ['pkeyutl', '-verify', '-pubin', '-inkey', 'pub.pem', '-rawin', '-in', message, '-sigfile', signature];

const EXPECTED: Record<CryptoProfile, { algorithm: string; distinguishingId: string | null; verified: RegExp }> = {
  default: { algorithm: 'ed25519', distinguishingId: null, verified: /Signature Verified Successfully/ },
  gm: { algorithm: 'sm2-sm3', distinguishingId: '1234567812345678', verified: /Verified OK/ },
};

describe.each(['default', 'gm'] as const)('a certificate issued in the %s profile verifies offline with openssl', (profile) => {
  let t: TestApp;
  let dir: string;
  beforeAll(async () => {
    t = await createTestApp({ publicUrl: 'https://cqo.example.gov.cn' }, { profile });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), `cqo-offline-${profile}-`));
  }, 60_000);
  afterAll(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** What the third party does with the PDF; returns the signed payload. Also checks a changed byte fails. */
  async function verifyOffline(pdf: Buffer, name: string, kind: string): Promise<Record<string, unknown>> {
    const out = path.join(dir, name);
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, `${name}.pdf`), pdf);
    await run('pdfdetach', ['-saveall', '-o', out, path.join(out, `${name}.pdf`)]);
    const files = fs.readdirSync(out);
    const message = files.find((f) => f.endsWith('.payload.json'));
    const signature = files.find((f) => f.endsWith('.sig'));
    if (!message || !signature) throw new Error(`the PDF carries no signed data: ${files.join(', ')}`);
    const [serial = '', algorithm, keyId] = signature.split('.');
    expect(message).toBe(`${serial}.payload.json`);

    // the public key of the key id the signature names, from the published endpoint, which names the algorithm
    const published = (await t.app.inject({ url: '/api/public/signing-key' })).json<PublicKey & { keys: PublicKey[] }>();
    expect(published).toMatchObject({ algorithm: EXPECTED[profile].algorithm, distinguishingId: EXPECTED[profile].distinguishingId });
    const key = published.keys.find((k) => k.keyId === keyId);
    expect(key).toMatchObject({ keyId: published.keyId, algorithm, distinguishingId: EXPECTED[profile].distinguishingId });
    if (!key) throw new Error('no published key');
    fs.writeFileSync(path.join(out, 'pub.pem'), key.publicKeyPem);

    const verified = await run('openssl', opensslVerify(key, message, signature), { cwd: out });
    expect(verified.stdout).toMatch(EXPECTED[profile].verified);

    // the signed text is the certificate's own record (canonical JSON: serial, kind and payload)
    const text = fs.readFileSync(path.join(out, message), 'utf8');
    const payload = JSON.parse(text) as Record<string, unknown>;
    const row = await t.db
      .selectFrom('certificates')
      .select(['kind', 'payload', 'signature_algorithm', 'signing_key_id'])
      .where('serial', '=', serial)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ kind, signature_algorithm: algorithm, signing_key_id: keyId });
    expect(payload).toEqual({ serial, kind, ...(row.payload as Record<string, unknown>) });

    // one changed character and openssl refuses
    const name2 = String(payload.personName);
    fs.writeFileSync(path.join(out, message), text.replace(name2, `${name2.slice(0, -1)}冒`));
    await expect(run('openssl', opensslVerify(key, message, signature), { cwd: out })).rejects.toThrow();
    return payload;
  }

  it('备案证明 (filing proof)', async () => {
    const ent = await t.as('ent-kunshan-1');
    const body = profile === 'gm' ? '32058319760606555' : '32058319770707555';
    const person = await t.app.inject({
      method: 'POST',
      url: '/api/candidates',
      headers: ent,
      payload: {
        name: '严签名',
        idNumber: body + idNumberCheckCharacter(body),
        education: 'master',
        qualityYears: 12,
        positionTitle: '副总经理',
        positionLevel: 'deputyGeneralManager',
      },
    });
    const draft = await t.app.inject({
      method: 'POST',
      url: '/api/filings',
      headers: ent,
      payload: { candidateId: person.json().id, appointmentDate: dayFromToday(-10), departmentsLed: '质量部', reportsToGeneralManager: true, vetoRight: true },
    });
    const filingId = draft.json().id as number;
    await attachLetter(t, ent, filingId);
    expect((await t.app.inject({ method: 'POST', url: `/api/filings/${filingId}/submit`, headers: ent })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'POST', url: `/api/filings/${filingId}/approve`, headers: await t.as('kunshan'), payload: {} })).statusCode).toBe(200);
    const pdf = await t.app.inject({ url: `/api/filings/${filingId}/proof.pdf`, headers: ent });
    expect(pdf.statusCode).toBe(200);
    const payload = await verifyOffline(pdf.rawPayload, 'filing-proof', 'filing_proof');
    expect(payload.personName).toBe('严签名');
  });

  it('培训合格证 (training certificate), reissued in this profile', async () => {
    const officer = await t.db
      .selectFrom('persons as p')
      .innerJoin('accounts as a', 'a.id', 'p.account_id')
      .select('p.id')
      .where('a.username', '=', 'officer-kunshan-1')
      .executeTakeFirstOrThrow();
    const held = await t.db
      .selectFrom('certificates')
      .select('id')
      .where('kind', '=', 'training_certificate')
      .where('person_id', '=', officer.id)
      .where('status', '=', 'valid')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    const reissued = await t.app.inject({
      method: 'POST',
      url: `/api/training/certificates/${String(held.id)}/reissue`,
      headers: await t.as('trainer-suzhou'),
      payload: { reason: '核验测试换发' },
    });
    expect(reissued.statusCode).toBe(201);
    const pdf = await t.app.inject({ url: `/api/training/certificates/${String(reissued.json().id)}/pdf`, headers: await t.as('officer-kunshan-1') });
    expect(pdf.statusCode).toBe(200);
    await verifyOffline(pdf.rawPayload, 'training-certificate', 'training_certificate');
  });
});
