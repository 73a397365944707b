import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberCheckCharacter } from '../../../domain/id-number';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { multipartBody } from '../../testing/files';
import { moveAccountStudyToPerson } from './learner';
import { expectStatus } from '../../testing/http';

/**
 * Issue 16 item 1: an officer account whose identity the bureau has not confirmed studies courses; its study is kept
 * under the account, and when the bureau confirms the link it moves to the person exactly once.
 */
const VIDEO = path.resolve(__dirname, '../../db/seed/media/demo-lesson.mp4');
const QUIZ = { passScore: 60, questions: [{ text: '首席质量官的质量安全否决权称为？', options: ['一票否决', '一票通过'], answer: [0] }] };
const XRW = { 'x-requested-with': 'vitest' };
const idNumber = (body: string) => body + idNumberCheckCharacter(body);

let t: TestApp;
let learner: Record<string, string>;
let accountId: number;
let courseId: number;
let lessonId: number;

const elapse = (sessionId: number, seconds: number) =>
  sql`update study_sessions set last_beat_at = last_beat_at - make_interval(secs => ${seconds}) where id = ${sessionId}`.execute(t.db);
const beat = (sessionId: number, seq: number, position: number) =>
  t.app.inject({
    method: 'POST',
    url: `/api/study/sessions/${String(sessionId)}/heartbeats`,
    headers: learner,
    payload: { seq, position, visible: true, active: true },
  });
const open = async () =>
  (await t.app.inject({ method: 'POST', url: `/api/study/lessons/${String(lessonId)}/sessions`, headers: learner })).json<{
    sessionId: number;
    creditedSeconds: number;
  }>();

beforeAll(async () => {
  t = await createTestApp();
  const province = await t.as('province');
  const course = expectStatus(
    await t.app.inject({
      method: 'POST',
      url: '/api/study/courses',
      headers: province,
      payload: { title: '身份待核验学员课程', summary: '全省首席质量官均可学习的课程', level: 'basic', required: false, creditHours: 1, tags: [] },
    }),
    201,
  );
  courseId = course.json<{ id: number }>().id;
  const lesson = expectStatus(
    await t.app.inject({
      method: 'POST',
      url: `/api/study/courses/${String(courseId)}/lessons`,
      headers: province,
      payload: { title: '质量安全否决权', kind: 'video', quiz: QUIZ },
    }),
    201,
  );
  lessonId = lesson.json<{ id: number }>().id;
  const { payload, headers } = multipartBody('lesson.mp4', fs.readFileSync(VIDEO));
  expect(
    (await t.app.inject({ method: 'PUT', url: `/api/study/lessons/${String(lessonId)}/media`, headers: { ...province, ...headers }, payload })).statusCode,
  ).toBe(200);
  expect((await t.app.inject({ method: 'POST', url: `/api/study/courses/${String(courseId)}/publish`, headers: province })).statusCode).toBe(200);
  const registered = await t.app.inject({
    method: 'POST',
    url: '/api/public/officer-registrations',
    headers: XRW,
    payload: { name: '待核验', idNumber: idNumber('32058319860606123'), username: 'pending-learner', phone: '13800003333', password: 'Officer#2026ok' },
  });
  expect(registered.json()).toEqual({ identityStatus: 'pending' });
  accountId = (await t.db.selectFrom('accounts').select('id').where('username', '=', 'pending-learner').executeTakeFirstOrThrow()).id;
  learner = await t.as('pending-learner');
});
afterAll(async () => {
  await t.close();
});

