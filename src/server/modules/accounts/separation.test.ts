import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { expectStatus } from '../../testing/http';

/**
 * 三员 separation and dual control (issue 17 item 2): the system, security and audit administrators read no
 * business data; a bureau account's password or TOTP is reset only after the security administrator
 * approves. The walk of every file-download route as every demo role is download-walk.test.ts.
 */
let t: TestApp;
const DEMO = [
  'sysadmin',
  'secadmin',
  'auditadmin',
  'province',
  'nanjing',
  'xuanwu',
  'suzhou',
  'gusu',
  'kunshan',
  'ent-kunshan-1',
  'officer-kunshan-1',
  'officer-kunshan-2',
  'trainer-suzhou',
  'alliance-js',
  'alliance-suzhou',
  'dept-js',
];
const SEPARATED = ['sysadmin', 'secadmin', 'auditadmin'];
const headers: Record<string, Record<string, string>> = {};

beforeAll(async () => {
  t = await createTestApp();
  // a department account without study:manage (the demo seed has none)
  const unit = await t.db.selectFrom('org_units').select('id').where('code', '=', '320000').executeTakeFirstOrThrow();
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/accounts',
    headers: await t.as('province'),
    payload: { username: 'dept-js', displayName: '省工信厅', role: 'department', orgUnitId: unit.id },
  });
  expect(created.statusCode).toBe(201);
  await t.db.updateTable('accounts').set({ must_change_password: false }).where('username', '=', 'dept-js').execute();
  for (const u of DEMO) headers[u] = await t.as(u);
}, 120_000);
afterAll(async () => {
  await t.close();
});

