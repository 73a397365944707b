import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_COMMUNITY_CREDIT_RULE } from '../../../domain/community-cases';
import { issueRotatingToken } from '../../../domain/rotating-token';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { LETTER_PDF, multipartBody, TINY_PNG } from '../../testing/files';
import { EVENT_CHECK_IN_PURPOSE } from './event-registrations';
import { createOfficer } from '../../testing/community-factories';
import { clock } from '../../clock';

let t: TestApp;
let kunshan: Record<string, string>;
let officer: Record<string, string>;
let second: Record<string, string>;
let secondPersonId: number;
beforeAll(async () => {
  t = await createTestApp();
  kunshan = await t.as('kunshan');
  officer = await t.as('officer-kunshan-1');
  secondPersonId = (await createOfficer(t, 'officer-event-2', '320583')).personId;
  second = await t.as('officer-event-2');
});
afterAll(async () => {
  await t.close();
});

const inMinutes = (m: number) => new Date(clock.nowMs() + m * 60_000).toISOString();
const event = (over: Record<string, unknown> = {}) => ({
  kind: 'site_visit',
  title: '昆山精密制造企业质量管理现场观摩',
  description: '走进标杆企业生产现场，交流质量攻关经验。',
  place: '昆山市开发区前进东路 88 号',
  startsAt: inMinutes(30),
  endsAt: inMinutes(150),
  capacity: 1,
  creditsStudy: true,
  ...over,
});
const post = (url: string, headers: Record<string, string>, payload?: unknown) =>
  t.app.inject({ method: 'POST', url, headers, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });

