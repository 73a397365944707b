import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberCheckCharacter } from '../../../domain/id-number';
import * as m0023 from '../../db/migrations/0023_person_identity';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { linkByVerifiedIdentity } from './links';
import { clock } from '../../clock';
import { STORED } from '../../testing/profile';
import { expectStatus } from '../../testing/http';
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
const facts = { education: 'bachelor', qualityYears: 8, positionTitle: '质量总监', positionLevel: 'manager' };
const register = (payload: Record<string, unknown>) =>
  t.app.inject({
    method: 'POST',
    url: '/api/public/officer-registrations',
    headers: XRW,
    payload: { phone: '13800002222', password: 'Officer#2026ok', ...payload },
  });
const call = async (username: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: Record<string, unknown>) =>
  t.app.inject({ method, url, headers: await t.as(username), ...(payload === undefined ? {} : { payload }) });
/** The keys of a JSON body, recursively, with the type of each leaf: equal shapes, whatever the values. */
const shape = (v: unknown): unknown =>
  Array.isArray(v) ? v.map(shape) : v !== null && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, shape(x)])) : typeof v;

/** An active CQO of 姑苏 (another county than the attacker's) who keeps no account yet, with their ID number. */
async function victim() {
  const row = await t.db
    .selectFrom('filings as f')
    .innerJoin('persons as p', 'p.id', 'f.person_id')
    .innerJoin('org_units as o', 'o.id', 'f.org_unit_id')
    .select(['p.id', 'p.name', 'p.id_number_enc', 'f.id as filingId'])
    .where('f.status', '=', 'active')
    .where('o.code', '=', '320508')
    .where('p.account_id', 'is', null)
    .orderBy('f.id')
    .executeTakeFirstOrThrow();
  return { ...row, idNumber: t.ctx.crypto.decrypt(row.id_number_enc) };
}