const idOf = async (username: string) => (await t.db.selectFrom('accounts').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;

describe('dual control of resets', { timeout: 60_000 }, () => {
  it('the system administrator only requests a bureau reset; the security administrator approves; the owner is told', async () => {
    const target = await idOf('nanjing');
    const before = await t.db.selectFrom('accounts').select(['password_hash', 'totp_enabled']).where('id', '=', target).executeTakeFirstOrThrow();
    const asked = await t.app.inject({ method: 'POST', url: `/api/accounts/${target}/reset-password`, headers: headers.sysadmin });
    expect(asked.statusCode).toBe(200);
    expect(asked.json()).toMatchObject({ pendingApproval: true });
    expect(asked.json().temporaryPassword).toBeUndefined();
    const unchanged = await t.db.selectFrom('accounts').select('password_hash').where('id', '=', target).executeTakeFirstOrThrow();
    expect(unchanged.password_hash).toBe(before.password_hash);
    // one pending request per account and kind
    expect((await t.app.inject({ method: 'POST', url: `/api/accounts/${target}/reset-password`, headers: headers.sysadmin })).statusCode).toBe(409);
    // the requester cannot approve, nor can the auditor
    const requestId = asked.json().requestId as number;
    for (const u of ['sysadmin', 'auditadmin', 'province']) {
      expect((await t.app.inject({ method: 'POST', url: `/api/account-reset-requests/${requestId}/approve`, headers: headers[u] })).statusCode).toBe(403);
    }
    const pending = await t.app.inject({ url: '/api/account-reset-requests?status=pending', headers: headers.secadmin });
    expect(pending.json()).toEqual([expect.objectContaining({ id: requestId, kind: 'password', username: 'nanjing', requestedBy: 'sysadmin' })]);
    const approved = await t.app.inject({ method: 'POST', url: `/api/account-reset-requests/${requestId}/approve`, headers: headers.secadmin });
    expect(approved.statusCode).toBe(200);
    expect(approved.json().temporaryPassword).toMatch(/^.{14}$/);
    const after = await t.db.selectFrom('accounts').select(['password_hash', 'must_change_password']).where('id', '=', target).executeTakeFirstOrThrow();
    expect(after.password_hash).not.toBe(before.password_hash);
    expect(after.must_change_password).toBe(true);
    expect((await t.app.inject({ method: 'POST', url: `/api/account-reset-requests/${requestId}/approve`, headers: headers.secadmin })).statusCode).toBe(409);
    const notices = await t.db
      .selectFrom('notifications')
      .select(['kind', 'title'])
      .where('account_id', '=', target)
      .where('kind', '=', 'account.reset.done')
      .execute();
    expect(notices).toHaveLength(1);
    const audit = await t.db
      .selectFrom('audit_events')
      .select(['action', 'actor_username'])
      .where('target_id', '=', String(target))
      .where('action', 'like', 'account.password.reset%')
      .orderBy('seq')
      .execute();
    expect(audit).toEqual([
      { action: 'account.password.reset.request', actor_username: 'sysadmin' },
      { action: 'account.password.reset', actor_username: 'secadmin' },
    ]);
  });

  it('a TOTP reset waits too, and a rejection leaves the account as it was', async () => {
    const target = await idOf('suzhou');
    const asked = await t.app.inject({ method: 'POST', url: `/api/accounts/${target}/reset-totp`, headers: headers.sysadmin });
    expect(asked.json()).toMatchObject({ pendingApproval: true });
    const rejected = await t.app.inject({
      method: 'POST',
      url: `/api/account-reset-requests/${asked.json().requestId}/reject`,
      headers: headers.secadmin,
      payload: { reason: '未核实身份' },
    });
    expect(rejected.statusCode).toBe(200);
    const row = await t.db.selectFrom('accounts').select('totp_enabled').where('id', '=', target).executeTakeFirstOrThrow();
    expect(row.totp_enabled).toBe(true);
  });

  it('the requester follows its own requests; other account managers see none; roles that neither ask nor approve are refused', async () => {
    type Row = { requestedBy: string; status: string; canDecide: boolean };
    const mine = await t.app.inject({ url: '/api/account-reset-requests', headers: headers.sysadmin });
    expect(mine.statusCode).toBe(200);
    expect(mine.json<Row[]>().length).toBe(2);
    expect(mine.json<Row[]>().every((r) => r.requestedBy === 'sysadmin' && !r.canDecide)).toBe(true);
    expect((await t.app.inject({ url: '/api/account-reset-requests', headers: headers.province })).json()).toEqual([]);
    for (const u of ['auditadmin', 'officer-kunshan-1', 'dept-js', 'ent-kunshan-1']) {
      expect((await t.app.inject({ url: '/api/account-reset-requests', headers: headers[u] })).statusCode, u).toBe(403);
    }
    const asked = expectStatus(
      await t.app.inject({ method: 'POST', url: `/api/accounts/${await idOf('gusu')}/reset-password`, headers: headers.sysadmin }),
      200,
    );
    const all = (await t.app.inject({ url: '/api/account-reset-requests', headers: headers.secadmin })).json<(Row & { id: number })[]>();
    expect(all.find((r) => r.id === asked.json().requestId)).toMatchObject({ status: 'pending', canDecide: true });
    expect(all.filter((r) => r.status !== 'pending').every((r) => !r.canDecide)).toBe(true);
  });

  it('accounts without business reach (a trainer) are still reset at once', async () => {
    const res = await t.app.inject({ method: 'POST', url: `/api/accounts/${await idOf('trainer-suzhou')}/reset-password`, headers: headers.suzhou });
    expect(res.statusCode).toBe(200);
    expect(res.json().temporaryPassword).toBeDefined();
  });
});

describe('三员 read no business data', { timeout: 120_000 }, () => {
  it('the system administrator keeps account and settings management', async () => {
    expect((await t.app.inject({ url: '/api/accounts', headers: headers.sysadmin })).json().total).toBeGreaterThan(10);
    expect((await t.app.inject({ url: '/api/org-units/tree', headers: headers.sysadmin })).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/settings/system', headers: headers.sysadmin })).statusCode).toBe(200);
  });

  it('none of them lists enterprises, filings, courses, claims, duty records or cases', async () => {
    const urls = [
      '/api/enterprises',
      '/api/filings',
      '/api/study/manage/courses',
      '/api/study/claims',
      '/api/duty-records',
      '/api/sanctions',
      '/api/community/cases',
      '/api/training/classes',
      '/api/coverage/overview',
    ];
    for (const user of SEPARATED) {
      for (const url of urls) {
        const res = await t.app.inject({ url, headers: headers[user] });
        const empty =
          res.statusCode === 200 &&
          (res.json().total === 0 ||
            (Array.isArray(res.json()) && res.json().length === 0) ||
            (Array.isArray(res.json().items) && res.json().items.length === 0));
        expect(res.statusCode === 403 || res.statusCode === 404 || empty, `${user} ${url} → ${res.statusCode}`).toBe(true);
      }
    }
  });
});