describe('an unlinked officer account studies', () => {
  it('sees the catalogue, earns server-timed credit under its own lease and completes a lesson, all kept under the account', async () => {
    const catalogue = await t.app.inject({ url: '/api/study/courses', headers: learner });
    expect(catalogue.statusCode, catalogue.body).toBe(200);
    expect(catalogue.json<{ items: { id: number }[] }>().items.map((c) => c.id)).toContain(courseId);

    const a = await open();
    await elapse(a.sessionId, 20);
    expect((await beat(a.sessionId, 1, 20)).json()).toMatchObject({ accepted: true, creditSeconds: 20 });
    // a second tab takes the account's lease: the first earns nothing from then on
    const b = await open();
    expect(b.creditedSeconds).toBe(20);
    await elapse(a.sessionId, 20);
    await elapse(b.sessionId, 20);
    expect((await beat(a.sessionId, 2, 40)).json()).toMatchObject({ accepted: false, reason: 'superseded' });
    expect((await beat(b.sessionId, 1, 40)).json()).toMatchObject({ accepted: true, lessonCreditedSeconds: 40 });
    await elapse(b.sessionId, 20);
    expect((await beat(b.sessionId, 2, 60)).json()).toMatchObject({ accepted: true, lessonCreditedSeconds: 60 });
    const pass = await t.app.inject({ method: 'POST', url: `/api/study/lessons/${String(lessonId)}/attempts`, headers: learner, payload: { answers: [[0]] } });
    expect(pass.json()).toMatchObject({ passed: true, creditedMinutes: 1 });
    const mine = await t.app.inject({ url: '/api/study/my/courses', headers: learner });
    expect(mine.json<{ id: number; completedLessons: number; creditedSeconds: number }[]>()[0]).toMatchObject({
      id: courseId,
      completedLessons: 1,
      creditedSeconds: 60,
    });

    // nothing of it belongs to any person yet, and there is no study account to show
    expect(await t.db.selectFrom('lesson_progress').select(['person_id', 'status']).where('account_id', '=', accountId).execute()).toEqual([
      { person_id: null, status: 'completed' },
    ]);
    expect((await t.db.selectFrom('study_sessions').select('person_id').where('account_id', '=', accountId).execute()).every((s) => s.person_id === null)).toBe(
      true,
    );
    expect(
      await t.db
        .selectFrom('study_ledger_entries')
        .select('id')
        .where('source_ref', '=', `course:${String(courseId)}`)
        .execute(),
    ).toEqual([]);
    expect((await t.app.inject({ url: '/api/study/my/account', headers: learner })).statusCode).toBe(403);
  });

  it('moves to the person once the bureau confirms the link, exactly once', async () => {
    const province = await t.as('province');
    const pending = (await t.app.inject({ url: '/api/identity/link-requests', headers: province })).json<{ id: number; username: string }[]>();
    const request = pending.find((r) => r.username === 'pending-learner');
    expect(request).toBeDefined();
    const confirmed = await t.app.inject({
      method: 'POST',
      url: `/api/identity/link-requests/${String(request?.id ?? 0)}/confirm`,
      headers: province,
      payload: { note: '已核对身份证原件' },
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    const personId = confirmed.json<{ personId: number }>().personId;

    const state = async () => ({
      unlinked: Number(
        (
          await sql<{
            n: number;
          }>`select (select count(*) from lesson_progress where account_id = ${accountId}) + (select count(*) from quiz_attempts where account_id = ${accountId})
            + (select count(*) from study_leases where account_id = ${accountId}) + (select count(*) from study_sessions where account_id = ${accountId} and person_id is null) as n`.execute(
            t.db,
          )
        ).rows[0]?.n,
      ),
      progress: await t.db
        .selectFrom('lesson_progress')
        .select(['lesson_id', 'status', 'credited_seconds', 'attempts'])
        .where('person_id', '=', personId)
        .execute(),
      attempts: (await t.db.selectFrom('quiz_attempts').select('id').where('person_id', '=', personId).execute()).length,
      lease: await t.db.selectFrom('study_leases').select('session_id').where('person_id', '=', personId).execute(),
      ledger: await t.db
        .selectFrom('study_ledger_entries')
        .select(['source', 'minutes', 'status'])
        .where('person_id', '=', personId)
        .where('source_ref', '=', `course:${String(courseId)}`)
        .execute(),
    });
    const after = await state();
    expect(after.unlinked).toBe(0);
    expect(after.progress).toEqual([{ lesson_id: lessonId, status: 'completed', credited_seconds: 60, attempts: 1 }]);
    expect(after.attempts).toBe(1);
    expect(after.lease).toHaveLength(1);
    expect(after.ledger).toEqual([{ source: 'self_study', minutes: 1, status: 'credited' }]);
    const account = await t.app.inject({ url: '/api/study/my/account', headers: learner });
    expect(account.statusCode).toBe(200);
    expect(account.json<{ bySource: { source: string; minutes: number }[] }>().bySource.find((s) => s.source === 'self_study')?.minutes).toBe(1);

    // moving again (a retried confirmation, a second path) changes nothing
    expect(await t.db.transaction().execute((trx) => moveAccountStudyToPerson(trx, accountId, personId))).toEqual({ lessons: 0, minutes: 0 });
    expect(await state()).toEqual(after);
    // a second confirmation is refused and moves nothing; the confirmation is audited once
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/identity/link-requests/${String(request?.id ?? 0)}/confirm`,
          headers: province,
          payload: { note: '再次确认' },
        })
      ).statusCode,
    ).toBe(409);
    expect(await state()).toEqual(after);
    expect(
      await t.db.selectFrom('audit_events').select('action').where('action', '=', 'identity.link.confirm').where('target_id', '=', String(personId)).execute(),
    ).toHaveLength(1);
    // from now on the person studies as before: the completed lesson earns nothing more
    const c = await open();
    await elapse(c.sessionId, 20);
    expect((await beat(c.sessionId, 1, 20)).json()).toMatchObject({ creditSeconds: 0, reason: 'completed' });
  });

  it('merges with what the person already had: completed wins, attempts add up, the ledger is set once', async () => {
    // a second account of the same person after the first link was undone (a lost phone, a new account)
    const province = await t.as('province');
    const { personId } = await t.db.selectFrom('persons').select('id as personId').where('account_id', '=', accountId).executeTakeFirstOrThrow();
    const revoke = await t.app.inject({
      method: 'POST',
      url: `/api/identity/links/${String(personId)}/revoke`,
      headers: province,
      payload: { note: '本人更换账户' },
    });
    expect(revoke.statusCode, revoke.body).toBe(200);
    const c = await open();
    await elapse(c.sessionId, 20);
    expect((await beat(c.sessionId, 1, 20)).json()).toMatchObject({ accepted: true, creditSeconds: 20 });
    expect(
      (await t.app.inject({ method: 'POST', url: `/api/study/lessons/${String(lessonId)}/attempts`, headers: learner, payload: { answers: [[0]] } }))
        .statusCode,
    ).toBe(409);
    const moved = await t.db.transaction().execute((trx) => moveAccountStudyToPerson(trx, accountId, personId));
    expect(moved).toEqual({ lessons: 1, minutes: 1 });
    const progress = await t.db
      .selectFrom('lesson_progress')
      .select(['status', 'credited_seconds'])
      .where('person_id', '=', personId)
      .where('lesson_id', '=', lessonId)
      .execute();
    expect(progress).toEqual([{ status: 'completed', credited_seconds: 60 }]);
    const ledger = await t.db
      .selectFrom('study_ledger_entries')
      .select('minutes')
      .where('person_id', '=', personId)
      .where('source_ref', '=', `course:${String(courseId)}`)
      .execute();
    expect(ledger).toEqual([{ minutes: 1 }]);
  });
});
