import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueRotatingToken } from '../../../domain/rotating-token';
import { createCandidate, idNumberFrom, QUALITY_DIRECTOR } from '../../testing/factories';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { chinaMinute } from '../../../domain/training-timing';
import { sql } from 'kysely';
import { clock } from '../../clock';
import { SIGN_IN_PURPOSE } from './attendance';

const run = promisify(execFile);
let t: TestApp;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cqo-training-'));
const h: Record<string, Record<string, string>> = {};
let officerPersonId: number;
let suzhouInstructors: number[];

const MIN = 60_000;
const classBody = (over: Record<string, unknown> = {}) => ({
  name: '测试基础培训班',
  tier: 'basic',
  format: 'in_person',
  venue: '昆山市市场监督管理局培训室',
  capacity: 2,
  hours: 16,
  passMark: 60,
  minAttendancePercent: 50,
  sessions: [
    { title: '第一课', startsAt: new Date(clock.nowMs() + 20 * MIN).toISOString(), endsAt: new Date(clock.nowMs() + 200 * MIN).toISOString() },
    { title: '第二课', startsAt: new Date(clock.nowMs() + 2 * 24 * 60 * MIN).toISOString(), endsAt: new Date(clock.nowMs() + (2 * 24 * 60 + 180) * MIN).toISOString() },
  ],
  ...over,
});

const ACCOUNTS = { kunshan: 'kunshan', gusu: 'gusu', suzhou: 'suzhou', nanjing: 'nanjing', province: 'province', officer: 'officer-kunshan-1', ent: 'ent-kunshan-1', trainer: 'trainer-suzhou', otherTrainer: 'trainer-other' };

/** Moves the class's sessions back in time so that `moment` (one of their times) is `clock.now()` + `plusMs`. */
async function shiftClassTo(moment: Date, plusMs = 0): Promise<void> {
  const ms = new Date(moment).getTime() - clock.nowMs() + plusMs;
  const by = sql`(${ms / 1000})::float8 * interval '1 second'`;
  await sql`update training_sessions set starts_at = starts_at - ${by}, ends_at = ends_at - ${by} where class_id = ${classId}`.execute(t.db);
}

/** Sessions for every account of the test. */
async function signInAll(): Promise<void> {
  for (const [k, u] of Object.entries(ACCOUNTS)) {
    if (await t.db.selectFrom('accounts').select('id').where('username', '=', u).executeTakeFirst()) h[k] = await t.as(u);
  }
}

const newCandidate = (name: string, body: string): Promise<number> => createCandidate(t, { enterprise: h.ent ?? {}, name: name, idNumber: idNumberFrom(body), fields: QUALITY_DIRECTOR });

async function runJobs() {
  while (await t.ctx.jobs.runOnce()) {
    /* drain */
  }
}