describe('the takeover sequence gives the attacker nothing', () => {
  let attackerRequest = 0;

  it('add a known person → invite → register: no existence answer, no link, no names', async () => {
    const v = await victim();
    const ent = await t.as('ent-kunshan-1');
    // adding the victim, a new person, and the victim under a wrong name: one neutral answer
    const known = await t.app.inject({ method: 'POST', url: '/api/candidates', headers: ent, payload: { name: v.name, idNumber: v.idNumber, ...facts } });
    const fresh = await t.app.inject({
      method: 'POST',
      url: '/api/candidates',
      headers: ent,
      payload: { name: '全新人', idNumber: idNumber('32058319930303123'), ...facts },
    });
    const wrongName = await t.app.inject({ method: 'POST', url: '/api/candidates', headers: ent, payload: { name: '冒名者', idNumber: v.idNumber, ...facts } });
    for (const res of [known, fresh, wrongName]) expect(res.statusCode).toBe(201);
    expect(shape(known.json())).toEqual(shape(fresh.json()));
    expect(shape(wrongName.json())).toEqual(shape(fresh.json()));
    expect(Object.keys(known.json() as object)).toEqual(['id']);
    // the candidate list shows the enterprise's own typing, never the name on file
    const list = (await t.app.inject({ url: '/api/candidates', headers: ent })).json() as { id: number; name: string }[];
    expect(known.json().id).toBe(wrongName.json().id); // the same candidate row of this enterprise, typed again
    expect(list.find((c) => c.id === known.json().id)?.name).toBe('冒名者');
    expect(JSON.stringify(list)).not.toContain('hasAccount');

    const invite = await t.app.inject({ method: 'POST', url: `/api/candidates/${String(known.json().id)}/invitations`, headers: ent });
    expect(invite.statusCode).toBe(201);
    const token = new URL(invite.json().url as string).searchParams.get('invite') ?? '';
    const info = await t.app.inject({ url: `/api/public/officer-invitations/${token}` });
    expect(info.json().personName).toBe('冒*者');

    const attacker = await register({ name: v.name, idNumber: v.idNumber, username: 'attacker-1', inviteToken: token });
    const stranger = await register({ name: '陌生人', idNumber: idNumber('32050819950505123'), username: 'stranger-1' });
    expect(attacker.statusCode).toBe(201);
    expect(stranger.statusCode).toBe(201);
    expect(attacker.json()).toEqual(stranger.json());
    expect(attacker.json()).toEqual({ identityStatus: 'pending' });

    // no link, and the account sees nothing of the victim
    expect((await t.db.selectFrom('persons').select('account_id').where('id', '=', v.id).executeTakeFirstOrThrow()).account_id).toBeNull();
    expect((await call('attacker-1', 'GET', '/api/officers/me')).statusCode).toBe(404);
    expect((await call('attacker-1', 'GET', '/api/officers/me/identity')).json()).toMatchObject({ status: 'pending', request: { name: v.name } });
    expect((await call('attacker-1', 'GET', '/api/filings')).json().total).toBe(0);
    expect((await call('attacker-1', 'GET', `/api/filings/${v.filingId}`)).statusCode).toBe(404);
    expect((await call('attacker-1', 'GET', '/api/duty-records')).json().total).toBe(0);
    expect(
      (
        await call('attacker-1', 'POST', '/api/duty-records', {
          filingId: v.filingId,
          kind: 'management_meeting',
          title: '冒名履职',
          description: '冒名登记的履职记录',
          occurredOn: clock.today(),
        })
      ).statusCode,
    ).toBe(409);
    // and no names of other people: mention search and member lists are refused until the identity is linked
    const board = await t.db.selectFrom('community_boards').select('id').where('name', '=', '政策解读').executeTakeFirstOrThrow();
    const mention = await call('attacker-1', 'GET', `/api/community/boards/${board.id}/mentionable?q=${encodeURIComponent('王')}`);
    expect(mention.statusCode).toBe(403);
    expect(mention.body).not.toContain(v.name);
    const org = await t.db.selectFrom('community_organisations').select('id').orderBy('id').executeTakeFirstOrThrow();
    expect((await call('attacker-1', 'GET', `/api/community/organisations/${org.id}/members`)).statusCode).toBe(403);
    // the unlinked account still reads public boards
    expect((await call('attacker-1', 'GET', `/api/community/boards/${board.id}/threads`)).statusCode).toBe(200);

    // the request went to the bureau of the victim's appointment, naming the inviting enterprise
    const pending = (await call('gusu', 'GET', '/api/identity/link-requests')).json() as {
      id: number;
      username: string;
      invitingEnterprise: string | null;
      nameMatches: boolean;
      filings: { id: number }[];
    }[];
    const req = pending.find((r) => r.username === 'attacker-1');
    expect(req).toMatchObject({ invitingEnterprise: expect.any(String) as unknown, nameMatches: true });
    expect(req?.filings.map((f) => f.id)).toContain(v.filingId);
    attackerRequest = req?.id ?? 0;
    // another county neither sees nor decides it
    expect(((await call('kunshan', 'GET', '/api/identity/link-requests')).json() as { id: number }[]).map((r) => r.id)).not.toContain(attackerRequest);
    expect((await call('kunshan', 'POST', `/api/identity/link-requests/${attackerRequest}/confirm`, { note: '已核对聘任文件' })).statusCode).toBe(404);
    expect((await call('ent-kunshan-1', 'POST', `/api/identity/link-requests/${attackerRequest}/confirm`, { note: '已核对聘任文件' })).statusCode).toBe(403);
  });

  it('the real person can still register and, once the bureau confirms, is linked; the attacker never is', async () => {
    const v = await victim().catch(() => null);
    const person = v ?? (await t.db.selectFrom('persons').select(['id', 'name', 'id_number_enc']).where('account_id', 'is', null).executeTakeFirstOrThrow());
    const realId = t.ctx.crypto.decrypt(person.id_number_enc);
    const real = await register({ name: person.name, idNumber: realId, username: 'real-person' });
    expect(real.json()).toEqual({ identityStatus: 'pending' });
    const pending = (await call('gusu', 'GET', '/api/identity/link-requests')).json() as { id: number; username: string }[];
    const mine = pending.find((r) => r.username === 'real-person');
    expect(mine).toBeDefined();
    const confirmed = await call('gusu', 'POST', `/api/identity/link-requests/${mine?.id ?? 0}/confirm`, { note: '已核对企业聘任文件及身份证原件' });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json()).toEqual({ personId: person.id });
    expect((await call('real-person', 'GET', '/api/officers/me/identity')).json()).toMatchObject({ status: 'linked' });
    const me = await call('real-person', 'GET', '/api/officers/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().filings[0]).toMatchObject({ status: 'active' });
    // the attacker's request can no longer be confirmed onto that person, and is refused with a reason
    expect((await call('gusu', 'POST', `/api/identity/link-requests/${attackerRequest}/confirm`, { note: '已核对' })).statusCode).toBe(409);
    expect((await call('gusu', 'POST', `/api/identity/link-requests/${attackerRequest}/refuse`, { note: '邀请企业与在任企业不符' })).statusCode).toBe(200);
    expect((await call('gusu', 'POST', `/api/identity/link-requests/${attackerRequest}/refuse`, { note: '重复' })).statusCode).toBe(409);
    expect((await call('attacker-1', 'GET', '/api/officers/me/identity')).json()).toMatchObject({
      status: 'refused',
      request: { decisionNote: '邀请企业与在任企业不符' },
    });
    // the link shows in the bureau's list of recent links, confirmed by the bureau
    const links = (await call('gusu', 'GET', '/api/identity/links')).json() as { personId: number; username: string; basis: string }[];
    expect(links.find((l) => l.personId === person.id)).toMatchObject({ username: 'real-person', basis: 'bureau' });
    const audit = await t.db.selectFrom('audit_events').select('action').where('action', 'in', ['identity.link.confirm', 'identity.link.refuse']).execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['identity.link.confirm', 'identity.link.refuse']);
  });

  it('a bureau undoes a suspicious link (audited); another county cannot', async () => {
    const linked = await t.db
      .selectFrom('persons as p')
      .innerJoin('accounts as a', 'a.id', 'p.account_id')
      .select('p.id')
      .where('a.username', '=', 'real-person')
      .executeTakeFirstOrThrow();
    expect((await call('kunshan', 'POST', `/api/identity/links/${linked.id}/revoke`, { note: '可疑关联' })).statusCode).toBe(404);
    expect((await call('gusu', 'POST', `/api/identity/links/${linked.id}/revoke`, { note: '经核实关联有误' })).statusCode).toBe(200);
    expect((await t.db.selectFrom('persons').select('account_id').where('id', '=', linked.id).executeTakeFirstOrThrow()).account_id).toBeNull();
    expect((await call('real-person', 'GET', '/api/officers/me')).statusCode).toBe(404);
    expect((await call('gusu', 'POST', `/api/identity/links/${linked.id}/revoke`, { note: '再次撤销' })).statusCode).toBe(409);
    const audit = await t.db.selectFrom('audit_events').select('details').where('action', '=', 'identity.link.revoke').executeTakeFirstOrThrow();
    expect(audit.details).toMatchObject({ reason: '经核实关联有误', basis: 'bureau' });
  });

  it('a verified real-name identity links through linkByVerifiedIdentity, closing the pending request', async () => {
    const id = idNumber('32050819880808123');
    expect((await register({ name: '实名人', idNumber: id, username: 'verified-1' })).statusCode).toBe(201);
    const account = await t.db.selectFrom('accounts').select('id').where('username', '=', 'verified-1').executeTakeFirstOrThrow();
    const personId = await t.db
      .transaction()
      .execute((trx) => linkByVerifiedIdentity(trx, t.ctx.crypto, { accountId: account.id, idNumber: id, name: '实名人', provider: '江苏政务服务网实名认证' }));
    const row = await t.db
      .selectFrom('persons')
      .select(['account_id', 'account_link_basis', 'name', 'id_number_enc', 'id_number_hash'])
      .where('id', '=', personId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ account_id: account.id, account_link_basis: 'verified_identity', name: '实名人' });
    const req = await t.db
      .selectFrom('person_link_requests')
      .select(['status', 'id_number_enc', 'id_number_hash'])
      .where('account_id', '=', account.id)
      .executeTakeFirstOrThrow();
    expect(req.status).toBe('confirmed');
    // the person and the request hold the number in the profile's forms (SM4 and HMAC-SM3 under CQO_CRYPTO_PROFILE=gm)
    for (const stored of [row, req]) {
      expect(stored.id_number_enc).toMatch(STORED.envelope);
      expect(stored.id_number_hash).toMatch(STORED.lookupHash);
      expect(t.ctx.crypto.decrypt(stored.id_number_enc)).toBe(id);
    }
  });
});

