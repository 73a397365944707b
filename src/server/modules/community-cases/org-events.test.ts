import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clock } from '../../clock';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { DEMO_PROVINCE_ALLIANCE, DEMO_SUZHOU_CLUB } from '../../demo/community';

/**
 * 联盟 and 之家 run their own events (issue 18 item 7): the organisation's admin publishes, members register (a
 * waiting list past capacity), check in by the rotating QR, and the admin exports attendance. Nobody outside the
 * organisation sees or runs them: another organisation's admin, a non-member officer, a bureau elsewhere.
 */
let t: TestApp;
let club: number;
let alliance: number;
let clubAdmin: Record<string, string>;
let allianceAdmin: Record<string, string>;
let member1: Record<string, string>;
let member2: Record<string, string>;
beforeAll(async () => {
  t = await createTestApp();
  const orgs = await t.db.selectFrom('community_organisations').select(['id', 'name']).execute();
  club = orgs.find((o) => o.name === DEMO_SUZHOU_CLUB)?.id ?? 0;
  alliance = orgs.find((o) => o.name === DEMO_PROVINCE_ALLIANCE)?.id ?? 0;
  clubAdmin = await t.as('alliance-suzhou');
  allianceAdmin = await t.as('alliance-js');
  member1 = await t.as('officer-kunshan-1'); // a member of the 苏州 之家 only
  member2 = await t.as('officer-kunshan-2'); // a member of both
});
afterAll(async () => {
  await t.close();
});