beforeAll(async () => {
  t = await createTestApp({ publicUrl: 'https://cqo.example.gov.cn' });
  await signInAll();
  officerPersonId = (await t.db.selectFrom('persons as p').innerJoin('accounts as a', 'a.id', 'p.account_id').select('p.id').where('a.username', '=', 'officer-kunshan-1').executeTakeFirstOrThrow()).id;
  suzhouInstructors = (
    await t.db.selectFrom('training_instructors as i').innerJoin('org_units as o', 'o.id', 'i.org_unit_id').select('i.id').where('o.code', '=', '320500').orderBy('i.id').execute()
  ).map((r) => r.id);
  // a second trainer, of another institution
  const trainer = await t.db.selectFrom('accounts').select(['password_hash', 'org_unit_id']).where('username', '=', 'trainer-suzhou').executeTakeFirstOrThrow();
  await t.db.insertInto('accounts').values({ username: 'trainer-other', display_name: '另一培训机构', role: 'trainer', org_unit_id: trainer.org_unit_id, password_hash: trainer.password_hash, must_change_password: false }).execute();
  await signInAll();
});
afterAll(async () => {
  await t.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

let classId: number;
let sessionIds: number[];
let officerEnrolment: number;
let candidateEnrolment: number;
let waitingEnrolment: number;

describe('classes', () => {
  it('refuses bad input with Chinese messages naming the field, and a tier the bureau does not organise', async () => {
    const noVenue = await t.app.inject({ method: 'POST', url: '/api/training/classes', headers: h.kunshan, payload: classBody({ venue: null }) });
    expect(noVenue.statusCode).toBe(400);
    expect(noVenue.json().error.fields).toEqual([expect.objectContaining({ path: 'venue', message: expect.stringContaining('培训地点') })]);
    const badTimes = await t.app.inject({ method: 'POST', url: '/api/training/classes', headers: h.kunshan, payload: classBody({ sessions: [{ title: 'x', startsAt: '2026-05-01T10:00:00Z', endsAt: '2026-05-01T09:00:00Z' }] }) });
    expect(badTimes.statusCode).toBe(400);
    expect(badTimes.json().error.message).toContain('结束时间须晚于开始时间');
    const advanced = await t.app.inject({ method: 'POST', url: '/api/training/classes', headers: h.kunshan, payload: classBody({ tier: 'advanced' }) });
    expect(advanced.statusCode).toBe(400);
    expect(advanced.json().error.fields[0].path).toBe('tier');
    const byOfficer = await t.app.inject({ method: 'POST', url: '/api/training/classes', headers: h.officer, payload: classBody() });
    expect(byOfficer.statusCode).toBe(403);
    expect(await t.db.selectFrom('training_classes').select('id').where('name', '=', '测试基础培训班').execute()).toEqual([]);
  });

  it('leaves the 基础 tier of a county merged into its city (合并至市级) to the city', async () => {
    const kunshan = await t.db.selectFrom('org_units').select('id').where('code', '=', '320583').executeTakeFirstOrThrow();
    await t.db.insertInto('county_training_settings').values({ org_unit_id: kunshan.id, merged_into_city: true }).execute();
    try {
      const refused = await t.app.inject({ method: 'POST', url: '/api/training/classes', headers: h.kunshan, payload: classBody() });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error.fields).toEqual([expect.objectContaining({ path: 'tier', message: expect.stringContaining('合并至设区市') })]);
      expect(await t.db.selectFrom('training_classes').select('id').where('name', '=', '测试基础培训班').execute()).toEqual([]);
    } finally {
      await t.db.deleteFrom('county_training_settings').where('org_unit_id', '=', kunshan.id).execute();
    }
  });

  it('creates a county 基础 class run by a trainer with instructors from the city pool', async () => {
    const trainerId = (await t.db.selectFrom('accounts').select('id').where('username', '=', 'trainer-suzhou').executeTakeFirstOrThrow()).id;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/training/classes',
      headers: h.kunshan,
      payload: classBody({ trainerAccountId: trainerId, instructors: [{ instructorId: suzhouInstructors[0], topic: '质量管理体系' }], quiz: [{ question: '首席质量官向谁负责？', options: ['质量部', '总经理'], answer: 1 }] }),
    });
    expect(res.statusCode).toBe(201);
    classId = res.json<{ id: number }>().id;
    const detail = (await t.app.inject({ url: `/api/training/classes/${classId}`, headers: h.kunshan })).json();
    expect(detail).toMatchObject({ tier: 'basic', providerName: '苏州市质量技术培训中心', hours: 16, canDeliver: true, instructors: [{ id: suzhouInstructors[0] }] });
    // the quiz answers are not shown
    expect(detail.quiz).toEqual([{ question: '首席质量官向谁负责？', options: ['质量部', '总经理'] }]);
    sessionIds = detail.sessions.map((s: { id: number }) => s.id);
    const audit = await t.db.selectFrom('audit_events').select('action').where('target_type', '=', 'training_class').where('target_id', '=', String(classId)).execute();
    expect(audit.map((a) => a.action)).toEqual(['training.class.create']);
  });

  it('is seen by the organiser, the bureaus above, its trainer and officers below; not by other counties or trainers', async () => {
    const ids = async (who: string) => (await t.app.inject({ url: '/api/training/classes?pageSize=200', headers: h[who] })).json<{ items: { id: number }[] }>().items.map((c) => c.id);
    for (const who of ['kunshan', 'suzhou', 'province', 'trainer', 'officer', 'ent']) expect(await ids(who), who).toContain(classId);
    for (const who of ['gusu', 'nanjing', 'otherTrainer']) expect(await ids(who), who).not.toContain(classId);
    const trainerClasses = await t.db.selectFrom('training_classes as c').innerJoin('accounts as a', 'a.id', 'c.trainer_account_id').select('c.id').where('a.username', '=', 'trainer-suzhou').execute();
    expect((await ids('trainer')).sort()).toEqual(trainerClasses.map((c) => c.id).sort());
    for (const who of ['gusu', 'nanjing', 'otherTrainer']) {
      expect((await t.app.inject({ url: `/api/training/classes/${classId}`, headers: h[who] })).statusCode, who).toBe(404);
      expect((await t.app.inject({ url: `/api/training/classes/${classId}/roster`, headers: h[who] })).statusCode, who).toBe(404);
    }
    expect((await t.app.inject({ url: `/api/training/classes/${classId}/roster`, headers: h.officer })).statusCode).toBe(403);
    expect((await t.app.inject({ url: `/api/training/sessions/${sessionIds[0]}/sign-in-code`, headers: h.officer })).statusCode).toBe(403);
    expect((await t.app.inject({ url: `/api/training/sessions/${sessionIds[0]}/sign-in-code`, headers: h.otherTrainer })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'POST', url: `/api/training/classes/${classId}/cancel`, headers: h.trainer, payload: { reason: '测试取消' } })).statusCode).toBe(403);
  });
});

