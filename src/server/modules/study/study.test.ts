import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { LETTER_PDF, multipartBody } from '../../testing/files';
import { mp4DurationSeconds } from './media';
import { clock, TestClock, useClock } from '../../clock';
import { expectStatus } from '../../testing/http';

const VIDEO = path.resolve(__dirname, '../../db/seed/media/demo-lesson.mp4');
const QUIZ = { passScore: 60, questions: [{ text: '首席质量官的质量安全否决权称为？', options: ['一票否决', '一票通过'], answer: [0] }] };

let t: TestApp;
let suzhou: Record<string, string>;
let nanjing: Record<string, string>;
let officer: Record<string, string>;
let courseId: number;
let videoLessonId: number;
let nanjingCourseId: number;

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

async function createCourse(headers: Record<string, string>, title: string, tags: string[] = []) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/study/courses',
    headers,
    payload: { title, summary: `${title}的课程简介`, level: 'enhanced', required: true, creditHours: 2, tags },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: number }>().id;
}

async function addVideoLesson(headers: Record<string, string>, course: number) {
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/study/courses/${course}/lessons`,
    headers,
    payload: { title: '质量管理体系导论', kind: 'video', quiz: QUIZ },
  });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json<{ id: number }>().id;
  const { payload, headers: h } = multipartBody('lesson.mp4', fs.readFileSync(VIDEO));
  const up = await t.app.inject({ method: 'PUT', url: `/api/study/lessons/${id}/media`, headers: { ...headers, ...h }, payload });
  expect(up.statusCode, up.body).toBe(200);
  expect(up.json()).toMatchObject({ durationSeconds: 60 });
  return id;
}

beforeAll(async () => {
  t = await createTestApp();
  suzhou = await t.as('suzhou');
  nanjing = await t.as('nanjing');
  officer = await t.as('officer-kunshan-1');
  courseId = await createCourse(suzhou, '卓越绩效管理模式实务', ['绩效实务']);
  videoLessonId = await addVideoLesson(suzhou, courseId);
  const doc = expectStatus(
    await t.app.inject({
      method: 'POST',
      url: `/api/study/courses/${courseId}/lessons`,
      headers: suzhou,
      payload: { title: '质量强国建设纲要解读', kind: 'document', readingMinutes: 1 },
    }),
    201,
  );
  const { payload, headers: h } = multipartBody('doc.pdf', LETTER_PDF);
  expectStatus(
    await t.app.inject({ method: 'PUT', url: `/api/study/lessons/${doc.json<{ id: number }>().id}/media`, headers: { ...suzhou, ...h }, payload }),
    200,
  );
  expect((await t.app.inject({ method: 'POST', url: `/api/study/courses/${courseId}/publish`, headers: suzhou })).statusCode).toBe(200);
  nanjingCourseId = await createCourse(nanjing, '南京市质量提升专题');
  await addVideoLesson(nanjing, nanjingCourseId);
  expectStatus(await t.app.inject({ method: 'POST', url: `/api/study/courses/${nanjingCourseId}/publish`, headers: nanjing }), 200);
});
afterAll(async () => {
  await t.close();
});

describe('publishing courses', () => {
  it('reads the duration of an uploaded MP4 from its header', async () => {
    expect(await mp4DurationSeconds(VIDEO)).toBe(60);
  });

  it('refuses a file that is not what the lesson needs, naming the field, and changes nothing', async () => {
    const course = await createCourse(suzhou, '草稿课程');
    const lesson = expectStatus(
      await t.app.inject({ method: 'POST', url: `/api/study/courses/${course}/lessons`, headers: suzhou, payload: { title: '视频课时', kind: 'video' } }),
      201,
    );
    const id = lesson.json<{ id: number }>().id;
    const { payload, headers: h } = multipartBody('fake.mp4', LETTER_PDF);
    const res = await t.app.inject({ method: 'PUT', url: `/api/study/lessons/${id}/media`, headers: { ...suzhou, ...h }, payload });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0].path).toBe('file');
    const row = await t.db.selectFrom('lessons').select('media_key').where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.media_key).toBeNull();
    // a course whose lesson has no file cannot be published
    const publish = await t.app.inject({ method: 'POST', url: `/api/study/courses/${course}/publish`, headers: suzhou });
    expect(publish.statusCode).toBe(409);
    expect(publish.json().error.message).toContain('视频课时');
  });

  it('validates course input in Chinese, naming the field', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/study/courses', headers: suzhou, payload: { title: '课', level: 'expert', creditHours: 0 } });
    expect(res.statusCode).toBe(400);
    const message = res.json().error.message as string;
    expect(message).toContain('课程名称至少 2 个字');
    expect(message).toContain('层级');
    expect(message).toContain('学时应大于 0');
    const quiz = await t.app.inject({
      method: 'POST',
      url: `/api/study/courses/${courseId}/lessons`,
      headers: suzhou,
      payload: { title: '测验', kind: 'quiz' },
    });
    expect(quiz.statusCode).toBe(400);
  });

  it('keeps bureaus to their own region: a county cannot publish, another city sees nothing, an officer cannot manage', async () => {
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/study/courses',
          headers: await t.as('kunshan'),
          payload: { title: '县局课程', level: 'basic', creditHours: 1 },
        })
      ).statusCode,
    ).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: `/api/study/courses/${courseId}/withdraw`, headers: nanjing })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/study/courses/${courseId}`, headers: nanjing })).statusCode).toBe(404);
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/study/courses', headers: officer, payload: { title: '越权课程', level: 'basic', creditHours: 1 } }))
        .statusCode,
    ).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/study/courses', headers: suzhou })).statusCode).toBe(403);
    const managed = await t.app.inject({ method: 'GET', url: '/api/study/manage/courses', headers: await t.as('province') });
    expect(managed.json<{ id: number }[]>().map((c) => c.id)).toEqual(expect.arrayContaining([courseId, nanjingCourseId]));
  });
});