describe('candidate data belongs to each enterprise', () => {
  it('enterprise B’s edit of its candidate data does not change enterprise A’s candidate, filing or eligibility', async () => {
    const a = await t.as('ent-kunshan-1');
    const id = idNumber('32058319850505222');
    const p = await createCandidate(t, { enterprise: a, name: '共用人', idNumber: id, fields: { ...facts, education: 'master', qualityYears: 10 } });
    const draft = await t.app.inject({
      method: 'POST',
      url: '/api/filings',
      headers: a,
      payload: { candidateId: p, appointmentDate: clock.today(), reportsToGeneralManager: true, vetoRight: true },
    });
    expect(draft.statusCode).toBe(201);
    const filingId = draft.json().id as number;
    const before = (await t.app.inject({ url: `/api/filings/${filingId}`, headers: a })).json();
    expect(before.person).toMatchObject({ education: 'master', qualityYears: 10 });

    const other = await t.db
      .selectFrom('enterprises as e')
      .innerJoin('org_units as o', 'o.id', 'e.org_unit_id')
      .select(['e.id', 'e.org_unit_id'])
      .where('o.code', '=', '320508')
      .orderBy('e.id', 'desc')
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto('accounts')
      .values({
        username: 'ent-b',
        display_name: '企业B',
        role: 'enterprise',
        org_unit_id: other.org_unit_id,
        enterprise_id: other.id,
        password_hash: 'x',
        must_change_password: false,
      })
      .execute();
    const b = await t.as('ent-b');
    const added = expectStatus(
      await t.app.inject({
        method: 'POST',
        url: '/api/candidates',
        headers: b,
        payload: { name: '共用人', idNumber: id, ...facts, education: 'secondary', qualityYears: 1 },
      }),
      201,
    );
    // B gets its own candidate id for the same person, not A's and not the person's
    const pb = added.json().id as number;
    expect(pb).not.toBe(p);
    expect(
      (
        await t.app.inject({
          method: 'PUT',
          url: `/api/candidates/${pb}`,
          headers: b,
          payload: { phone: '13900009999', education: 'doctor', qualityYears: 30, positionTitle: '总经理', positionLevel: 'generalManager', version: 1 },
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (await t.app.inject({ method: 'POST', url: `/api/candidates/${p}/qualifications`, headers: b, payload: { kind: 'title', name: 'A 的编号' } })).statusCode,
    ).toBe(404);
    expect(
      (await t.app.inject({ method: 'POST', url: `/api/candidates/${pb}/qualifications`, headers: b, payload: { kind: 'title', name: '企业B写的职称' } }))
        .statusCode,
    ).toBe(201);

    const listA = (await t.app.inject({ url: '/api/candidates', headers: a })).json() as {
      id: number;
      education: string;
      qualityYears: number;
      phone: string | null;
    }[];
    expect(listA.find((c) => c.id === p)).toMatchObject({ education: 'master', qualityYears: 10, phone: null });
    const qualsA = (await t.app.inject({ url: `/api/candidates/${p}/qualifications`, headers: a })).json();
    expect(qualsA.items).toEqual([]);
    const after = (await t.app.inject({ url: `/api/filings/${filingId}`, headers: a })).json();
    expect(after.person).toEqual(before.person);
    expect(after.eligibility).toEqual(before.eligibility);
    expect(after.candidate).toMatchObject({ education: 'master', qualityYears: 10, nameMismatch: false });
    expectStatus(await t.app.inject({ method: 'POST', url: `/api/filings/${filingId}/withdraw`, headers: a }), 200);
    // B's data is B's
    const listB = (await t.app.inject({ url: '/api/candidates', headers: b })).json() as { id: number; education: string; qualityYears: number }[];
    expect(listB.find((c) => c.id === pb)).toMatchObject({ education: 'doctor', qualityYears: 30 });
  });
});

describe('migration 0023', () => {
  it('keeps existing links as confirmed (migrated) and copies candidate data from the person record', async () => {
    const officer = await t.db
      .selectFrom('persons as p')
      .innerJoin('accounts as a', 'a.id', 'p.account_id')
      .select(['p.id', 'p.education'])
      .where('a.username', '=', 'officer-kunshan-1')
      .executeTakeFirstOrThrow();
    // run the migration's down and up on this database: the link survives, marked migrated
    await t.db.deleteFrom('person_link_requests').execute();
    const raw = t.db as unknown as Kysely<unknown>;
    await m0023.down(raw);
    await m0023.up(raw);
    const row = await t.db.selectFrom('persons').select(['account_id', 'account_link_basis']).where('id', '=', officer.id).executeTakeFirstOrThrow();
    expect(row.account_id).not.toBeNull();
    expect(row.account_link_basis).toBe('migrated');
    const candidate = await t.db.selectFrom('candidates').select(['education', 'name']).where('person_id', '=', officer.id).executeTakeFirstOrThrow();
    expect(candidate.education).toBe(officer.education);
    const snapshot = await t.db.selectFrom('filings').select('candidate_snapshot').where('person_id', '=', officer.id).executeTakeFirstOrThrow();
    expect(snapshot.candidate_snapshot).toMatchObject({ education: officer.education });
  });
});