describe('enrolment', () => {
  it('enrols the officer and the enterprise’s candidate, then puts the next one on the waiting list', async () => {
    const own = await t.app.inject({ method: 'POST', url: `/api/training/classes/${classId}/enrolments`, headers: h.officer, payload: {} });
    expect(own.statusCode).toBe(201);
    expect(own.json()).toMatchObject({ status: 'enrolled' });
    officerEnrolment = own.json<{ id: number }>().id;
    const again = await t.app.inject({ method: 'POST', url: `/api/training/classes/${classId}/enrolments`, headers: h.officer, payload: {} });
    expect(again.statusCode).toBe(409);

    const p1 = await newCandidate('林培训', '32058319800101123');
    const p2 = await newCandidate('吴候补', '32058319810202234');
    const r1 = await t.app.inject({ method: 'POST', url: `/api/training/classes/${classId}/enrolments`, headers: h.ent, payload: { candidateId: p1 } });
    expect(r1.json()).toMatchObject({ status: 'enrolled' });
    candidateEnrolment = r1.json<{ id: number }>().id;
    const r2 = await t.app.inject({ method: 'POST', url: `/api/training/classes/${classId}/enrolments`, headers: h.ent, payload: { candidateId: p2 } });
    expect(r2.json()).toMatchObject({ status: 'waitlisted' });
    waitingEnrolment = r2.json<{ id: number }>().id;
    // a person who is not the enterprise's, named by another enterprise's candidate id or by the person id
    const other = await t.db.selectFrom('candidates as c').innerJoin('enterprises as e', 'e.id', 'c.enterprise_id').innerJoin('org_units as o', 'o.id', 'e.org_unit_id').select(['c.id', 'c.person_id']).where('o.code', '=', '320508').executeTakeFirstOrThrow();
    for (const candidateId of [other.id, other.person_id]) {
      const stranger = await t.app.inject({ method: 'POST', url: `/api/training/classes/${classId}/enrolments`, headers: h.ent, payload: { candidateId } });
      expect(stranger.statusCode).toBe(400);
      expect(stranger.json().error.fields[0].path).toBe('candidateId');
    }
  });

  it('gives a cancelled seat to the first on the waiting list', async () => {
    const cancel = await t.app.inject({ method: 'POST', url: `/api/training/enrolments/${candidateEnrolment}/cancel`, headers: h.ent, payload: { reason: '工作冲突' } });
    expect(cancel.statusCode).toBe(200);
    const rows = await t.db.selectFrom('training_enrolments').select(['id', 'status']).where('class_id', '=', classId).orderBy('id').execute();
    expect(rows).toEqual([
      { id: officerEnrolment, status: 'enrolled' },
      { id: candidateEnrolment, status: 'cancelled' },
      { id: waitingEnrolment, status: 'enrolled' },
    ]);
    // another enterprise's account cannot cancel, and sees nothing
    expect((await t.app.inject({ method: 'POST', url: `/api/training/enrolments/${waitingEnrolment}/cancel`, headers: h.gusu, payload: { reason: '测试' } })).statusCode).toBe(404);
  });

  it('requires a valid 基础 certificate for a 提升 class unless waived', async () => {
    const create = await t.app.inject({ method: 'POST', url: '/api/training/classes', headers: h.suzhou, payload: classBody({ name: '测试提升班', tier: 'enhanced', capacity: 10 }) });
    expect(create.statusCode).toBe(201);
    const enhancedId = create.json<{ id: number }>().id;
    const p = await newCandidate('郑未训', '32058319820303345');
    const refused = await t.app.inject({ method: 'POST', url: `/api/training/classes/${enhancedId}/enrolments`, headers: h.ent, payload: { candidateId: p } });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.message).toBe('报名提升培训须持有有效的基础培训合格证');
    // the demo officer holds the seeded 基础 certificate
    expect((await t.app.inject({ method: 'POST', url: `/api/training/classes/${enhancedId}/enrolments`, headers: h.officer, payload: {} })).statusCode).toBe(201);
    const waived = await t.app.inject({ method: 'POST', url: '/api/training/classes', headers: h.suzhou, payload: classBody({ name: '测试提升班（免前置）', tier: 'enhanced', waivePrerequisite: true }) });
    expect((await t.app.inject({ method: 'POST', url: `/api/training/classes/${waived.json<{ id: number }>().id}/enrolments`, headers: h.ent, payload: { candidateId: p } })).statusCode).toBe(201);
  });
});

