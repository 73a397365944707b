import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberCheckCharacter } from '../../../domain/id-number';
import { cookieFrom, createTestApp, type TestApp } from '../../testing/test-app';
import { dayFromToday } from '../../testing/dates';
import { createCandidate } from '../../testing/factories';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ loginRatePerMinute: 1000 });
});
afterAll(async () => {
  await t.close();
});

const XRW = { 'x-requested-with': 'vitest' };
const idNumber = (body: string) => body + idNumberCheckCharacter(body);
const register = (over: Record<string, unknown>) =>
  t.app.inject({
    method: 'POST',
    url: '/api/public/officer-registrations',
    headers: XRW,
    payload: { name: '孙新人', idNumber: idNumber('32050819910909321'), phone: '13800001111', username: 'sun-officer', password: 'Officer#2026ok', ...over },
  });
const login = async (username: string, password: string) =>
  cookieFrom((await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: XRW, payload: { username, password } })).headers['set-cookie']);

describe('officer accounts', () => {
  it('a person registers, waits for the bureau to confirm the identity, then sees their own full ID number', async () => {
    const res = await register({});
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({ identityStatus: 'pending' });
    // a second registration with the same number gets the same answer (and one more pending request), never a link
    const again = await register({ username: 'sun-again' });
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(res.json());
    const cookie = await login('sun-officer', 'Officer#2026ok');
    expect((await t.app.inject({ url: '/api/officers/me', headers: { cookie } })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/api/officers/me/identity', headers: { cookie } })).json()).toMatchObject({ status: 'pending' });
    // not linked yet: no person of its own to change either
    expect(
      (
        await t.app.inject({
          method: 'PUT',
          url: '/api/officers/me',
          headers: { cookie, ...XRW },
          payload: { education: 'master', qualityYears: 9, positionTitle: '质量总监', positionLevel: 'manager' },
        })
      ).statusCode,
    ).toBe(404);
    // a new ID number is decided by the province (no appointment, no inviting enterprise)
    const requests = (await t.app.inject({ url: '/api/identity/link-requests', headers: await t.as('province') })).json() as { id: number; username: string }[];
    const mine = requests.find((r) => r.username === 'sun-officer');
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/identity/link-requests/${mine?.id ?? 0}/confirm`,
          headers: await t.as('province'),
          payload: { note: '已核对身份证原件' },
        })
      ).statusCode,
    ).toBe(200);
    const me = await t.app.inject({ url: '/api/officers/me', headers: { cookie } });
    expect(me.json().person).toMatchObject({
      name: '孙新人',
      idNumber: idNumber('32050819910909321'),
      idNumberMasked: expect.stringContaining('**********') as unknown,
    });
    const update = await t.app.inject({
      method: 'PUT',
      url: '/api/officers/me',
      headers: { cookie, ...XRW },
      payload: { education: 'master', qualityYears: 9, positionTitle: '质量总监', positionLevel: 'manager' },
    });
    expect(update.statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/officers/me', headers: { cookie } })).json().person).toMatchObject({
      education: 'master',
      qualityYears: 9,
      positionTitle: '质量总监',
    });
    // not an enterprise or bureau route
    expect((await t.app.inject({ url: '/api/enterprises', headers: { cookie } })).statusCode).toBe(403);
  });

  it('never joins a record an enterprise made by itself, and says nothing about the record', async () => {
    const ent = await t.as('ent-kunshan-1');
    const id = idNumber('32058319820202456');
    const person = await createCandidate(t, { enterprise: ent, name: '钱拟任', idNumber: id, fields: { qualityYears: 6 } });
    // someone who knows the name and the number cannot take the record over
    const takeover = await register({ name: '钱拟任', idNumber: id, username: 'qian-officer' });
    expect(takeover.statusCode).toBe(201);
    const wrongName = await register({ name: '钱别人', idNumber: id, username: 'qian-wrong' });
    const registered = await register({ name: '孙新人', idNumber: idNumber('32050819910909321'), username: 'sun-again2' });
    const fresh = await register({ name: '全新人', idNumber: idNumber('32050819920909321'), username: 'fresh-one' });
    // the same answer whether the name is right, wrong, the number already has an account, or is new
    for (const r of [wrongName, registered, fresh]) expect(r.json()).toEqual(takeover.json());
    expect(
      (
        await t.db
          .selectFrom('persons as p')
          .innerJoin('candidates as c', 'c.person_id', 'p.id')
          .select('p.account_id')
          .where('c.id', '=', person)
          .executeTakeFirstOrThrow()
      ).account_id,
    ).toBeNull();
  });

  it('the demo officer sees the active appointment and its proof', async () => {
    const cookie = await login('officer-kunshan-1', 'Cqo@2026demo');
    const me = await t.app.inject({ url: '/api/officers/me', headers: { cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json().filings[0]).toMatchObject({ status: 'active' });
    expect(me.json().certificates).toContainEqual(expect.objectContaining({ kind: 'filing_proof', status: 'valid' }));
  });

  it('validates in Chinese', async () => {
    const res = await register({ idNumber: '320508910909321', username: 'x' });
    expect(res.statusCode).toBe(400);
    const paths = res.json().error.fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['idNumber', 'username']));
    expect(res.json().error.message).toContain('15 位');
  });
});

describe('invitations', () => {
  it('an enterprise invites a candidate; the link works once, and only names the enterprise to the bureau, which decides', async () => {
    const ent = await t.as('ent-kunshan-1');
    const id = idNumber('32058319840404789');
    const person = await createCandidate(t, { enterprise: ent, name: '蒋受邀', idNumber: id, fields: { qualityYears: 8 } });
    const invite = await t.app.inject({ method: 'POST', url: `/api/candidates/${person}/invitations`, headers: ent });
    expect(invite.statusCode).toBe(201);
    const token = new URL(invite.json().url as string).searchParams.get('invite') ?? '';
    const info = await t.app.inject({ url: `/api/public/officer-invitations/${token}` });
    expect(info.json()).toMatchObject({ personName: '蒋*邀' });

    // another ID number with the token: the invitation is not used, and the answer is the same
    const wrongPerson = await register({ name: '孙新人', idNumber: idNumber('32050819910909321'), username: 'jiang-wrong', inviteToken: token });
    expect(wrongPerson.statusCode).toBe(201);
    expect((await t.app.inject({ url: `/api/public/officer-invitations/${token}` })).statusCode).toBe(200);
    const ok = await register({ name: '蒋受邀', idNumber: id, username: 'jiang-invited', inviteToken: token });
    expect(ok.json()).toEqual({ identityStatus: 'pending' });
    expect((await t.app.inject({ url: `/api/public/officer-invitations/${token}` })).statusCode).toBe(410);
    const { person_id: personId } = await t.db.selectFrom('candidates').select('person_id').where('id', '=', person).executeTakeFirstOrThrow();
    expect((await t.db.selectFrom('persons').select('account_id').where('id', '=', personId).executeTakeFirstOrThrow()).account_id).toBeNull();
    // the county of the inviting enterprise confirms: only then is the account the person's
    const kunshan = await t.as('kunshan');
    const requests = (await t.app.inject({ url: '/api/identity/link-requests', headers: kunshan })).json() as {
      id: number;
      username: string;
      source: string;
    }[];
    const req = requests.find((r) => r.username === 'jiang-invited');
    expect(req).toMatchObject({ source: 'invitation' });
    expect(requests.find((r) => r.username === 'jiang-wrong')).toBeUndefined();
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/identity/link-requests/${req?.id ?? 0}/confirm`,
          headers: kunshan,
          payload: { note: '已核对企业聘任文件' },
        })
      ).json(),
    ).toEqual({ personId });
  });
});