describe('events', () => {
  it('registers up to capacity, then a waiting list; a cancellation promotes the first waiting', async () => {
    const created = await post('/api/community/events', kunshan, event());
    expect(created.statusCode, created.body).toBe(201);
    const id: number = created.json().id;
    expect((await post(`/api/community/events/${id}/register`, officer)).json()).toEqual({ status: 'registered' });
    expect((await post(`/api/community/events/${id}/register`, officer)).statusCode).toBe(409);
    expect((await post(`/api/community/events/${id}/register`, second)).json()).toEqual({ status: 'waitlisted' });
    const list = await t.app.inject({ url: '/api/community/events', headers: second });
    expect(list.json().items.find((e: { id: number }) => e.id === id)).toMatchObject({ registered: 1, waitlisted: 1, myStatus: 'waitlisted' });

    expect((await post(`/api/community/events/${id}/unregister`, officer)).statusCode).toBe(200);
    const detail = await t.app.inject({ url: `/api/community/events/${id}`, headers: second });
    expect(detail.json()).toMatchObject({
      myStatus: 'registered',
      registered: 1,
      waitlisted: 0,
      abilities: { cancelRegistration: true, register: false, manage: false },
    });
    const secondAccount = await t.db.selectFrom('accounts').select('id').where('username', '=', 'officer-event-2').executeTakeFirstOrThrow();
    expect(
      await t.db
        .selectFrom('notifications')
        .select('id')
        .where('account_id', '=', secondAccount.id)
        .where('kind', '=', 'community_event.promoted')
        .executeTakeFirst(),
    ).toBeDefined();
    expect((await post(`/api/community/events/${id}/register`, officer)).json()).toEqual({ status: 'waitlisted' });

    // raising the capacity seats the waiting
    expect((await t.app.inject({ method: 'PUT', url: `/api/community/events/${id}`, headers: kunshan, payload: event({ capacity: 2 }) })).statusCode).toBe(200);
    expect((await t.app.inject({ url: `/api/community/events/${id}`, headers: officer })).json().myStatus).toBe('registered');
    const shrink = await t.app.inject({ method: 'PUT', url: `/api/community/events/${id}`, headers: kunshan, payload: event({ capacity: 1 }) });
    expect(shrink.statusCode).toBe(400);
    expect(shrink.json().error.message).toContain('名额');
  });

  it('keeps organising inside the region and refuses bad input', async () => {
    const id: number = (await post('/api/community/events', kunshan, event({ title: '质量提升研讨会（昆山）', kind: 'seminar' }))).json().id;
    for (const user of ['gusu', 'nanjing']) {
      const h = await t.as(user);
      expect((await t.app.inject({ method: 'PUT', url: `/api/community/events/${id}`, headers: h, payload: event() })).statusCode).toBe(404);
      expect((await t.app.inject({ url: `/api/community/events/${id}/check-in-token`, headers: h })).statusCode).toBe(404);
      expect((await t.app.inject({ url: `/api/community/events/${id}/attendance`, headers: h })).statusCode).toBe(404);
      expect((await post(`/api/community/events/${id}/cancel`, h, { reason: '越权取消' })).statusCode).toBe(404);
    }
    expect((await post('/api/community/events', officer, event())).statusCode).toBe(403);
    expect((await t.app.inject({ url: `/api/community/events/${id}/check-in-token`, headers: officer })).statusCode).toBe(403);
    expect((await post(`/api/community/events/${id}/register`, await t.as('ent-kunshan-1'))).statusCode).toBe(403);

    const before = await t.db
      .selectFrom('community_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const backwards = await post('/api/community/events', kunshan, event({ endsAt: inMinutes(10) }));
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.message).toContain('结束时间');
    const noPlace = await post('/api/community/events', kunshan, event({ place: '' }));
    expect(noPlace.json().error.message).toContain('地点');
    const past = await post('/api/community/events', kunshan, event({ startsAt: inMinutes(-60) }));
    expect(past.statusCode).toBe(400);
    expect(past.json().error.message).toContain('开始时间');
    expect((await post('/api/community/events', kunshan, event({ capacity: 0 }))).json().error.message).toContain('名额');
    const after = await t.db
      .selectFrom('community_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('checks in by the rotating QR token, refuses expired, forged and foreign tokens, and credits attendance', async () => {
    const id: number = (
      await post(
        '/api/community/events',
        kunshan,
        event({ title: 'QC小组成果交流会', kind: 'exchange', startsAt: inMinutes(20), endsAt: inMinutes(140), capacity: 1 }),
      )
    ).json().id;
    expect((await post(`/api/community/events/${id}/register`, second)).json().status).toBe('registered');
    expect((await post(`/api/community/events/${id}/register`, officer)).json().status).toBe('waitlisted');

    const issued = await t.app.inject({ url: `/api/community/events/${id}/check-in-token`, headers: kunshan });
    expect(issued.statusCode, issued.body).toBe(200);
    const { token, path } = issued.json();
    expect(path).toBe(`/community/check-in?t=${encodeURIComponent(token)}`);

    const key = t.ctx.crypto.macKey('event-check-in');
    const expired = issueRotatingToken(key, EVENT_CHECK_IN_PURPOSE, `ev${id}`, clock.nowMs() - 5 * 60_000).token;
    const res1 = await post('/api/community/events/check-in', second, { token: expired });
    expect(res1.statusCode).toBe(400);
    expect(res1.json().error.message).toContain('过期');
    const [subject, step, mac] = (token as string).split('.');
    const forged = `${subject}.${step}.${(mac ?? '').slice(0, -2)}${(mac ?? '').endsWith('AA') ? 'BB' : 'AA'}`;
    const res2 = await post('/api/community/events/check-in', second, { token: forged });
    expect(res2.statusCode).toBe(400);
    expect(res2.json().error.message).toContain('签到码无效');
    // a token made for another event with the right key but signed for a different purpose
    const otherPurpose = issueRotatingToken(key, 'training-sign-in', `ev${id}`, clock.nowMs()).token;
    expect((await post('/api/community/events/check-in', second, { token: otherPurpose })).statusCode).toBe(400);
    expect((await post('/api/community/events/check-in', second, { token: 'not-a-token' })).statusCode).toBe(400);
    expect((await post('/api/community/events/check-in', second, { token: '' })).json().error.message).toContain('签到码');
    const noneYet = await t.db
      .selectFrom('community_event_registrations')
      .select('checked_in_at')
      .where('event_id', '=', id)
      .where('person_id', '=', secondPersonId)
      .executeTakeFirstOrThrow();
    expect(noneYet.checked_in_at).toBeNull();

    // the waiting officer holds no seat
    const waiting = await post('/api/community/events/check-in', officer, { token });
    expect(waiting.statusCode).toBe(409);
    expect(waiting.json().error.message).toContain('候补');

    const ok = await post('/api/community/events/check-in', second, { token });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ eventId: id, alreadyCheckedIn: false, creditedMinutes: Math.min(120, DEFAULT_COMMUNITY_CREDIT_RULE.maxMinutesPerEvent) });
    expect((await post('/api/community/events/check-in', second, { token })).json()).toMatchObject({ alreadyCheckedIn: true, creditedMinutes: 0 });
    const line = await t.db
      .selectFrom('study_ledger_entries')
      .selectAll()
      .where('person_id', '=', secondPersonId)
      .where('source_ref', '=', `event:${id}`)
      .executeTakeFirstOrThrow();
    expect(line).toMatchObject({ source: 'community', status: 'credited', minutes: 120, title: '交流活动：QC小组成果交流会' });

    const attendance = await t.app.inject({ url: `/api/community/events/${id}/attendance`, headers: kunshan });
    expect(attendance.json().items).toEqual([
      expect.objectContaining({ status: 'registered', checkedInAt: expect.any(String) }),
      expect.objectContaining({ name: '陈质量', status: 'waitlisted', checkedInAt: null }),
    ]);
    const xlsx = await t.app.inject({ url: `/api/community/events/${id}/attendance.xlsx`, headers: kunshan });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');

    // cancelling the event revokes its credit
    expect((await post(`/api/community/events/${id}/cancel`, kunshan, { reason: '场地临时调整' })).statusCode).toBe(200);
    expect((await t.db.selectFrom('study_ledger_entries').select('status').where('id', '=', line.id).executeTakeFirstOrThrow()).status).toBe('revoked');
    expect((await t.app.inject({ url: `/api/community/events/${id}/check-in-token`, headers: kunshan })).statusCode).toBe(409);
  });

  it('refuses a check-in token long before the event; publishes a photo report after it', async () => {
    const later: number = (
      await post('/api/community/events', kunshan, event({ title: '年度质量管理研讨会', startsAt: inMinutes(24 * 60), endsAt: inMinutes(25 * 60) }))
    ).json().id;
    const early = await t.app.inject({ url: `/api/community/events/${later}/check-in-token`, headers: kunshan });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toContain('签到仅在');
    expect(
      (
        await t.app.inject({
          method: 'PUT',
          url: `/api/community/events/${later}/report`,
          headers: kunshan,
          payload: { reportText: '活动尚未开始，不应能发布报道。', publish: true },
        })
      ).statusCode,
    ).toBe(409);

    const unit = await t.db.selectFrom('org_units').select('id').where('code', '=', '320583').executeTakeFirstOrThrow();
    const past = await t.db
      .insertInto('community_events')
      .values({
        org_unit_id: unit.id,
        kind: 'exchange',
        title: '六西格玛项目经验交流',
        place: '昆山市市场监管局三楼会议室',
        starts_at: new Date(clock.nowMs() - 3 * 86_400_000),
        ends_at: new Date(clock.nowMs() - 3 * 86_400_000 + 7_200_000),
        capacity: 50,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect((await post(`/api/community/events/${past.id}/register`, officer)).statusCode).toBe(409);
    const photo = (content: Buffer, name: string, headers = kunshan) => {
      const { payload, headers: h } = multipartBody(name, content);
      return t.app.inject({ method: 'POST', url: `/api/community/events/${past.id}/photos`, headers: { ...headers, ...h }, payload });
    };
    expect((await photo(LETTER_PDF, 'a.pdf')).statusCode).toBe(400);
    expect((await photo(TINY_PNG, 'a.png', await t.as('gusu'))).statusCode).toBe(404);
    const uploaded = await photo(TINY_PNG, '现场.png');
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    const photoId: number = uploaded.json().id;
    // before the report is published, only the organiser sees the photos
    expect((await t.app.inject({ url: `/api/community/event-photos/${photoId}`, headers: officer })).statusCode).toBe(404);
    const short = await t.app.inject({ method: 'PUT', url: `/api/community/events/${past.id}/report`, headers: kunshan, payload: { reportText: '太短' } });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.message).toContain('活动报道');
    const report = await t.app.inject({
      method: 'PUT',
      url: `/api/community/events/${past.id}/report`,
      headers: kunshan,
      payload: { reportText: '30 余位首席质量官交流了六西格玛项目的选题、测量与控制经验。', publish: true },
    });
    expect(report.statusCode).toBe(200);
    const seen = await t.app.inject({ url: `/api/community/events/${past.id}`, headers: officer });
    expect(seen.json()).toMatchObject({ reportText: expect.stringContaining('六西格玛'), photos: [{ id: photoId }], hasReport: true });
    const img = await t.app.inject({ url: `/api/community/event-photos/${photoId}`, headers: officer });
    expect(img.statusCode).toBe(200);
    expect(img.headers['content-type']).toBe('image/png');
    const pastList = await t.app.inject({ url: '/api/community/events?when=past', headers: officer });
    expect(pastList.json().items.map((e: { id: number }) => e.id)).toContain(past.id);
  });
});
