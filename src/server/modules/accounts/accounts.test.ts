import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const idOf = async (username: string) => (await t.db.selectFrom('accounts').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
const unitOf = async (code: string) => (await t.db.selectFrom('org_units').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;

describe('data scope', () => {
  it('a county admin cannot read or change an account of another county (404, nothing changed)', async () => {
    const xuanwu = await t.as('xuanwu');
    const gusu = await idOf('gusu');
    expect((await t.app.inject({ url: `/api/accounts/${gusu}`, headers: xuanwu })).statusCode).toBe(404);
    const patch = await t.app.inject({ method: 'PATCH', url: `/api/accounts/${gusu}`, headers: xuanwu, payload: { displayName: '被篡改' } });
    expect(patch.statusCode).toBe(404);
    const disable = await t.app.inject({ method: 'POST', url: `/api/accounts/${gusu}/disable`, headers: xuanwu });
    expect(disable.statusCode).toBe(404);
    const row = await t.db.selectFrom('accounts').select(['display_name', 'status']).where('id', '=', gusu).executeTakeFirstOrThrow();
    expect(row).toEqual({ display_name: '姑苏区市场监管局', status: 'active' });
  });

  it('a city admin sees its city and counties only, never another city', async () => {
    const nanjing = await t.as('nanjing');
    const list = await t.app.inject({ url: '/api/accounts?pageSize=200', headers: nanjing });
    expect(list.statusCode).toBe(200);
    const names = list
      .json()
      .items.map((a: { username: string }) => a.username)
      .sort();
    expect(names).toEqual(['nanjing', 'xuanwu']);
    for (const other of ['suzhou', 'gusu', 'kunshan', 'province']) {
      expect((await t.app.inject({ url: `/api/accounts/${await idOf(other)}`, headers: nanjing })).statusCode).toBe(404);
    }
  });

  it('the province sees every bureau account', async () => {
    const list = await t.app.inject({ url: '/api/accounts?pageSize=200&role=county_admin', headers: await t.as('province') });
    expect(
      list
        .json()
        .items.map((a: { username: string }) => a.username)
        .sort(),
    ).toEqual(['gusu', 'kunshan', 'xuanwu']);
  });

  it('a city admin creates a county account only inside its city', async () => {
    const suzhou = await t.as('suzhou');
    const inside = await t.app.inject({
      method: 'POST',
      url: '/api/accounts',
      headers: suzhou,
      payload: { username: 'wujiang', displayName: '吴江区市场监管局', role: 'county_admin', orgUnitId: await unitOf('320509') },
    });
    expect(inside.statusCode).toBe(201);
    expect(inside.json().temporaryPassword).toMatch(/^.{14}$/);
    const outside = await t.app.inject({
      method: 'POST',
      url: '/api/accounts',
      headers: suzhou,
      payload: { username: 'jiangning', displayName: '江宁区市场监管局', role: 'county_admin', orgUnitId: await unitOf('320115') },
    });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.fields[0].path).toBe('orgUnitId');
    expect(await t.db.selectFrom('accounts').select('id').where('username', '=', 'jiangning').executeTakeFirst()).toBeUndefined();
  });

  it('no one grants a role above their own, and a county admin cannot create a city admin', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/accounts',
      headers: await t.as('kunshan'),
      payload: { username: 'fakecity', displayName: '假冒市局', role: 'city_admin', orgUnitId: await unitOf('320583') },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toContain('市局管理员');
  });

  it('an admin cannot act on its own account', async () => {
    const res = await t.app.inject({ method: 'POST', url: `/api/accounts/${await idOf('suzhou')}/disable`, headers: await t.as('suzhou') });
    expect(res.statusCode).toBe(403);
  });

  it('bad input gets a Chinese error naming the field and creates nothing', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/accounts',
      headers: await t.as('province'),
      payload: { username: '1bad name', displayName: '测', role: 'city_admin', orgUnitId: await unitOf('320300'), phone: '12345' },
    });
    expect(res.statusCode).toBe(400);
    const paths = res.json().error.fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['username', 'displayName']));
    expect(res.json().error.message).toContain('用户名');
    const phone = await t.app.inject({
      method: 'POST',
      url: '/api/accounts',
      headers: await t.as('province'),
      payload: { username: 'xuzhou', displayName: '徐州市局', role: 'city_admin', orgUnitId: await unitOf('320300'), phone: '12345' },
    });
    expect(phone.statusCode).toBe(400);
    expect(phone.json().error.fields[0]).toMatchObject({ path: 'phone' });
    expect(await t.db.selectFrom('accounts').select('id').where('username', '=', 'xuzhou').executeTakeFirst()).toBeUndefined();
  });

  it('disabling an account revokes its sessions and blocks login; it is audited', async () => {
    const victimCookie = await t.sessionCookie('gusu');
    const res = await t.app.inject({ method: 'POST', url: `/api/accounts/${await idOf('gusu')}/disable`, headers: await t.as('suzhou') });
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('disabled');
    expect((await t.app.inject({ url: '/api/auth/me', headers: { cookie: victimCookie } })).statusCode).toBe(401);
    const events = await t.db.selectFrom('audit_events').select(['action', 'actor_username', 'target_id']).where('action', '=', 'account.disable').execute();
    expect(events).toEqual([{ action: 'account.disable', actor_username: 'suzhou', target_id: String(await idOf('gusu')) }]);
  });
});