describe('an officer and their filings', () => {
  it('reads the filings that name them and downloads the proof, never others', async () => {
    const cookie = await login('officer-kunshan-1', 'Cqo@2026demo');
    const list = await t.app.inject({ url: '/api/filings', headers: { cookie } });
    expect(list.json().total).toBeGreaterThan(0);
    const mine = list.json().items[0] as { id: number; personName: string };
    expect(mine.personName).toBe('陈质量');
    expect((await t.app.inject({ url: `/api/filings/${mine.id}/proof.pdf`, headers: { cookie } })).headers['content-type']).toBe('application/pdf');
    const other = await t.db
      .selectFrom('filings as f')
      .innerJoin('persons as p', 'p.id', 'f.person_id')
      .select('f.id')
      .where('p.name', '!=', '陈质量')
      .executeTakeFirstOrThrow();
    expect((await t.app.inject({ url: `/api/filings/${other.id}`, headers: { cookie } })).statusCode).toBe(404);
    // and cannot act on them
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/filings/${mine.id}/end`,
          headers: { cookie, ...XRW },
          payload: { kind: 'resignation', cause: 'voluntary', reason: '自行辞任', date: dayFromToday(25) },
        })
      ).statusCode,
    ).toBe(403);
  });
});

describe('being recorded by an enterprise', () => {
  it('a person with an account is told when an enterprise records them as a candidate', async () => {
    const cookie = await login('sun-officer', 'Officer#2026ok');
    const before = (await t.app.inject({ url: '/api/notifications', headers: { cookie } })).json().total as number;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/candidates',
      headers: await t.as('ent-kunshan-1'),
      payload: {
        name: '孙新人',
        idNumber: idNumber('32050819910909321'),
        education: 'bachelor',
        qualityYears: 5,
        positionTitle: '质量总监',
        positionLevel: 'manager',
      },
    });
    expect(res.statusCode).toBe(201);
    const inbox = await t.app.inject({ url: '/api/notifications', headers: { cookie } });
    expect(inbox.json().total).toBe(before + 1);
    expect(inbox.json().items[0]).toMatchObject({ kind: 'candidate.linked' });
    const audit = await t.db.selectFrom('audit_events').select('action').where('action', '=', 'candidate.record').execute();
    expect(audit.length).toBeGreaterThan(0);
  });
});
