import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { organisationRole } from './access';
import { thisYear } from '../../testing/dates';
import { expectStatus } from '../../testing/http';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
async function call(user: string, method: Method, url: string, payload?: unknown) {
  return t.app.inject({ method, url, headers: await t.as(user), ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
}
const orgId = async (name: string) =>
  (await t.db.selectFrom('community_organisations').select('id').where('name', 'like', `${name}%`).executeTakeFirstOrThrow()).id;
const boardId = async (name: string) => (await t.db.selectFrom('community_boards').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
const accountId = async (username: string) => (await t.db.selectFrom('accounts').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
const auditCount = async (action: string) =>
  Number(
    (
      await t.db
        .selectFrom('audit_events')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('action', '=', action)
        .executeTakeFirstOrThrow()
    ).n,
  );
const notices = async (user: string, kind: string) =>
  ((await call(user, 'GET', '/api/notifications')).json().items as { kind: string; title: string; link: string }[]).filter((n) => n.kind === kind);

describe('organisations and membership scope', () => {
  it('bureaus create and see organisations in their region only; other roles are refused', async () => {
    const suzhouUnit = (await t.db.selectFrom('org_units').select('id').where('code', '=', '320500').executeTakeFirstOrThrow()).id;
    const nanjingUnit = (await t.db.selectFrom('org_units').select('id').where('code', '=', '320100').executeTakeFirstOrThrow()).id;
    const created = await call('suzhou', 'POST', '/api/community/organisations', {
      kind: 'alliance',
      level: 'industry',
      name: '苏州市纺织行业首席质量官联盟',
      orgUnitId: suzhouUnit,
      industrySection: 'C',
    });
    expect(created.statusCode).toBe(201);
    expect(await auditCount('community.organisation.create')).toBe(1);
    // a city bureau cannot put an organisation under another city, nor make a province one
    const other = await call('suzhou', 'POST', '/api/community/organisations', { kind: 'club', level: 'city', name: '南京之家', orgUnitId: nanjingUnit });
    expect(other.statusCode).toBe(400);
    expect(other.json().error.message).toContain('所属单位');
    const bad = await call('suzhou', 'POST', '/api/community/organisations', { kind: 'club', level: 'city', name: '苏' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/组织名称|所属单位/);
    // officers and alliance admins do not create organisations
    expect(
      (await call('officer-kunshan-1', 'POST', '/api/community/organisations', { kind: 'club', level: 'city', name: '自建之家', orgUnitId: suzhouUnit }))
        .statusCode,
    ).toBe(403);
    expect(
      (await call('alliance-suzhou', 'POST', '/api/community/organisations', { kind: 'club', level: 'city', name: '自建之家', orgUnitId: suzhouUnit }))
        .statusCode,
    ).toBe(403);
    // enterprise accounts have no community at all
    expect((await call('ent-kunshan-1', 'GET', '/api/community/organisations')).statusCode).toBe(403);

    const club = await orgId('苏州市首席质量官之家');
    const alliance = await orgId('江苏省首席质量官联盟');
    expect((await call('suzhou', 'GET', `/api/community/organisations/${club}`)).statusCode).toBe(200);
    expect((await call('nanjing', 'GET', `/api/community/organisations/${club}`)).statusCode).toBe(404);
    // the 苏州 之家 admin does not reach the province alliance
    expect((await call('alliance-suzhou', 'GET', `/api/community/organisations/${alliance}`)).statusCode).toBe(404);
    expect((await call('alliance-suzhou', 'GET', `/api/community/organisations/${alliance}/members`)).statusCode).toBe(404);
    const listed = (await call('alliance-suzhou', 'GET', '/api/community/organisations')).json() as { name: string }[];
    expect(listed.map((o) => o.name)).toEqual(['苏州市首席质量官之家']);
  });

  it('an officer applies, only the organisation admin approves, and the member list shows real names only', async () => {
    const alliance = await orgId('江苏省首席质量官联盟');
    const officer = await accountId('officer-kunshan-1');
    expect(await organisationRole(t.db, alliance, officer)).toMatchObject({ member: false, admin: false });
    const applied = await call('officer-kunshan-1', 'POST', `/api/community/organisations/${alliance}/join`, { message: '希望加入联盟交流' });
    expect(applied.json()).toEqual({ status: 'applied' });
    expect((await call('officer-kunshan-1', 'POST', `/api/community/organisations/${alliance}/join`, {})).statusCode).toBe(409);
    expect(await notices('alliance-js', 'community.member.apply')).toHaveLength(1);

    const members = (await call('alliance-js', 'GET', `/api/community/organisations/${alliance}/members`)).json() as {
      id: number;
      accountId: number;
      status: string;
    }[];
    const application = members.find((m) => m.accountId === officer);
    expect(application?.status).toBe('applied');
    // another organisation's admin and an officer cannot decide it
    expect((await call('alliance-suzhou', 'POST', `/api/community/organisations/${alliance}/members/${application?.id}/approve`)).statusCode).toBe(404);
    expect((await call('officer-kunshan-2', 'POST', `/api/community/organisations/${alliance}/members/${application?.id}/approve`)).statusCode).toBe(403);
    expect((await call('alliance-js', 'POST', `/api/community/organisations/${alliance}/members/${application?.id}/approve`)).statusCode).toBe(200);
    expect(await organisationRole(t.db, alliance, officer)).toMatchObject({ member: true, admin: false, role: 'member' });
    expect(await notices('officer-kunshan-1', 'community.member.decision')).toHaveLength(1);

    const list = await call('officer-kunshan-2', 'GET', `/api/community/organisations/${alliance}/members`);
    expect(list.statusCode).toBe(200);
    const me = (list.json() as { accountId: number; name: string; enterpriseName: string }[]).find((m) => m.accountId === officer);
    expect(me?.name).toBe('陈质量');
    expect(me?.enterpriseName).toBeTruthy();
    expect(list.body).not.toMatch(/\d{17}[\dX]|1[3-9]\d{9}|\*{4}/);
    const role = await call('alliance-js', 'PUT', `/api/community/organisations/${alliance}/members/${application?.id}/role`, { role: 'secretariat' });
    expect(role.statusCode).toBe(200);
    const xlsx = await call('alliance-js', 'GET', `/api/community/organisations/${alliance}/members.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect((await call('officer-kunshan-1', 'GET', `/api/community/organisations/${alliance}/members.xlsx`)).statusCode).toBe(403);
  });

  it('an invitation is accepted by joining', async () => {
    const club = await orgId('苏州市纺织行业');
    expectStatus(await call('suzhou', 'POST', `/api/community/organisations/${club}/admins`, { username: 'alliance-suzhou' }), 200);
    expect((await call('alliance-suzhou', 'POST', `/api/community/organisations/${club}/invitations`, { username: 'officer-kunshan-2' })).statusCode).toBe(200);
    expect(await notices('officer-kunshan-2', 'community.member.invite')).toHaveLength(1);
    expect((await call('officer-kunshan-2', 'POST', `/api/community/organisations/${club}/join`, {})).json()).toEqual({ status: 'active' });
    expect((await call('alliance-suzhou', 'POST', `/api/community/organisations/${club}/invitations`, { username: 'kunshan' })).statusCode).toBe(400);
  });
});

describe('moderation', () => {
  it('a report sends a post to the queue; hide, restore, lock, move and ban are audited', async () => {
    const board = await boardId('联盟交流');
    const thread = (await t.db.selectFrom('community_threads').select('id').where('title', 'like', `联盟 ${thisYear()}%`).executeTakeFirstOrThrow()).id;
    const reply = await call('officer-kunshan-2', 'POST', `/api/community/threads/${thread}/replies`, { bodyHtml: '<p>这条回复与主题无关，广告内容。</p>' });
    expect(reply.statusCode).toBe(201);
    const postId = reply.json().id as number;
    expect((await call('officer-kunshan-2', 'POST', `/api/community/posts/${postId}/report`, { reason: '自己举报自己' })).statusCode).toBe(409);
    expect((await call('officer-kunshan-1', 'POST', `/api/community/posts/${postId}/report`, { reason: '' })).statusCode).toBe(400);
    expect((await call('officer-kunshan-1', 'POST', `/api/community/posts/${postId}/report`, { reason: '广告内容' })).statusCode).toBe(200);
    expect((await call('officer-kunshan-1', 'POST', `/api/community/posts/${postId}/report`, { reason: '广告内容' })).statusCode).toBe(409);
    const queue = (await call('alliance-js', 'GET', '/api/community/moderation/queue')).json() as { postId: number; reports: { reason: string }[] }[];
    expect(queue.find((q) => q.postId === postId)?.reports.map((r) => r.reason)).toEqual(['广告内容']);
    // officers have no moderation rights
    expect((await call('officer-kunshan-1', 'GET', '/api/community/moderation/queue')).statusCode).toBe(403);
    expect((await call('officer-kunshan-1', 'POST', `/api/community/posts/${postId}/moderation`, { decision: 'hide', reason: '广告' })).statusCode).toBe(403);
    expect((await call('alliance-js', 'POST', `/api/community/posts/${postId}/moderation`, { decision: 'hide' })).statusCode).toBe(400);
    expect((await call('alliance-js', 'POST', `/api/community/posts/${postId}/moderation`, { decision: 'hide', reason: '与主题无关的广告' })).statusCode).toBe(
      200,
    );
    expect(((await call('officer-kunshan-1', 'GET', `/api/community/threads/${thread}`)).json().posts as { id: number }[]).some((p) => p.id === postId)).toBe(
      false,
    );
    expect(await notices('officer-kunshan-2', 'community.hidden')).toHaveLength(1);
    expect(((await call('alliance-js', 'GET', '/api/community/moderation/queue')).json() as { postId: number }[]).some((q) => q.postId === postId)).toBe(false);
    expect((await call('alliance-js', 'POST', `/api/community/posts/${postId}/moderation`, { decision: 'restore' })).statusCode).toBe(200);
    expect(await auditCount('community.post.hide')).toBe(1);
    expect(await auditCount('community.post.restore')).toBe(1);

    // lock: members can no longer reply
    expect((await call('alliance-js', 'PUT', `/api/community/threads/${thread}/flags`, { flag: 'locked', on: true })).statusCode).toBe(200);
    expect((await call('officer-kunshan-2', 'POST', `/api/community/threads/${thread}/replies`, { bodyHtml: '<p>锁定后回复</p>' })).statusCode).toBe(409);
    expect((await call('alliance-js', 'PUT', `/api/community/threads/${thread}/flags`, { flag: 'locked', on: false })).statusCode).toBe(200);
    // move to a board of the same organisation, not to one the admin does not moderate
    const qa = await boardId('问答互助');
    expect((await call('alliance-js', 'POST', `/api/community/threads/${thread}/move`, { boardId: await boardId('之家动态') })).statusCode).toBe(400);
    expect((await call('alliance-js', 'POST', `/api/community/threads/${thread}/move`, { boardId: qa })).statusCode).toBe(200);
    expect((await call('alliance-js', 'POST', `/api/community/threads/${thread}/move`, { boardId: board })).statusCode).toBe(200);

    // ban: the member can read but not post in the organisation's boards for the period
    const alliance = await orgId('江苏省首席质量官联盟');
    const member = (
      await t.db
        .selectFrom('community_members')
        .select('id')
        .where('organisation_id', '=', alliance)
        .where('account_id', '=', await accountId('officer-kunshan-2'))
        .executeTakeFirstOrThrow()
    ).id;
    expect(
      (await call('alliance-suzhou', 'POST', `/api/community/organisations/${alliance}/members/${member}/ban`, { days: 7, reason: '发布广告' })).statusCode,
    ).toBe(404);
    expect(
      (await call('alliance-js', 'POST', `/api/community/organisations/${alliance}/members/${member}/ban`, { days: 7, reason: '发布广告' })).statusCode,
    ).toBe(200);
    const banned = await call('officer-kunshan-2', 'POST', `/api/community/threads/${thread}/replies`, { bodyHtml: '<p>禁言中回复</p>' });
    expect(banned.statusCode).toBe(403);
    expect(banned.json().error.message).toContain('禁言');
    expect((await call('officer-kunshan-2', 'GET', `/api/community/threads/${thread}`)).statusCode).toBe(200);
    expect((await call('alliance-js', 'POST', `/api/community/organisations/${alliance}/members/${member}/ban`, { days: 0 })).statusCode).toBe(200);
    expect((await call('officer-kunshan-2', 'POST', `/api/community/threads/${thread}/replies`, { bodyHtml: '<p>解除后回复</p>' })).statusCode).toBe(201);
    for (const action of ['community.thread.lock', 'community.thread.move', 'community.member.ban', 'community.member.unban', 'community.post.report'])
      expect(await auditCount(action), action).toBeGreaterThan(0);
  });
});