describe('the catalogue', () => {
  it('shows an officer the courses of its city and the province, with Chinese search and filters', async () => {
    const all = await t.app.inject({ method: 'GET', url: '/api/study/courses', headers: officer });
    expect(all.statusCode).toBe(200);
    const ids = all.json<{ items: { id: number }[] }>().items.map((c) => c.id);
    expect(ids).toContain(courseId);
    expect(ids).not.toContain(nanjingCourseId);
    const hit = await t.app.inject({ method: 'GET', url: `/api/study/courses?q=${encodeURIComponent('绩效管理模式实务')}`, headers: officer });
    expect(hit.json<{ items: { id: number }[] }>().items.map((c) => c.id)).toEqual([courseId]);
    const miss = await t.app.inject({ method: 'GET', url: `/api/study/courses?q=${encodeURIComponent('食品安全')}`, headers: officer });
    expect(miss.json<{ total: number }>().total).toBe(0);
    const basic = await t.app.inject({ method: 'GET', url: '/api/study/courses?level=basic', headers: officer });
    expect(basic.json<{ items: { id: number }[] }>().items.map((c) => c.id)).not.toContain(courseId);
    const tagged = await t.app.inject({ method: 'GET', url: `/api/study/courses?tag=${encodeURIComponent('绩效实务')}`, headers: officer });
    expect(tagged.json<{ total: number }>().total).toBe(1);
  });

  it('refuses a lesson of another city with 404', async () => {
    const other = await t.db.selectFrom('lessons').select('id').where('course_id', '=', nanjingCourseId).executeTakeFirstOrThrow();
    expect((await t.app.inject({ method: 'POST', url: `/api/study/lessons/${other.id}/sessions`, headers: officer })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/study/lessons/${other.id}/media`, headers: officer })).statusCode).toBe(404);
  });

  it('streams video with HTTP ranges', async () => {
    const size = fs.statSync(VIDEO).size;
    const res = await t.app.inject({ method: 'GET', url: `/api/study/lessons/${videoLessonId}/media`, headers: { ...officer, range: 'bytes=100-199' } });
    expect(res.statusCode).toBe(206);
    expect(res.headers['content-range']).toBe(`bytes 100-199/${size}`);
    expect(res.rawPayload.equals(fs.readFileSync(VIDEO).subarray(100, 200))).toBe(true);
    const whole = await t.app.inject({ method: 'GET', url: `/api/study/lessons/${videoLessonId}/media`, headers: officer });
    expect(whole.statusCode).toBe(200);
    expect(whole.headers['content-type']).toBe('video/mp4');
    expect(whole.rawPayload.length).toBe(size);
    const bad = await t.app.inject({ method: 'GET', url: `/api/study/lessons/${videoLessonId}/media`, headers: { ...officer, range: `bytes=${size + 10}-` } });
    expect(bad.statusCode).toBe(416);
  });

  it('documents the ranged answers in the OpenAPI document: 200, 206 Partial Content and 416', async () => {
    type Responses = Record<string, { description: string; content?: Record<string, unknown> }>;
    const res = await t.app.inject({ url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json<{ paths: Record<string, { get?: { responses: Responses } }> }>();
    const responses = doc.paths['/api/study/lessons/{id}/media']?.get?.responses ?? {};
    expect(Object.keys(responses).sort()).toEqual(['200', '206', '416']);
    expect(Object.keys(responses['206']?.content ?? {})).toEqual(['video/mp4', 'application/pdf']);
    expect(responses['206']?.description).toContain('Range');
    expect(responses['416']).toEqual({ description: expect.stringContaining('字节范围') as unknown });
  });
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
