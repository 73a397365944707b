import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clock } from '../../clock';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { LETTER_PDF } from '../filings/fixtures';

/**
 * 三员 separation and dual control (issue 17 item 2): the system, security and audit administrators read no
 * business data; a bureau account's password or TOTP is reset only after the security administrator
 * approves; every file download checks the object's permission and scope, walked as every demo role.
 */
let t: TestApp;
const DEMO = ['sysadmin', 'secadmin', 'auditadmin', 'province', 'nanjing', 'xuanwu', 'suzhou', 'gusu', 'kunshan', 'ent-kunshan-1', 'officer-kunshan-1', 'officer-kunshan-2', 'trainer-suzhou', 'alliance-js', 'alliance-suzhou', 'dept-js'];
const SEPARATED = ['sysadmin', 'secadmin', 'auditadmin'];
const headers: Record<string, Record<string, string>> = {};

beforeAll(async () => {
  t = await createTestApp();
  // a department account without study:manage (the demo seed has none)
  const unit = await t.db.selectFrom('org_units').select('id').where('code', '=', '320000').executeTakeFirstOrThrow();
  const created = await t.app.inject({ method: 'POST', url: '/api/accounts', headers: await t.as('province'), payload: { username: 'dept-js', displayName: '省工信厅', role: 'department', orgUnitId: unit.id } });
  expect(created.statusCode).toBe(201);
  await t.db.updateTable('accounts').set({ must_change_password: false }).where('username', '=', 'dept-js').execute();
  for (const u of DEMO) headers[u] = await t.as(u);
  // a study claim with evidence by a Kunshan officer (the demo seed has none)
  const boundary = '----cqoseparation';
  const fields = { source: 'offline', title: '质量管理体系内审员培训', occurredOn: clock.today(), minutes: '240' };
  const parts = Object.entries(fields).map(([k, v]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="evidence.pdf"\r\nContent-Type: application/pdf\r\n\r\n`);
  const claim = await t.app.inject({
    method: 'POST',
    url: '/api/study/my/claims',
    headers: { ...headers['officer-kunshan-1'], 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat([...parts, head, LETTER_PDF, Buffer.from(`\r\n--${boundary}--\r\n`)]),
  });
  expect(claim.statusCode, claim.body).toBe(201);
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
    const notices = await t.db.selectFrom('notifications').select(['kind', 'title']).where('account_id', '=', target).where('kind', '=', 'account.reset.done').execute();
    expect(notices).toHaveLength(1);
    const audit = await t.db.selectFrom('audit_events').select(['action', 'actor_username']).where('target_id', '=', String(target)).where('action', 'like', 'account.password.reset%').orderBy('seq').execute();
    expect(audit).toEqual([
      { action: 'account.password.reset.request', actor_username: 'sysadmin' },
      { action: 'account.password.reset', actor_username: 'secadmin' },
    ]);
  });

  it('a TOTP reset waits too, and a rejection leaves the account as it was', async () => {
    const target = await idOf('suzhou');
    const asked = await t.app.inject({ method: 'POST', url: `/api/accounts/${target}/reset-totp`, headers: headers.sysadmin });
    expect(asked.json()).toMatchObject({ pendingApproval: true });
    const rejected = await t.app.inject({ method: 'POST', url: `/api/account-reset-requests/${asked.json().requestId}/reject`, headers: headers.secadmin, payload: { reason: '未核实身份' } });
    expect(rejected.statusCode).toBe(200);
    const row = await t.db.selectFrom('accounts').select('totp_enabled').where('id', '=', target).executeTakeFirstOrThrow();
    expect(row.totp_enabled).toBe(true);
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
    const urls = ['/api/enterprises', '/api/filings', '/api/study/manage/courses', '/api/study/claims', '/api/duty-records', '/api/sanctions', '/api/community/cases', '/api/training/classes', '/api/coverage/overview'];
    for (const user of SEPARATED) {
      for (const url of urls) {
        const res = await t.app.inject({ url, headers: headers[user] });
        const empty = res.statusCode === 200 && (res.json().total === 0 || (Array.isArray(res.json()) && res.json().length === 0) || (Array.isArray(res.json().items) && res.json().items.length === 0));
        expect(res.statusCode === 403 || res.statusCode === 404 || empty, `${user} ${url} → ${res.statusCode}`).toBe(true);
      }
    }
  });
});

/** Every GET route that sends a file or an export, with the object it belongs to (found in the seeded data). */
interface DownloadRoute {
  path: string;
  find: () => Promise<Record<string, number> | null>;
  /** Demo roles that may download this object; every other demo role must get 403 or 404. */
  allowed: readonly string[];
}

const first = async (query: string): Promise<Record<string, number> | null> => {
  const row = (await sql.raw(query).execute(t.db)).rows[0] as Record<string, number | string> | undefined;
  return row ? Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)])) : null;
};

const BUREAUS_OVER_KUNSHAN = ['province', 'suzhou', 'kunshan'];
const ROUTES: DownloadRoute[] = [
  { path: '/api/study/claims/:id/evidence', find: () => first(`select c.id from study_claims c join persons p on p.id = c.person_id join accounts a on a.id = p.account_id where a.username = 'officer-kunshan-1' limit 1`), allowed: ['officer-kunshan-1', ...BUREAUS_OVER_KUNSHAN] },
  { path: '/api/qualifications/:id/evidence', find: () => first(`select q.id from person_qualifications q where q.evidence is not null order by q.id limit 1`), allowed: ['*'] },
  { path: '/api/filings/:id/authorization-letter', find: () => first(`select f.id from filings f join enterprises e on e.id = f.enterprise_id join accounts a on a.enterprise_id = e.id where a.username = 'ent-kunshan-1' and f.authorization_letter is not null order by f.id limit 1`), allowed: ['*'] },
  { path: '/api/filings/:id/proof.pdf', find: () => first(`select f.id from filings f join enterprises e on e.id = f.enterprise_id join accounts a on a.enterprise_id = e.id where a.username = 'ent-kunshan-1' and f.status = 'active' order by f.id limit 1`), allowed: ['*'] },
  { path: '/api/duty-records/:id/attachments/:attachmentId', find: () => first(`select subject_id as id, id as "attachmentId" from supervision_attachments where subject_type = 'duty_record' order by id limit 1`), allowed: ['*'] },
  { path: '/api/sanctions/:id/evidence/:attachmentId', find: () => first(`select subject_id as id, id as "attachmentId" from supervision_attachments where subject_type = 'sanction' order by id limit 1`), allowed: ['*'] },
  { path: '/api/community/files/:id', find: () => first(`select id from community_files where post_id is not null order by id limit 1`), allowed: ['*'] },
  { path: '/api/community/case-attachments/:id', find: () => first(`select id from case_attachments order by id limit 1`), allowed: ['*'] },
  { path: '/api/community/event-photos/:id', find: () => first(`select id from community_event_photos order by id limit 1`), allowed: ['*'] },
  { path: '/api/training-materials/:id/download', find: () => first(`select id from training_materials order by id limit 1`), allowed: ['*'] },
  { path: '/api/study/lessons/:id/media', find: () => first(`select id from lessons where media_key is not null order by id limit 1`), allowed: ['*'] },
  { path: '/api/study/transcripts/:id/pdf', find: () => first(`select id from certificates where kind = 'transcript' order by id limit 1`), allowed: ['*'] },
  { path: '/api/training/certificates/:id/pdf', find: () => first(`select id from certificates where kind = 'training_certificate' order by id limit 1`), allowed: ['*'] },
  { path: '/api/training/classes/:id/roster.xlsx', find: () => first(`select id from training_classes order by id limit 1`), allowed: ['*'] },
  { path: '/api/training/classes/:id/scores/template.xlsx', find: () => first(`select id from training_classes order by id limit 1`), allowed: ['*'] },
  { path: '/api/community/events/:id/attendance.xlsx', find: () => first(`select id from community_events order by id limit 1`), allowed: ['*'] },
  { path: '/api/community/organisations/:id/members.xlsx', find: () => first(`select id from community_organisations order by id limit 1`), allowed: ['*'] },
  { path: '/api/jobs/:id/download', find: () => first(`select id from jobs where result_file is not null order by id limit 1`), allowed: ['*'] },
];

describe('every file download checks the object it belongs to', { timeout: 300_000 }, () => {
  it('the route table covers every download route of the API', async () => {
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    const downloads = Object.entries(doc.paths)
      .filter(([path, methods]) => 'get' in methods && /\{[^}]+\}/.test(path) && /evidence|attachment|files|photos\/|media|pdf|download|letter|\.xlsx/.test(path))
      .map(([path]) => path.replace(/\{([^}]+)\}/g, ':$1'))
      .filter((p) => !p.endsWith('/attachments') && !p.endsWith('/photos'));
    expect(downloads.sort()).toEqual(ROUTES.map((r) => r.path).sort());
  });

  it('as every demo role: the 三员 and roles without business get 403/404; the owner or its bureau gets the file', async () => {
    const matrix: Record<string, string[]> = {};
    let walked = 0;
    for (const route of ROUTES) {
      const ids = await route.find();
      if (!ids) {
        matrix[route.path] = ['(no object in the demo data)'];
        continue;
      }
      const url = route.path.replace(/:([A-Za-z]+)/g, (_, name: string) => String(ids[name]));
      const ok: string[] = [];
      for (const user of DEMO) {
        const res = await t.app.inject({ url, headers: headers[user] });
        if (res.statusCode === 200 || res.statusCode === 206) ok.push(user);
        else expect([401, 403, 404], `${user} GET ${url} → ${res.statusCode}`).toContain(res.statusCode);
      }
      matrix[route.path] = ok;
      walked += 1;
      for (const user of SEPARATED) expect(ok, `${user} downloaded ${url}`).not.toContain(user);
      // a department reads filings in its region, but never claim evidence (it lacks study:manage)
      if (route.path.includes('/claims/')) expect(ok, `${url}: department without study:manage`).not.toContain('dept-js');
      expect(ok.length, `${url}: nobody can download it`).toBeGreaterThan(0);
      if (!route.allowed.includes('*')) expect(ok.sort()).toEqual([...route.allowed].sort());
      // outside the object's region: the other city's bureaus never
      if (ok.some((u) => BUREAUS_OVER_KUNSHAN.includes(u) || u.includes('kunshan'))) {
        expect(ok).not.toContain('nanjing');
        expect(ok).not.toContain('xuanwu');
      }
    }
    console.log(JSON.stringify(matrix, null, 1));
    // the claim evidence, the proof PDF, lesson media, certificates, rosters and exports at least
    expect(walked).toBeGreaterThanOrEqual(8);
  });
});