describe('QR sign-in', () => {
  const signIn = (token: string) => t.app.inject({ method: 'POST', url: '/api/training/sign-in', headers: h.officer, payload: { token } });

  it('accepts the current token for an enrolled officer, once', async () => {
    const code = await t.app.inject({ url: `/api/training/sessions/${sessionIds[0]}/sign-in-code`, headers: h.trainer });
    expect(code.statusCode).toBe(200);
    const body = code.json<{ token: string; url: string; svg: string; enrolled: number }>();
    expect(body.url).toBe(`https://cqo.example.gov.cn/training/sign-in?t=${encodeURIComponent(body.token)}`);
    expect(body.svg).toContain('<svg');
    expect(body.enrolled).toBe(2);
    const ok = await signIn(body.token);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'present', already: false, classId });
    expect((await signIn(body.token)).json()).toMatchObject({ already: true });
  });

  it('refuses expired, forged, malformed and other-key tokens, and people not enrolled', async () => {
    const key = t.ctx.crypto.macKey(SIGN_IN_PURPOSE);
    const old = issueRotatingToken(key, SIGN_IN_PURPOSE, `s${String(sessionIds[0])}`, clock.nowMs() - 120_000).token;
    const expired = await signIn(old);
    expect(expired.statusCode).toBe(400);
    expect(expired.json().error.message).toBe('签到二维码已过期，请扫描屏幕上的最新二维码');
    const current = issueRotatingToken(key, SIGN_IN_PURPOSE, `s${String(sessionIds[0])}`, clock.nowMs()).token;
    const [subject, step, mac] = current.split('.') as [string, string, string];
    const forgedMac = `${subject}.${step}.${mac.startsWith('A') ? 'B' : 'A'}${mac.slice(1)}`;
    expect((await signIn(forgedMac)).json().error.message).toBe('签到二维码无效');
    // a genuine token for session 1 cannot be re-labelled for session 2
    expect((await signIn(`s${String(sessionIds[1])}.${step}.${mac}`)).json().error.message).toBe('签到二维码无效');
    const otherKey = issueRotatingToken(Buffer.alloc(32, 7), SIGN_IN_PURPOSE, `s${String(sessionIds[0])}`, clock.nowMs()).token;
    expect((await signIn(otherKey)).statusCode).toBe(400);
    expect((await signIn('not-a-token')).statusCode).toBe(400);
    // session 2 has not opened
    const second = issueRotatingToken(key, SIGN_IN_PURPOSE, `s${String(sessionIds[1])}`, clock.nowMs()).token;
    const early = await signIn(second);
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toContain('签到尚未开始');
    // a bureau account cannot sign in
    expect((await t.app.inject({ method: 'POST', url: '/api/training/sign-in', headers: h.kunshan, payload: { token: current } })).statusCode).toBe(403);
    const rows = await t.db.selectFrom('training_attendance').select(['enrolment_id', 'status', 'method']).where('session_id', 'in', sessionIds).execute();
    expect(rows).toEqual([{ enrolment_id: officerEnrolment, status: 'present', method: 'qr' }]);
  });

  it('lets the trainer correct attendance with a reason, audited', async () => {
    const url = `/api/training/sessions/${sessionIds[1]}/attendance/${officerEnrolment}`;
    const noReason = await t.app.inject({ method: 'PUT', url, headers: h.trainer, payload: { status: 'present', reason: '' } });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.message).toContain('更正理由');
    expect((await t.app.inject({ method: 'PUT', url, headers: h.otherTrainer, payload: { status: 'present', reason: '补登' } })).statusCode).toBe(404);
    // not before the session has started
    const early = await t.app.inject({ method: 'PUT', url, headers: h.trainer, payload: { status: 'late', reason: '手机没电，现场核实后补登' } });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toMatch(/^该课次开始后（\d{4}-\d{2}-\d{2} \d{2}:\d{2}）方可登记考勤$/);
    expect(await t.db.selectFrom('training_attendance').select('status').where('session_id', '=', sessionIds[1] ?? 0).execute()).toEqual([]);
    // the second session has begun (a minute ago)
    await shiftClassTo((await t.db.selectFrom('training_sessions').select('starts_at').where('id', '=', sessionIds[1] ?? 0).executeTakeFirstOrThrow()).starts_at, MIN);
    const ok = await t.app.inject({ method: 'PUT', url, headers: h.trainer, payload: { status: 'late', reason: '手机没电，现场核实后补登' } });
    expect(ok.statusCode).toBe(200);
    const event = await t.db.selectFrom('audit_events').select(['actor_username', 'details']).where('action', '=', 'training.attendance.correct').orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(event).toMatchObject({ actor_username: 'trainer-suzhou', details: { enrolmentId: officerEnrolment, from: null, to: 'late', reason: '手机没电，现场核实后补登' } });
  });
});