describe('三员分立', () => {
  it('the system administrator manages accounts but cannot read the audit log or the security policy', async () => {
    const sys = await t.as('sysadmin');
    expect((await t.app.inject({ url: '/api/accounts', headers: sys })).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/audit-events', headers: sys })).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/audit-events/export', headers: sys })).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/settings/security-policy', headers: sys })).statusCode).toBe(403);
  });

  it('the system administrator cannot create any 三员 account, so cannot mint an auditor', async () => {
    for (const role of ['audit_admin', 'security_admin', 'system_admin']) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/accounts',
        headers: await t.as('sysadmin'),
        payload: { username: `x${role.replace('_', '')}`, displayName: '新管理员', role, orgUnitId: await unitOf('320000') },
      });
      expect(res.statusCode).toBe(403);
    }
  });

  it('the audit administrator reads the audit log only', async () => {
    const audit = await t.as('auditadmin');
    expect((await t.app.inject({ url: '/api/audit-events', headers: audit })).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/accounts', headers: audit })).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/settings/security-policy', headers: audit })).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/settings/system', headers: audit })).statusCode).toBe(403);
  });

  it('the security administrator sets the policy only, within the floor of 等保 level three', async () => {
    const sec = await t.as('secadmin');
    expect((await t.app.inject({ url: '/api/accounts', headers: sec })).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/audit-events', headers: sec })).statusCode).toBe(403);
    const current = await t.app.inject({ url: '/api/settings/security-policy', headers: sec });
    expect(current.json()).toMatchObject({ passwordMinLength: 10, lockoutThreshold: 5, lockoutMinutes: 30, sessionIdleMinutes: 30, sessionAbsoluteHours: 12 });
    const weaker = await t.app.inject({
      method: 'PUT',
      url: '/api/settings/security-policy',
      headers: sec,
      payload: { ...current.json<Record<string, unknown>>(), passwordMinLength: 6 },
    });
    expect(weaker.statusCode).toBe(400);
    expect(weaker.json().error.fields[0].path).toBe('passwordMinLength');
    const stricter = await t.app.inject({
      method: 'PUT',
      url: '/api/settings/security-policy',
      headers: sec,
      payload: { ...current.json<Record<string, unknown>>(), passwordMinLength: 12 },
    });
    expect(stricter.statusCode).toBe(200);
    expect(stricter.json().passwordMinLength).toBe(12);
  });

  it('the audit log records who changed the policy', async () => {
    const rows = await t.db
      .selectFrom('audit_events')
      .select(['actor_username', 'actor_role'])
      .where('action', '=', 'settings.security_policy.update')
      .execute();
    expect(rows).toEqual([{ actor_username: 'secadmin', actor_role: 'security_admin' }]);
  });
});

describe('every route is guarded', () => {
  it('anonymous callers get 401 from every non-public route in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    const publicRoutes = new Set([
      'GET /api/health',
      'POST /api/auth/login',
      'GET /api/auth/permissions',
      'GET /api/site',
      'GET /api/dictionaries',
      'GET /api/public/org-units',
      'POST /api/public/enterprise-registrations',
      'GET /api/public/verify/{serial}',
      'GET /api/public/signing-key',
      'POST /api/public/officer-registrations',
      'GET /api/public/officer-invitations/{token}',
      'GET /api/public/blacklist-notices',
      'GET /api/public/award-eligibility',
      'GET /api/public/selections',
      'GET /api/public/selections/{id}',
      'POST /api/public/selections/{id}/objections',
      'GET /api/public/login-options',
    ]);
    let checked = 0;
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const method of Object.keys(methods)) {
        const key = `${method.toUpperCase()} ${path}`;
        if (publicRoutes.has(key)) continue;
        const url = path.replace(/\{[^}]+\}/g, '1');
        const res = await t.app.inject({ method: method.toUpperCase() as 'GET', url, headers: { 'x-requested-with': 'vitest' } });
        expect(res.statusCode, key).toBe(401);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(15);
  });
});
