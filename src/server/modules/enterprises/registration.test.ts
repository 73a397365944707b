import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookieFrom, createTestApp, type TestApp } from '../../testing/test-app';
import { makeUscc } from '../../../domain/uscc';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ loginRatePerMinute: 1000 });
});
afterAll(async () => {
  await t.close();
});

const XRW = { 'x-requested-with': 'vitest' };
const unitId = async (code: string) => (await t.db.selectFrom('org_units').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
// each registration from its own address: the public limit (10 a minute per IP) is shared and kept in the database
let caller = 0;
const register = async (over: Record<string, unknown>) =>
  t.app.inject({
    method: 'POST',
    url: '/api/public/enterprise-registrations',
    headers: XRW,
    remoteAddress: `203.0.113.${(caller += 1)}`,
    payload: {
      uscc: makeUscc('320583', 7001),
      name: '昆山新注册科技有限公司',
      contactPerson: '张伟',
      contactPhone: '13912345678',
      orgUnitId: await unitId('320583'),
      username: 'ks-new',
      password: 'Quality@2026x',
      ...over,
    },
  });
const loginAs = async (username: string, password: string) =>
  cookieFrom((await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: XRW, payload: { username, password } })).headers['set-cookie']);

describe('enterprise self-registration', () => {
  it('proposes a new enterprise; the county completes and confirms it; the account then sees only itself', async () => {
    const res = await register({});
    expect(res.statusCode).toBe(201);
    expect(Object.keys(res.json())).toEqual(['registrationId']);
    const cookie = await loginAs('ks-new', 'Quality@2026x');
    const before = await t.app.inject({ url: '/api/enterprises/mine', headers: { cookie } });
    expect(before.json()).toMatchObject({ enterprise: null, registration: { status: 'pending' } });

    const list = await t.app.inject({ url: '/api/enterprise-registrations?status=pending', headers: await t.as('kunshan') });
    const reg = list.json().items.find((r: { uscc: string }) => r.uscc === makeUscc('320583', 7001));
    const inbox = await t.app.inject({ url: '/api/notifications', headers: await t.as('kunshan') });
    expect(inbox.json().items[0]).toMatchObject({ kind: 'registration.submitted', link: '/enterprise-registrations' });
    expect(reg).toMatchObject({ name: '昆山新注册科技有限公司', rosterEnterpriseId: null });
    expect((await t.app.inject({ url: '/api/enterprise-registrations?status=pending', headers: await t.as('gusu') })).json().items).toEqual([]);

    // the classification is missing: the bureau must complete it
    const incomplete = await t.app.inject({
      method: 'POST',
      url: `/api/enterprise-registrations/${reg.id}/confirm`,
      headers: await t.as('kunshan'),
      payload: {},
    });
    expect(incomplete.statusCode).toBe(400);
    expect(
      incomplete
        .json()
        .error.fields.map((f: { path: string }) => f.path)
        .sort(),
    ).toEqual(['industryCode', 'ownership', 'scale']);
    const wrongCounty = await t.app.inject({
      method: 'POST',
      url: `/api/enterprise-registrations/${reg.id}/confirm`,
      headers: await t.as('gusu'),
      payload: {},
    });
    expect(wrongCounty.statusCode).toBe(404);
    const ok = await t.app.inject({
      method: 'POST',
      url: `/api/enterprise-registrations/${reg.id}/confirm`,
      headers: await t.as('kunshan'),
      payload: { industryCode: '39', scale: 'small', ownership: 'private' },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().created).toBe(true);
    const again = await t.app.inject({ method: 'POST', url: `/api/enterprise-registrations/${reg.id}/confirm`, headers: await t.as('kunshan'), payload: {} });
    expect(again.statusCode).toBe(409);

    const mine = await t.app.inject({ url: '/api/enterprises/mine', headers: { cookie } });
    expect(mine.json().enterprise).toMatchObject({ uscc: makeUscc('320583', 7001), source: 'registered', industryCode: '39' });
    // an enterprise sees itself, never another
    const other = await t.db.selectFrom('enterprises').select('id').where('uscc', '!=', makeUscc('320583', 7001)).executeTakeFirstOrThrow();
    expect((await t.app.inject({ url: `/api/enterprises/${other.id}`, headers: { cookie } })).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/enterprises', headers: { cookie } })).statusCode).toBe(403);

    // it maintains its own profile; a change of its classification (规上, scale, ownership, industry) goes to the county
    const loaded = mine.json().enterprise;
    const profile = await t.app.inject({
      method: 'PUT',
      url: '/api/enterprises/mine',
      headers: { cookie, ...XRW },
      payload: {
        address: '昆山市玉山镇新路 1 号',
        contactPhone: '0512-57001234',
        industryCode: '39',
        scale: 'medium',
        ownership: 'private',
        aboveScale: false,
        version: loaded.version,
      },
    });
    expect(profile.statusCode).toBe(200);
    // the row keeps the confirmed classification until the county confirms; the contact details change at once
    expect(profile.json()).toMatchObject({ scale: 'small', address: '昆山市玉山镇新路 1 号', changeRequested: true, version: loaded.version + 1 });
    const row = await t.db.selectFrom('enterprises').select(['scale', 'above_scale']).where('id', '=', loaded.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ scale: 'small', above_scale: false });
    const stale = await t.app.inject({
      method: 'PUT',
      url: '/api/enterprises/mine',
      headers: { cookie, ...XRW },
      payload: { contactPhone: '0512-57009999', industryCode: '39', scale: 'small', ownership: 'private', aboveScale: false, version: loaded.version },
    });
    expect(stale.json()).toMatchObject({ error: { code: 'VERSION_CONFLICT', current: loaded.version + 1 } });
    const badPhone = await t.app.inject({
      method: 'PUT',
      url: '/api/enterprises/mine',
      headers: { cookie, ...XRW },
      payload: { contactPhone: '12', industryCode: '39', scale: 'medium', ownership: 'private', aboveScale: false, version: loaded.version + 1 },
    });
    expect(badPhone.statusCode).toBe(400);
    expect(badPhone.json().error.fields[0].path).toBe('contactPhone');
    const classification = (await t.app.inject({ url: '/api/enterprise-change-requests?status=pending', headers: await t.as('kunshan') })).json();
    expect(classification).toHaveLength(1);
    expect(classification[0]).toMatchObject({ enterpriseId: loaded.id, changes: { scale: 'medium' } });
    expect(
      (await t.app.inject({ method: 'POST', url: `/api/enterprise-change-requests/${classification[0].id}/confirm`, headers: await t.as('gusu') })).statusCode,
    ).toBe(404);
    expect((await t.db.selectFrom('enterprises').select('scale').where('id', '=', loaded.id).executeTakeFirstOrThrow()).scale).toBe('small');
    expect(
      (await t.app.inject({ method: 'POST', url: `/api/enterprise-change-requests/${classification[0].id}/confirm`, headers: await t.as('kunshan') }))
        .statusCode,
    ).toBe(200);
    const confirmed = await t.db.selectFrom('enterprises').select(['scale', 'version']).where('id', '=', loaded.id).executeTakeFirstOrThrow();
    expect(confirmed).toEqual({ scale: 'medium', version: loaded.version + 2 });
    const history = await t.db
      .selectFrom('enterprise_changes')
      .select('changes')
      .where('enterprise_id', '=', loaded.id)
      .where('kind', '=', 'change_request')
      .execute();
    expect(history.map((h) => h.changes)).toEqual([{ scale: ['small', 'medium'] }]);

    // its name needs the bureau too
    const rename = await t.app.inject({
      method: 'POST',
      url: '/api/enterprises/mine/change-requests',
      headers: { cookie, ...XRW },
      payload: { name: '昆山更名科技有限公司', reason: '工商变更登记' },
    });
    expect(rename.statusCode).toBe(201);
    const twice = await t.app.inject({
      method: 'POST',
      url: '/api/enterprises/mine/change-requests',
      headers: { cookie, ...XRW },
      payload: { name: '再改名有限公司', reason: '再改' },
    });
    expect(twice.statusCode).toBe(409);
    const requests = await t.app.inject({ url: '/api/enterprise-change-requests?status=pending', headers: await t.as('kunshan') });
    expect(requests.json()).toHaveLength(1);
    expect(
      (await t.app.inject({ method: 'POST', url: `/api/enterprise-change-requests/${requests.json()[0].id}/confirm`, headers: await t.as('gusu') })).statusCode,
    ).toBe(404);
    expect(
      (await t.app.inject({ method: 'POST', url: `/api/enterprise-change-requests/${requests.json()[0].id}/confirm`, headers: await t.as('kunshan') }))
        .statusCode,
    ).toBe(200);
    const renamed = await t.app.inject({ url: '/api/enterprises/mine', headers: { cookie } });
    expect(renamed.json().enterprise.name).toBe('昆山更名科技有限公司');
    expect(renamed.json().changeRequest).toMatchObject({ status: 'confirmed', changes: { name: '昆山更名科技有限公司' } });
  });

  it('links a USCC already in the roster; a second request for it is answered alike and refused when the bureau picks', async () => {
    const rostered = await t.db
      .selectFrom('enterprises as e')
      .innerJoin('org_units as o', 'o.id', 'e.org_unit_id')
      .select(['e.id', 'e.uscc'])
      .where('o.code', '=', '320508')
      .orderBy('e.id')
      .executeTakeFirstOrThrow();
    const res = await register({ uscc: rostered.uscc, username: 'gs-linked', orgUnitId: await unitId('320508') });
    expect(res.statusCode).toBe(201);
    expect(Object.keys(res.json())).toEqual(['registrationId']);
    const dup = await register({ uscc: rostered.uscc, username: 'gs-linked2', orgUnitId: await unitId('320508') });
    expect(dup.statusCode).toBe(201);
    const list = await t.app.inject({ url: '/api/enterprise-registrations?status=pending', headers: await t.as('gusu') });
    const regs = list.json().items.filter((r: { uscc: string }) => r.uscc === rostered.uscc);
    expect(regs).toHaveLength(2);
    const reg = regs.find((r: { username: string }) => r.username === 'gs-linked');
    expect(reg).toMatchObject({ rosterEnterpriseId: rostered.id, rosterHasAccount: false, samePending: 1 });
    const ok = await t.app.inject({ method: 'POST', url: `/api/enterprise-registrations/${reg.id}/confirm`, headers: await t.as('gusu'), payload: {} });
    expect(ok.json()).toEqual({ enterpriseId: rostered.id, created: false });
    const other = await t.db
      .selectFrom('enterprise_registrations')
      .select(['status', 'reason'])
      .where('account_id', '=', (await t.db.selectFrom('accounts').select('id').where('username', '=', 'gs-linked2').executeTakeFirstOrThrow()).id)
      .executeTakeFirstOrThrow();
    expect(other).toEqual({ status: 'refused', reason: '主管局已确认该企业的另一份注册申请' });
    // now that it has an account, a stranger's request is still answered alike (and the bureau will see it)
    const after = await register({ uscc: rostered.uscc, username: 'gs-linked3', orgUnitId: await unitId('320508') });
    expect(after.statusCode).toBe(201);
    expect(Object.keys(after.json())).toEqual(['registrationId']);
    const third = (await t.app.inject({ url: '/api/enterprise-registrations?status=pending', headers: await t.as('gusu') }))
      .json()
      .items.find((r: { username: string }) => r.username === 'gs-linked3');
    expect(third).toMatchObject({ rosterHasAccount: true });
    const refused = await t.app.inject({ method: 'POST', url: `/api/enterprise-registrations/${third.id}/confirm`, headers: await t.as('gusu'), payload: {} });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain('已有启用的企业账户');
  });

  it('answers a USCC with an account exactly as a new one, and a stranger cannot block the real enterprise', async () => {
    const withAccount = await t.db
      .selectFrom('enterprises as e')
      .innerJoin('accounts as a', 'a.enterprise_id', 'e.id')
      .innerJoin('org_units as o', 'o.id', 'e.org_unit_id')
      .select(['e.uscc', 'o.id as unit'])
      .where('a.username', '=', 'ent-kunshan-1')
      .executeTakeFirstOrThrow();
    const known = await register({ uscc: withAccount.uscc, username: 'stranger-1', orgUnitId: withAccount.unit });
    const fresh = await register({ uscc: makeUscc('320583', 7010), username: 'stranger-2', orgUnitId: withAccount.unit });
    expect([known.statusCode, fresh.statusCode]).toEqual([201, 201]);
    expect(Object.keys(known.json())).toEqual(Object.keys(fresh.json()));
    // the stranger's pending request for a new USCC does not stop the real enterprise from registering
    const real = await register({ uscc: makeUscc('320583', 7010), username: 'real-owner', orgUnitId: withAccount.unit });
    expect(real.statusCode).toBe(201);
  });

  it('refuses with a reason the enterprise can read, and the account sees no enterprise data', async () => {
    await register({ uscc: makeUscc('320583', 7002), username: 'ks-refused' });
    const list = await t.app.inject({ url: '/api/enterprise-registrations?status=pending', headers: await t.as('kunshan') });
    const reg = list.json().items.find((r: { uscc: string }) => r.uscc === makeUscc('320583', 7002));
    const noReason = await t.app.inject({
      method: 'POST',
      url: `/api/enterprise-registrations/${reg.id}/refuse`,
      headers: await t.as('kunshan'),
      payload: { reason: '' },
    });
    expect(noReason.statusCode).toBe(400);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/enterprise-registrations/${reg.id}/refuse`,
      headers: await t.as('kunshan'),
      payload: { reason: '非本辖区企业' },
    });
    expect(res.statusCode).toBe(200);
    const cookie = await loginAs('ks-refused', 'Quality@2026x');
    const mine = await t.app.inject({ url: '/api/enterprises/mine', headers: { cookie } });
    expect(mine.json()).toMatchObject({ enterprise: null, registration: { status: 'refused', reason: '非本辖区企业' } });
    expect((await t.app.inject({ url: '/api/enterprises', headers: { cookie } })).statusCode).toBe(403);
  });

  it('validates every field in Chinese', async () => {
    const res = await register({ uscc: '123', contactPhone: '1', password: 'weak', username: '9x', orgUnitId: await unitId('320000') });
    expect(res.statusCode).toBe(400);
    expect([...new Set(res.json().error.fields.map((f: { path: string }) => f.path))].sort()).toEqual(['contactPhone', 'uscc', 'username']);
    const weak = await register({ uscc: makeUscc('320583', 7003), username: 'ks-weak', password: 'password' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.fields[0].path).toBe('password');
    const province = await register({ uscc: makeUscc('320583', 7004), username: 'ks-prov', orgUnitId: await unitId('320000') });
    expect(province.statusCode).toBe(400);
    expect(province.json().error.fields[0].path).toBe('orgUnitId');
  });
});
