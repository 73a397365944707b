import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberCheckCharacter } from '../../../domain/id-number';
import { cookieFrom, createTestApp, type TestApp } from '../../testing/test-app';
import { LETTER_PDF, multipartBody } from '../../testing/files';
import { createCandidate } from '../../testing/factories';
import { expectStatus } from '../../testing/http';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ loginRatePerMinute: 1000 });
});
afterAll(async () => {
  await t.close();
});

const XRW = { 'x-requested-with': 'vitest' };
const upload = async (id: number, headers: Record<string, string>, content: Buffer) => {
  const { payload, headers: h } = multipartBody('证书.pdf', content);
  return t.app.inject({ method: 'POST', url: `/api/qualifications/${id}/evidence`, headers: { ...headers, ...h }, payload });
};

describe('titles and qualifications with evidence', () => {
  it('the officer records their own, with evidence checked by content; the reviewing bureau reads them, others cannot', async () => {
    const login = expectStatus(
      await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: XRW, payload: { username: 'officer-kunshan-1', password: 'Cqo@2026demo' } }),
      200,
    );
    const officer = { cookie: cookieFrom(login.headers['set-cookie']), ...XRW };
    const person = await t.db
      .selectFrom('persons as p')
      .innerJoin('accounts as a', 'a.id', 'p.account_id')
      .select('p.id')
      .where('a.username', '=', 'officer-kunshan-1')
      .executeTakeFirstOrThrow();

    const created = await t.app.inject({
      method: 'POST',
      url: `/api/persons/${person.id}/qualifications`,
      headers: officer,
      payload: { kind: 'title', name: '高级工程师（质量）', issuer: '江苏省人力资源和社会保障厅', issuedOn: '2018-12-20' },
    });
    expect(created.statusCode).toBe(201);
    const id: number = created.json().id;
    expect((await upload(id, officer, Buffer.from('GIF89a not allowed'))).statusCode).toBe(400);
    expect((await upload(id, officer, LETTER_PDF)).statusCode).toBe(200);

    const list = await t.app.inject({ url: `/api/persons/${person.id}/qualifications`, headers: officer });
    expect(list.json()).toMatchObject({ canManage: true, items: [{ name: '高级工程师（质量）', hasEvidence: true, issuedOn: '2018-12-20' }] });

    // the county that reviews the officer's filing reads them and the evidence; it cannot change them
    const kunshan = await t.as('kunshan');
    const seen = await t.app.inject({ url: `/api/persons/${person.id}/qualifications`, headers: kunshan });
    expect(seen.json()).toMatchObject({ canManage: false });
    const evidence = await t.app.inject({ url: `/api/qualifications/${id}/evidence`, headers: kunshan });
    expect(evidence.statusCode).toBe(200);
    expect(evidence.headers['content-type']).toBe('application/pdf');
    expect((await t.app.inject({ method: 'DELETE', url: `/api/qualifications/${id}`, headers: kunshan })).statusCode).toBe(404);
    // another county and the enterprise cannot change an officer's own record
    expect((await t.app.inject({ url: `/api/persons/${person.id}/qualifications`, headers: await t.as('gusu') })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/api/qualifications/${id}/evidence`, headers: await t.as('gusu') })).statusCode).toBe(404);
    // the officer's enterprise records its own entry about its candidate: the officer's own list does not change,
    // and the enterprise cannot read or remove the officer's entry
    // (addressed by its own candidate id: by the person id it finds nothing, so it learns no person id)
    const ent = await t.as('ent-kunshan-1');
    const candidate = await t.db
      .selectFrom('candidates as c')
      .innerJoin('accounts as a', 'a.enterprise_id', 'c.enterprise_id')
      .select('c.id')
      .where('a.username', '=', 'ent-kunshan-1')
      .where('c.person_id', '=', person.id)
      .executeTakeFirstOrThrow();
    expect((await t.app.inject({ url: `/api/persons/${person.id}/qualifications`, headers: ent })).statusCode).toBe(404);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/persons/${person.id}/qualifications`,
          headers: ent,
          payload: { kind: 'title', name: '企业登记的职称' },
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/candidates/${candidate.id}/qualifications`,
          headers: ent,
          payload: { kind: 'title', name: '企业登记的职称' },
        })
      ).statusCode,
    ).toBe(201);
    const own = await t.app.inject({ url: `/api/persons/${person.id}/qualifications`, headers: officer });
    expect(own.json().items.map((q: { name: string }) => q.name)).toEqual(['高级工程师（质量）']);
    expect((await t.app.inject({ url: `/api/candidates/${candidate.id}/qualifications`, headers: officer })).statusCode).toBe(404);
    const entView = await t.app.inject({ url: `/api/candidates/${candidate.id}/qualifications`, headers: ent });
    expect(entView.json().items.map((q: { name: string }) => q.name)).toEqual(['企业登记的职称']);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/qualifications/${id}`, headers: ent })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/api/qualifications/${id}/evidence`, headers: ent })).statusCode).toBe(404);

    expect((await t.app.inject({ method: 'DELETE', url: `/api/qualifications/${id}`, headers: officer })).statusCode).toBe(200);
  });

  it('an enterprise records them for a candidate who has no account of their own', async () => {
    const ent = await t.as('ent-kunshan-1');
    const body = '32058319830303567';
    const p = await createCandidate(t, {
      enterprise: ent,
      name: '褚候选',
      idNumber: body + idNumberCheckCharacter(body),
      fields: { education: 'master', qualityYears: 9 },
    });
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/candidates/${p}/qualifications`,
      headers: ent,
      payload: { kind: 'qualification', name: '六西格玛黑带', issuer: '中国质量协会' },
    });
    expect(res.statusCode).toBe(201);
    const bad = await t.app.inject({ method: 'POST', url: `/api/candidates/${p}/qualifications`, headers: ent, payload: { kind: 'award', name: 'x' } });
    expect(bad.statusCode).toBe(400);
  });
});