const inMinutes = (m: number) => new Date(clock.nowMs() + m * 60_000).toISOString();
const event = (over: Record<string, unknown> = {}) => ({
  kind: 'exchange',
  title: '之家质量沙龙：供应商质量管理',
  description: '成员企业交流供应商质量管理经验。',
  place: '苏州市工业园区星湖街 328 号',
  startsAt: inMinutes(30),
  endsAt: inMinutes(150),
  capacity: 1,
  creditsStudy: false,
  ...over,
});
const post = (url: string, headers: Record<string, string>, payload?: unknown) =>
  t.app.inject({ method: 'POST', url, headers, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
const ids = async (headers: Record<string, string>, query = '') =>
  (await t.app.inject({ url: `/api/community/events?pageSize=100${query}`, headers })).json<{ items: { id: number }[] }>().items.map((e) => e.id);

describe('events of a 联盟 or 之家', () => {
  it('its admin publishes, members are told and register (then the waiting list), check in by QR, and the admin exports attendance', async () => {
    const created = await post('/api/community/events', clubAdmin, event({ organisationId: club }));
    expect(created.statusCode, created.body).toBe(201);
    const id: number = created.json().id;
    const row = await t.db
      .selectFrom('community_events as ev')
      .innerJoin('community_organisations as o', 'o.id', 'ev.organisation_id')
      .select(['ev.org_unit_id', 'o.org_unit_id as orgUnit'])
      .where('ev.id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.org_unit_id).toBe(row.orgUnit);
    const audit = await t.db
      .selectFrom('audit_events')
      .select('details')
      .where('action', '=', 'community_event.create')
      .where('target_id', '=', String(id))
      .executeTakeFirstOrThrow();
    expect(audit.details).toMatchObject({ organisationId: club });

    // members see it under the organiser's name and hear of it
    const seen = await t.app.inject({ url: `/api/community/events/${id}`, headers: member1 });
    expect(seen.statusCode).toBe(200);
    expect(seen.json()).toMatchObject({ organiserName: DEMO_SUZHOU_CLUB, organisationId: club, abilities: { register: true, manage: false } });
    const account = await t.db.selectFrom('accounts').select('id').where('username', '=', 'officer-kunshan-1').executeTakeFirstOrThrow();
    const note = await t.db
      .selectFrom('notifications')
      .select(['title', 'link'])
      .where('account_id', '=', account.id)
      .where('kind', '=', 'community_event.published')
      .executeTakeFirst();
    expect(note).toEqual({ title: `${DEMO_SUZHOU_CLUB}发布了新活动`, link: `/community/events/${id}` });
    expect(await ids(member1)).toContain(id);
    expect(await ids(member1, `&organisationId=${club}`)).toEqual([id]);
    expect((await t.app.inject({ url: `/api/community/events/${id}`, headers: clubAdmin })).json().abilities.manage).toBe(true);
    expect(await ids(clubAdmin, '&managed=true')).toEqual([id]);

    expect((await post(`/api/community/events/${id}/register`, member1)).json()).toEqual({ status: 'registered' });
    expect((await post(`/api/community/events/${id}/register`, member2)).json()).toEqual({ status: 'waitlisted' });

    const token = await t.app.inject({ url: `/api/community/events/${id}/check-in-token`, headers: clubAdmin });
    expect(token.statusCode, token.body).toBe(200);
    expect((await post('/api/community/events/check-in', member2, { token: token.json().token })).statusCode).toBe(409);
    const checked = await post('/api/community/events/check-in', member1, { token: token.json().token });
    expect(checked.statusCode, checked.body).toBe(200);
    expect(checked.json()).toMatchObject({ eventId: id, alreadyCheckedIn: false, creditedMinutes: 0 });

    const xlsx = await t.app.inject({ url: `/api/community/events/${id}/attendance.xlsx`, headers: clubAdmin });
    expect(xlsx.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    const statuses = [2, 3].map((r) => [String(sheet?.getRow(r).getCell(3).value), String(sheet?.getRow(r).getCell(6).value)]);
    expect(statuses).toEqual([
      ['已报名', '已签到'],
      ['候补', '未签到'],
    ]);
    expect(
      await t.db
        .selectFrom('audit_events')
        .select('id')
        .where('action', '=', 'community_event.attendance.export')
        .where('target_id', '=', String(id))
        .executeTakeFirst(),
    ).toBeDefined();

    // the admin edits and cancels its own event; the waiting member is told
    expect((await t.app.inject({ method: 'PUT', url: `/api/community/events/${id}`, headers: clubAdmin, payload: event({ capacity: 2 }) })).statusCode).toBe(
      200,
    );
    expect((await t.app.inject({ url: `/api/community/events/${id}`, headers: member2 })).json().myStatus).toBe('registered');
    expect((await post(`/api/community/events/${id}/cancel`, clubAdmin, { reason: '场地临时调整' })).statusCode).toBe(200);
  });

  it('another organisation’s admin, a non-member officer and a bureau elsewhere neither see nor run it', async () => {
    const id: number = (
      await post('/api/community/events', clubAdmin, event({ title: '之家成员企业现场观摩', kind: 'site_visit', capacity: 20, organisationId: club }))
    ).json().id;
    const alliEvent: number = (
      await post('/api/community/events', allianceAdmin, event({ title: '联盟年度质量论坛', organisationId: alliance, capacity: 50 }))
    ).json().id;

    // officer-kunshan-1 is no member of the province alliance: its event does not exist for them
    expect((await t.app.inject({ url: `/api/community/events/${alliEvent}`, headers: member1 })).statusCode).toBe(404);
    expect((await post(`/api/community/events/${alliEvent}/register`, member1)).statusCode).toBe(404);
    expect(await ids(member1)).not.toContain(alliEvent);
    expect(await ids(member2)).toContain(alliEvent);

    for (const [who, headers] of [
      ['the alliance admin', allianceAdmin],
      ['a bureau elsewhere', await t.as('xuanwu')],
    ] as const) {
      expect((await t.app.inject({ url: `/api/community/events/${id}`, headers })).statusCode, who).toBe(404);
      expect((await t.app.inject({ method: 'PUT', url: `/api/community/events/${id}`, headers, payload: event() })).statusCode, who).toBe(404);
      expect((await t.app.inject({ url: `/api/community/events/${id}/check-in-token`, headers })).statusCode, who).toBe(404);
      expect((await t.app.inject({ url: `/api/community/events/${id}/attendance.xlsx`, headers })).statusCode, who).toBe(404);
      expect((await post(`/api/community/events/${id}/cancel`, headers, { reason: '越权取消' })).statusCode, who).toBe(404);
      expect(await ids(headers)).not.toContain(id);
    }
    // publishing for an organisation one does not run: unseen 404, seen but not run 403
    const before = await t.db
      .selectFrom('community_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect((await post('/api/community/events', allianceAdmin, event({ organisationId: club }))).statusCode).toBe(404);
    expect((await post('/api/community/events', member2, event({ organisationId: club }))).statusCode).toBe(403);
    expect((await post('/api/community/events', await t.as('xuanwu'), event({ organisationId: club }))).statusCode).toBe(404);
    const noOrg = await post('/api/community/events', clubAdmin, event());
    expect(noOrg.statusCode).toBe(400);
    expect(noOrg.json().error.message).toContain('主办组织');
    const after = await t.db
      .selectFrom('community_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));

    // the bureau over the 之家 (苏州市) runs it too, as it runs the organisation; a bureau's own event stays open to all
    expect((await t.app.inject({ url: `/api/community/events/${id}`, headers: await t.as('suzhou') })).json().abilities.manage).toBe(true);
    const bureauEvent: number = (await post('/api/community/events', await t.as('kunshan'), event({ title: '昆山市质量提升交流会', capacity: 30 }))).json().id;
    expect(await ids(allianceAdmin)).toContain(bureauEvent);
    expect((await t.app.inject({ url: `/api/community/events/${bureauEvent}`, headers: clubAdmin })).json().abilities.manage).toBe(false);
  });

  it('tells the web in whose name each caller may publish', async () => {
    const hosts = async (headers: Record<string, string>) => (await t.app.inject({ url: '/api/community/events/hosts', headers })).json();
    expect(await hosts(clubAdmin)).toEqual({ ownUnit: false, ownUnitName: null, organisations: [{ id: club, name: DEMO_SUZHOU_CLUB }] });
    expect(await hosts(await t.as('kunshan'))).toEqual({ ownUnit: true, ownUnitName: '昆山市市场监管局', organisations: [] });
    expect((await hosts(await t.as('suzhou'))).organisations).toEqual([{ id: club, name: DEMO_SUZHOU_CLUB }]);
    expect(await hosts(member2)).toEqual({ ownUnit: false, ownUnitName: null, organisations: [] });
  });
});
