import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { LETTER_PDF } from '../../testing/files';
import { addDocumentLesson, addVideoLesson, createCourse, publishCourse } from '../../testing/study-factories';
import { clock, TestClock, useClock } from '../../clock';
import { expectStatus } from '../../testing/http';

/**
 * What study earns: server-measured time on a lesson, the quiz, the ledger and the transcript; the bureau's views of
 * who is behind, the reminders and the settings; and claims of offline learning.
 */

let t: TestApp;
let suzhou: Record<string, string>;
let nanjing: Record<string, string>;
let officer: Record<string, string>;
let courseId: number;
let videoLessonId: number;

/** Moves a session's server-side mark back, as if `seconds` had passed since its last accepted beat. */
async function elapse(sessionId: number, seconds: number) {
  await sql`update study_sessions set last_beat_at = last_beat_at - make_interval(secs => ${seconds}) where id = ${sessionId}`.execute(t.db);
}

async function beat(sessionId: number, seq: number, position: number, over: Record<string, unknown> = {}, headers = officer) {
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/study/sessions/${sessionId}/heartbeats`,
    headers,
    payload: { seq, position, visible: true, active: true, ...over },
  });
  return res;
}

beforeAll(async () => {
  t = await createTestApp();
  suzhou = await t.as('suzhou');
  nanjing = await t.as('nanjing');
  officer = await t.as('officer-kunshan-1');
  courseId = await createCourse(t, suzhou, '卓越绩效管理模式实务', ['绩效实务']);
  videoLessonId = await addVideoLesson(t, suzhou, courseId);
  await addDocumentLesson(t, suzhou, courseId);
  await publishCourse(t, suzhou, courseId);
});
afterAll(async () => {
  await t.close();
});

describe('tracked study time', () => {
  // the server credits the time since the previous beat: `elapse` moves that beat back, and a frozen clock keeps the
  // real seconds a loaded machine spends between two requests out of the credit (CI once saw 21 s for 20)
  let previous: ReturnType<typeof useClock> | null = null;
  beforeAll(() => {
    previous = useClock(new TestClock(clock.now(), { frozen: true }));
  });
  afterAll(() => {
    if (previous) useClock(previous);
  });

  it('credits server-measured time, refuses replays, credits a second tab never twice, and opens the quiz only after the lesson', async () => {
    const open = await t.app.inject({ method: 'POST', url: `/api/study/lessons/${videoLessonId}/sessions`, headers: officer });
    expect(open.statusCode, open.body).toBe(201);
    const a = open.json<{ sessionId: number; requiredSeconds: number; quiz: { questions: { text: string; multiple: boolean }[] } }>();
    expect(a.requiredSeconds).toBe(40);
    // the quiz is sent without its answers
    expect(JSON.stringify(a.quiz)).not.toContain('answer');

    await elapse(a.sessionId, 20);
    const first = await beat(a.sessionId, 1, 20);
    expect(first.json()).toMatchObject({ accepted: true, creditSeconds: 20, lessonCreditedSeconds: 20 });
    // a replay of the same beat earns nothing
    await elapse(a.sessionId, 20);
    expect((await beat(a.sessionId, 1, 20)).json()).toMatchObject({ accepted: false, reason: 'replayed' });
    // a hidden tab earns nothing
    expect((await beat(a.sessionId, 2, 20, { visible: false })).json()).toMatchObject({ accepted: true, creditSeconds: 0, reason: 'hidden' });

    // too early for the quiz
    const early = await t.app.inject({ method: 'POST', url: `/api/study/lessons/${videoLessonId}/attempts`, headers: officer, payload: { answers: [[0]] } });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toContain('学习满');

    // a second tab takes the lease; the first earns nothing from then on
    const second = expectStatus(await t.app.inject({ method: 'POST', url: `/api/study/lessons/${videoLessonId}/sessions`, headers: officer }), 201);
    const b = second.json<{ sessionId: number; creditedSeconds: number; resumePosition: number }>();
    expect(b.creditedSeconds).toBe(20);
    expect(b.resumePosition).toBe(20);
    await elapse(a.sessionId, 20);
    await elapse(b.sessionId, 20);
    expect((await beat(a.sessionId, 3, 40)).json()).toMatchObject({ accepted: false, reason: 'superseded' });
    expect((await beat(b.sessionId, 1, 40)).json()).toMatchObject({ accepted: true, creditSeconds: 20, lessonCreditedSeconds: 40 });

    // another person's session is not found
    expect((await beat(b.sessionId, 2, 40, {}, suzhou)).statusCode).toBe(403);
    const ent = await t.as('ent-kunshan-1');
    expect((await beat(b.sessionId, 2, 40, {}, ent)).statusCode).toBe(403);
    // bad input: a Chinese error naming the field, and nothing changes
    const bad = await beat(b.sessionId, 0, -5);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('心跳序号');

    // a failed quiz completes nothing; a passed one credits the ledger
    const fail = await t.app.inject({ method: 'POST', url: `/api/study/lessons/${videoLessonId}/attempts`, headers: officer, payload: { answers: [[1]] } });
    expect(fail.json()).toMatchObject({ passed: false, score: 0 });
    await elapse(b.sessionId, 20);
    expect((await beat(b.sessionId, 2, 60)).json()).toMatchObject({ accepted: true, creditSeconds: 20, lessonCreditedSeconds: 60 });
    const pass = await t.app.inject({ method: 'POST', url: `/api/study/lessons/${videoLessonId}/attempts`, headers: officer, payload: { answers: [[0]] } });
    expect(pass.json()).toMatchObject({ passed: true, score: 100, creditedMinutes: 1 });
    // a completed lesson earns no more
    await elapse(b.sessionId, 20);
    expect((await beat(b.sessionId, 3, 60)).json()).toMatchObject({ creditSeconds: 0, reason: 'completed' });

    const line = await t.db.selectFrom('study_ledger_entries').selectAll().where('source_ref', '=', `course:${courseId}`).executeTakeFirstOrThrow();
    expect(line).toMatchObject({ source: 'self_study', minutes: 1 });
    const credited = await t.db
      .selectFrom('study_sessions')
      .select((eb) => eb.fn.sum<number>('credited_seconds').as('s'))
      .where('lesson_id', '=', videoLessonId)
      .executeTakeFirstOrThrow();
    expect(Number(credited.s)).toBe(60);

    const account = await t.app.inject({ method: 'GET', url: '/api/study/my/account', headers: officer });
    const acc = account.json<{
      totalMinutes: number;
      targetHours: number;
      bySource: { source: string; minutes: number }[];
      lines: { source: string; minutes: number }[];
    }>();
    expect(acc).toMatchObject({ targetHours: 50, minutesPerHour: 45 });
    expect(acc.bySource.find((s) => s.source === 'self_study')?.minutes).toBe(1);
    expect(acc.totalMinutes).toBe(acc.lines.reduce((n, l) => n + l.minutes, 0));
    const mine = await t.app.inject({ method: 'GET', url: '/api/study/my/courses', headers: officer });
    expect(mine.json<{ id: number; completedLessons: number }[]>()[0]).toMatchObject({ id: courseId, completedLessons: 1 });
  });

  it('issues a transcript through the certificate core, verifiable in public', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/study/my/transcripts', headers: officer, payload: { year: clock.year() } });
    expect(res.statusCode, res.body).toBe(201);
    const { id, serial } = res.json<{ id: number; serial: string }>();
    expect(serial).toMatch(/^JS-XS-/);
    const pdf = await t.app.inject({ method: 'GET', url: `/api/study/transcripts/${id}/pdf`, headers: officer });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const verify = await t.app.inject({ method: 'GET', url: `/api/public/verify/${serial}` });
    expect(verify.json()).toMatchObject({ kind: 'transcript', kindLabel: '学时证明', signatureValid: true, status: 'valid' });
    // nobody else downloads it
    expect((await t.app.inject({ method: 'GET', url: `/api/study/transcripts/${id}/pdf`, headers: suzhou })).statusCode).toBe(403);
  });
});

describe('bureau views', () => {
  it('shows who is behind in the scope, exports it, and reminds them all', async () => {
    const year = clock.year();
    const res = await t.app.inject({ method: 'GET', url: `/api/study/overview?year=${year}`, headers: suzhou });
    expect(res.statusCode).toBe(200);
    const body = res.json<{ totals: { officers: number; behind: number }; byRegion: { name: string }[]; behind: { name: string }[] }>();
    expect(body.totals.officers).toBeGreaterThan(0);
    expect(body.behind.map((b) => b.name)).toContain('陈质量');
    const kunshan = await t.app.inject({ method: 'GET', url: `/api/study/overview?year=${year}`, headers: await t.as('kunshan') });
    const xuanwu = await t.app.inject({ method: 'GET', url: `/api/study/overview?year=${year}`, headers: await t.as('xuanwu') });
    expect(kunshan.json<{ behind: { name: string }[] }>().behind.map((b) => b.name)).toContain('陈质量');
    expect(xuanwu.json<{ behind: { name: string }[] }>().behind.map((b) => b.name)).not.toContain('陈质量');
    expect((await t.app.inject({ method: 'GET', url: '/api/study/overview', headers: officer })).statusCode).toBe(403);

    const xlsx = await t.app.inject({ method: 'GET', url: `/api/study/overview/export?year=${year}`, headers: suzhou });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');

    const remind = await t.app.inject({ method: 'POST', url: '/api/study/overview/remind-behind', headers: await t.as('kunshan'), payload: { year } });
    expect(remind.statusCode).toBe(202);
    const jobId = remind.json<{ jobId: number }>().jobId;
    await t.ctx.jobs.runOnce();
    const job = await t.db.selectFrom('jobs').selectAll().where('id', '=', jobId).executeTakeFirstOrThrow();
    expect(job.status, JSON.stringify(job.error)).toBe('succeeded');
    const officerAccount = await t.db.selectFrom('accounts').select('id').where('username', '=', 'officer-kunshan-1').executeTakeFirstOrThrow();
    const notes = await t.db.selectFrom('notifications').selectAll().where('account_id', '=', officerAccount.id).where('kind', '=', 'study.behind').execute();
    expect(notes).toHaveLength(1);
    const audit = await t.db.selectFrom('audit_events').select('action').where('action', '=', 'study.remind_behind').execute();
    expect(audit).toHaveLength(1);
  });

  it('sends the dated reminders to officers under the threshold', async () => {
    const year = clock.year();
    // the demo officer's training class and community lines lift them over 20 学时: keep only their self-study
    const officer = await t.db
      .selectFrom('persons as p')
      .innerJoin('accounts as a', 'a.id', 'p.account_id')
      .select('p.id')
      .where('a.username', '=', 'officer-kunshan-1')
      .executeTakeFirstOrThrow();
    await t.db
      .updateTable('study_ledger_entries')
      .set({ status: 'revoked', status_reason: '测试' })
      .where('person_id', '=', officer.id)
      .where('year', '=', year)
      .where('source', '!=', 'self_study')
      .execute();
    const job = await t.ctx.jobs.enqueue(t.db, { kind: 'study.reminders', params: { date: `${year}-06-30` } });
    await t.ctx.jobs.runOnce();
    const row = await t.db.selectFrom('jobs').selectAll().where('id', '=', job.id).executeTakeFirstOrThrow();
    expect(row.status).toBe('succeeded');
    expect(row.result).toMatchObject({ belowHours: 20 });
    expect((row.result as { reminded: number }).reminded).toBeGreaterThan(0);
    const none = await t.ctx.jobs.enqueue(t.db, { kind: 'study.reminders', params: { date: `${year}-07-01` } });
    await t.ctx.jobs.runOnce();
    expect((await t.db.selectFrom('jobs').select('result').where('id', '=', none.id).executeTakeFirstOrThrow()).result).toMatchObject({ reminded: 0 });
  });

  it('lets the province change the study settings and nobody else', async () => {
    // a coming year's own target (a past year's is closed: closed-years.test.ts)
    const next = String(clock.year() + 1);
    const body = { minutesPerHour: 45, annualTargetHours: 50, targetHoursByYear: { [next]: 60 }, reminders: [{ month: 6, day: 30, belowHours: 20 }] };
    expect((await t.app.inject({ method: 'PUT', url: '/api/study/settings', headers: suzhou, payload: body })).statusCode).toBe(403);
    const bad = await t.app.inject({ method: 'PUT', url: '/api/study/settings', headers: await t.as('province'), payload: { ...body, minutesPerHour: 10 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('每学时不少于 30 分钟');
    const loaded = (await t.app.inject({ url: '/api/study/settings', headers: await t.as('province') })).json<{ version: number }>();
    const ok = await t.app.inject({
      method: 'PUT',
      url: '/api/study/settings',
      headers: await t.as('province'),
      payload: { ...body, version: loaded.version },
    });
    expect(ok.json()).toMatchObject({ targetHoursByYear: { [next]: 60 }, version: loaded.version + 1 });
    // the same form sent again carries a version that is no longer the stored one
    const stale = await t.app.inject({
      method: 'PUT',
      url: '/api/study/settings',
      headers: await t.as('province'),
      payload: { ...body, version: loaded.version },
    });
    expect(stale.json()).toMatchObject({ error: { code: 'VERSION_CONFLICT', current: loaded.version + 1 } });
  });
});

/** A multipart body with text fields before the file, as the claim form sends it. */
function claimForm(fields: Record<string, string>, file: Buffer) {
  const boundary = `----cqo${Math.random().toString(16).slice(2)}`;
  const parts = Object.entries(fields).map(([k, v]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="evidence.pdf"\r\nContent-Type: application/pdf\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([...parts, head, file, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe('claims of offline learning', () => {
  it('are reviewed by the bureau of the appointment and, approved, become a ledger line', async () => {
    const year = clock.year();
    const bad = claimForm({ source: 'offline', title: '内审员培训', occurredOn: `${year}-01-10`, minutes: '0' }, LETTER_PDF);
    const refused = await t.app.inject({ method: 'POST', url: '/api/study/my/claims', headers: { ...officer, ...bad.headers }, payload: bad.payload });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.message).toContain('时长至少 1 分钟');
    expect(await t.db.selectFrom('study_claims').select('id').execute()).toHaveLength(0);

    const form = claimForm({ source: 'offline', title: '质量管理体系内审员培训', occurredOn: `${year}-01-10`, minutes: '240' }, LETTER_PDF);
    const res = await t.app.inject({ method: 'POST', url: '/api/study/my/claims', headers: { ...officer, ...form.headers }, payload: form.payload });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json<{ id: number }>().id;

    const kunshan = await t.as('kunshan');
    const pending = await t.app.inject({ method: 'GET', url: '/api/study/claims?status=pending', headers: kunshan });
    expect(pending.json<{ id: number }[]>().map((c) => c.id)).toContain(id);
    // the claims answer in camelCase like every other answer
    expect(pending.json<{ id: number }[]>().find((c) => c.id === id)).toMatchObject({
      occurredOn: expect.any(String),
      decisionReason: null,
      createdAt: expect.any(String),
      personName: expect.any(String),
    });
    expect((await t.app.inject({ method: 'GET', url: `/api/study/claims/${id}/evidence`, headers: kunshan })).statusCode).toBe(200);
    // outside the scope: not found; without the permission: forbidden
    expect((await t.app.inject({ method: 'POST', url: `/api/study/claims/${id}/approve`, headers: await t.as('xuanwu') })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/study/claims/${id}/evidence`, headers: nanjing })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'POST', url: `/api/study/claims/${id}/approve`, headers: officer })).statusCode).toBe(403);

    expect((await t.app.inject({ method: 'POST', url: `/api/study/claims/${id}/approve`, headers: kunshan })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'POST', url: `/api/study/claims/${id}/approve`, headers: kunshan })).statusCode).toBe(409);
    const line = await t.db.selectFrom('study_ledger_entries').selectAll().where('source_ref', '=', `claim:${id}`).executeTakeFirstOrThrow();
    expect(line).toMatchObject({ source: 'offline', minutes: 240, year, status: 'credited' });
    const audit = await t.db.selectFrom('audit_events').select('action').where('action', 'in', ['study.claim.submit', 'study.claim.approve']).execute();
    expect(audit).toHaveLength(2);
  });
});