describe('assessment and certificates', () => {
  let certId: number;
  let serial: string;

  it('refuses scores, pass decisions and certificates until the last session has ended, naming when', async () => {
    const last = (await t.db.selectFrom('training_sessions').select((eb) => eb.fn.max('ends_at').as('end')).where('class_id', '=', classId).executeTakeFirstOrThrow()).end as Date;
    const when = chinaMinute(new Date(last));
    const scores = await t.app.inject({ method: 'PUT', url: `/api/training/classes/${classId}/scores`, headers: h.trainer, payload: { entries: [{ enrolmentId: officerEnrolment, score: 90 }] } });
    expect(scores.statusCode).toBe(409);
    expect(scores.json().error.message).toBe(`该培训班最后一次课程结束后（${when}）方可录入成绩`);
    const one = await t.app.inject({ method: 'POST', url: `/api/training/enrolments/${officerEnrolment}/certificate`, headers: h.trainer });
    expect(one.statusCode).toBe(409);
    expect(one.json().error.message).toBe(`该培训班最后一次课程结束后（${when}）方可发放合格证`);
    expect((await t.app.inject({ method: 'POST', url: `/api/training/classes/${classId}/certificates`, headers: h.kunshan })).statusCode).toBe(409);
    const roster = (await t.app.inject({ url: `/api/training/classes/${classId}/roster`, headers: h.trainer })).json<{ items: { id: number; completion: { complete: boolean; missing: string[] } }[] }>();
    expect(roster.items.find((r) => r.id === officerEnrolment)?.completion).toMatchObject({ complete: false, missing: expect.arrayContaining([`该培训班最后一次课程结束后（${when}）方可结业`]) });
    expect(await t.db.selectFrom('training_enrolments').select('score').where('id', '=', officerEnrolment).executeTakeFirstOrThrow()).toEqual({ score: null });
    // the class took place: its last session ended a minute ago, and results are open
    await shiftClassTo(new Date(last), MIN);
  });

  it('refuses a certificate before completion, naming what is missing', async () => {
    const res = await t.app.inject({ method: 'POST', url: `/api/training/enrolments/${waitingEnrolment}/certificate`, headers: h.trainer });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toBe('未达到结业条件：出勤率 0%，未达到 50%；尚无考核成绩');
  });

  it('takes scores and make-up scores, with the rules on make-ups', async () => {
    const bad = await t.app.inject({ method: 'PUT', url: `/api/training/classes/${classId}/scores`, headers: h.trainer, payload: { entries: [{ enrolmentId: officerEnrolment, score: 101 }] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('成绩应在 0–100 之间');
    const first = await t.app.inject({ method: 'PUT', url: `/api/training/classes/${classId}/scores`, headers: h.trainer, payload: { entries: [{ enrolmentId: officerEnrolment, score: 55 }, { enrolmentId: waitingEnrolment, score: 88 }] } });
    expect(first.statusCode).toBe(200);
    const makeupForPassed = await t.app.inject({ method: 'PUT', url: `/api/training/classes/${classId}/scores`, headers: h.trainer, payload: { entries: [{ enrolmentId: waitingEnrolment, makeupScore: 90 }] } });
    expect(makeupForPassed.statusCode).toBe(400);
    expect(makeupForPassed.json().error.message).toContain('无需补考');
    const notFailedYet = await t.app.inject({ method: 'POST', url: `/api/training/enrolments/${officerEnrolment}/certificate`, headers: h.trainer });
    expect(notFailedYet.json().error.message).toContain('考核成绩 55 分，未达到合格线 60 分');
    const makeup = await t.app.inject({ method: 'PUT', url: `/api/training/classes/${classId}/scores`, headers: h.trainer, payload: { entries: [{ enrolmentId: officerEnrolment, makeupScore: 72 }] } });
    expect(makeup.statusCode).toBe(200);
    // a cancelled enrolment takes no score
    expect((await t.app.inject({ method: 'PUT', url: `/api/training/classes/${classId}/scores`, headers: h.trainer, payload: { entries: [{ enrolmentId: candidateEnrolment, score: 80 }] } })).statusCode).toBe(400);
  });

  it('issues the certificate on completion, credits the study account and verifies publicly', async () => {
    const before = await t.db.selectFrom('study_ledger_entries').select('id').where('person_id', '=', officerPersonId).where('source_ref', '=', `training_class:${String(classId)}`).execute();
    expect(before).toEqual([]);
    const res = await t.app.inject({ method: 'POST', url: `/api/training/enrolments/${officerEnrolment}/certificate`, headers: h.trainer });
    expect(res.statusCode).toBe(201);
    ({ id: certId, serial } = res.json<{ id: number; serial: string }>());
    expect(serial).toMatch(/^JS-PX-\d{4}-[2-9A-Z]{8}$/);
    const line = await t.db.selectFrom('study_ledger_entries').selectAll().where('person_id', '=', officerPersonId).where('source_ref', '=', `training_class:${String(classId)}`).executeTakeFirstOrThrow();
    expect(line).toMatchObject({ source: 'training', minutes: 16 * 45, status: 'credited', title: '测试基础培训班' });
    const verify = await t.app.inject({ url: `/api/public/verify/${serial}` });
    expect(verify.json()).toMatchObject({ kind: 'training_certificate', kindLabel: '首席质量官培训合格证', status: 'valid', holderName: '陈*量', signatureValid: true, bureauName: '昆山市市场监督管理局', className: '测试基础培训班', tierLabel: '基础', expiresAt: null });
    expect((await t.app.inject({ method: 'POST', url: `/api/training/enrolments/${officerEnrolment}/certificate`, headers: h.trainer })).statusCode).toBe(409);
    const notice = await t.db.selectFrom('notifications as n').innerJoin('accounts as a', 'a.id', 'n.account_id').select('n.title').where('a.username', '=', 'officer-kunshan-1').where('n.kind', '=', 'training.certificate.issued').execute();
    expect(notice.length).toBeGreaterThan(0);
  });

  it('renders an A4 certificate PDF the holder can download; others cannot', async () => {
    const res = await t.app.inject({ url: `/api/training/certificates/${certId}/pdf`, headers: h.officer });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const file = path.join(dir, 'cert.pdf');
    fs.writeFileSync(file, res.rawPayload);
    const stdout = (await run('pdftotext', [file, '-'])).stdout.replace(/\s+/g, '');
    for (const text of ['培训合格证', '陈质量', '测试基础培训班', '基础培训', '16学时', '72分（合格）', '昆山市市场监督管理局', '苏州市质量技术培训中心', serial, `https://cqo.example.gov.cn/verify/${serial}`]) expect(stdout).toContain(text);
    const info = await run('pdfinfo', [file]);
    expect(info.stdout).toMatch(/Pages:\s+1/);
    expect(info.stdout).toMatch(/Page size:\s+595\.\d* x 841\.\d*/);
    expect((await t.app.inject({ url: `/api/training/certificates/${certId}/pdf`, headers: h.ent })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/api/training/certificates/${certId}/pdf`, headers: h.gusu })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/api/training/certificates/${certId}/pdf`, headers: h.kunshan })).statusCode).toBe(200);
  });

  it('revokes with a reason (the study line too) and reissues under a new serial', async () => {
    const noReason = await t.app.inject({ method: 'POST', url: `/api/training/certificates/${certId}/revoke`, headers: h.kunshan, payload: { reason: '' } });
    expect(noReason.statusCode).toBe(400);
    expect((await t.app.inject({ method: 'POST', url: `/api/training/certificates/${certId}/revoke`, headers: h.gusu, payload: { reason: '越权撤销' } })).statusCode).toBe(404);
    const revoke = await t.app.inject({ method: 'POST', url: `/api/training/certificates/${certId}/revoke`, headers: h.kunshan, payload: { reason: '考核成绩录入错误' } });
    expect(revoke.statusCode).toBe(200);
    expect((await t.app.inject({ url: `/api/public/verify/${serial}` })).json()).toMatchObject({ status: 'revoked', statusReason: '考核成绩录入错误', signatureValid: true });
    const line = await t.db.selectFrom('study_ledger_entries').select(['status', 'status_reason']).where('person_id', '=', officerPersonId).where('source_ref', '=', `training_class:${String(classId)}`).executeTakeFirstOrThrow();
    expect(line.status).toBe('revoked');
    expect(line.status_reason).toContain(serial);
    const pdf = await t.app.inject({ url: `/api/training/certificates/${certId}/pdf`, headers: h.officer });
    fs.writeFileSync(path.join(dir, 'revoked.pdf'), pdf.rawPayload);
    expect((await run('pdftotext', [path.join(dir, 'revoked.pdf'), '-'])).stdout).toContain('本证书已撤销：考核成绩录入错误');
    expect((await t.app.inject({ method: 'POST', url: `/api/training/certificates/${certId}/revoke`, headers: h.kunshan, payload: { reason: '再次撤销' } })).statusCode).toBe(409);

    const reissue = await t.app.inject({ method: 'POST', url: `/api/training/certificates/${certId}/reissue`, headers: h.trainer, payload: { reason: '更正后换发' } });
    expect(reissue.statusCode).toBe(201);
    const next = reissue.json<{ id: number; serial: string }>();
    expect(next.serial).not.toBe(serial);
    expect((await t.app.inject({ url: `/api/public/verify/${next.serial}` })).json()).toMatchObject({ status: 'valid' });
    const relined = await t.db.selectFrom('study_ledger_entries').select(['status', 'minutes']).where('person_id', '=', officerPersonId).where('source_ref', '=', `training_class:${String(classId)}`).execute();
    expect(relined).toEqual([{ status: 'credited', minutes: 720 }]);
  });

  it('bulk-issues the class’s remaining certificates in a job', async () => {
    // the promoted enrolment attends and has passed
    await t.app.inject({ method: 'PUT', url: `/api/training/sessions/${sessionIds[0]}/attendance/${waitingEnrolment}`, headers: h.trainer, payload: { status: 'present', reason: '现场签到表核对' } });
    const res = await t.app.inject({ method: 'POST', url: `/api/training/classes/${classId}/certificates`, headers: h.kunshan });
    expect(res.statusCode).toBe(202);
    await runJobs();
    const job = await t.db.selectFrom('jobs').select(['status', 'result']).where('id', '=', res.json<{ jobId: number }>().jobId).executeTakeFirstOrThrow();
    expect(job).toMatchObject({ status: 'succeeded', result: { issued: 1 } });
    const roster = (await t.app.inject({ url: `/api/training/classes/${classId}/roster`, headers: h.trainer })).json<{ items: { id: number; certificate: { status: string } | null; completion: { complete: boolean } }[] }>();
    expect(roster.items.filter((r) => r.certificate?.status === 'valid').map((r) => r.id).sort()).toEqual([officerEnrolment, waitingEnrolment].sort());
    expect((await t.app.inject({ method: 'POST', url: `/api/training/classes/${classId}/certificates`, headers: h.otherTrainer })).statusCode).toBe(404);
  });

  it('exports the roster as Excel', async () => {
    const res = await t.app.inject({ url: `/api/training/classes/${classId}/roster.xlsx`, headers: h.kunshan });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });
});

describe('effect evaluation', () => {
  const ratings = { content: 5, instructors: 4, organisation: 4, venue: 3, usefulness: 5 };
  it('takes one survey per enrolled officer and reports it', async () => {
    const bad = await t.app.inject({ method: 'POST', url: `/api/training/classes/${classId}/survey`, headers: h.officer, payload: { ratings: { ...ratings, venue: 6 } } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('请选择 1–5 分');
    const otherInstructor = await t.app.inject({ method: 'POST', url: `/api/training/classes/${classId}/survey`, headers: h.officer, payload: { ratings, instructorRatings: { [String(suzhouInstructors[1])]: 5 } } });
    expect(otherInstructor.statusCode).toBe(400);
    const ok = await t.app.inject({
      method: 'POST',
      url: `/api/training/classes/${classId}/survey`,
      headers: h.officer,
      payload: { ratings, instructorRatings: { [String(suzhouInstructors[0])]: 5 }, comment: '案例很实用', quizAnswers: [1] },
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ postQuizScore: 100 });
    expect((await t.app.inject({ method: 'POST', url: `/api/training/classes/${classId}/survey`, headers: h.officer, payload: { ratings } })).statusCode).toBe(409);
    expect((await t.app.inject({ method: 'POST', url: `/api/training/classes/${classId}/survey`, headers: h.kunshan, payload: { ratings } })).statusCode).toBe(403);

    const report = await t.app.inject({ url: `/api/training/classes/${classId}/survey-report`, headers: h.trainer });
    expect(report.statusCode).toBe(200);
    expect(report.json()).toMatchObject({
      responses: 1,
      enrolled: 2,
      responseRate: 50,
      overallMean: 4.2,
      items: expect.arrayContaining([{ key: 'venue', label: '场地与平台', mean: 3, satisfiedPercent: 0, distribution: [0, 0, 1, 0, 0] }]),
      instructors: [{ id: suzhouInstructors[0], mean: 5, count: 1 }],
      quiz: { questions: 1, postMean: 100 },
      comments: [{ text: '案例很实用' }],
    });
    expect((await t.app.inject({ url: `/api/training/classes/${classId}/survey-report`, headers: h.officer })).statusCode).toBe(403);
    expect((await t.app.inject({ url: `/api/training/classes/${classId}/survey-report`, headers: h.gusu })).statusCode).toBe(404);
  });

  it('rates instructors in the pool from survey answers', async () => {
    const pool = (await t.app.inject({ url: '/api/training/instructors', headers: h.suzhou })).json<{ id: number; rating: number | null; ratingCount: number }[]>();
    const first = pool.find((i) => i.id === suzhouInstructors[0]);
    expect(first?.ratingCount).toBeGreaterThan(1);
    expect(first?.rating).toBeGreaterThan(4);
    const county = await t.app.inject({ method: 'POST', url: '/api/training/instructors', headers: h.kunshan, payload: { name: '王讲师', organisation: '某单位' } });
    expect(county.statusCode).toBe(403);
    const city = await t.app.inject({ method: 'POST', url: '/api/training/instructors', headers: h.suzhou, payload: { name: '', organisation: '某单位' } });
    expect(city.statusCode).toBe(400);
    expect(city.json().error.message).toContain('讲师姓名');
  });
});

describe('views', () => {
  it('shows the officer their record with completion and certificates', async () => {
    const me = (await t.app.inject({ url: '/api/training/me', headers: h.officer })).json<{ items: { classId: number; enrolment: { completion: { complete: boolean }; certificate: { status: string } | null; surveySubmittedAt: string | null } }[] }>();
    const mine = me.items.find((i) => i.classId === classId);
    expect(mine?.enrolment).toMatchObject({ completion: { complete: true }, certificate: { status: 'valid' } });
    expect(mine?.enrolment.surveySubmittedAt).not.toBeNull();
  });

  it('gives the bureau pass rates, satisfaction and coverage by region', async () => {
    const res = await t.app.inject({ url: '/api/training/overview', headers: h.suzhou });
    expect(res.statusCode).toBe(200);
    const body = res.json<{ tiers: { tier: string; classes: number; passRate: number | null }[]; coverage: { code: string; activeOfficers: number; trainedOfficers: number }[] }>();
    expect(body.tiers.find((x) => x.tier === 'basic')?.classes).toBeGreaterThan(0);
    const ks = body.coverage.find((c) => c.code === '320583');
    expect(ks?.activeOfficers).toBeGreaterThan(0);
    expect(ks?.trainedOfficers).toBeGreaterThan(0);
    expect((await t.app.inject({ url: '/api/training/overview', headers: h.officer })).statusCode).toBe(403);
  });
});
