import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueRotatingToken } from '../../../domain/rotating-token';
import { clock } from '../../clock';
import { createCandidate, QUALITY_DIRECTOR } from '../../testing/factories';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { createClass, shiftClassTo, trainingAccounts, type TrainingAccount } from '../../testing/training-factories';
import { SIGN_IN_PURPOSE } from './attendance';

let t: TestApp;
let h: Record<TrainingAccount, Record<string, string>>;
const MIN = 60_000;

beforeAll(async () => {
  t = await createTestApp({ publicUrl: 'https://cqo.example.gov.cn' });
  h = await trainingAccounts(t);
});
afterAll(async () => {
  await t.close();
});

const newCandidate = (name: string): Promise<number> => createCandidate(t, { enterprise: h.ent, name, fields: QUALITY_DIRECTOR });

describe('enrolment', () => {
  it('enrols the officer and the enterprise’s candidate, then puts the next one on the waiting list', async () => {
    const { id: classId } = await createClass(t);
    const own = await t.app.inject({ method: 'POST', url: `/api/training/classes/${classId}/enrolments`, headers: h.officer, payload: {} });
    expect(own.statusCode).toBe(201);
    expect(own.json()).toMatchObject({ status: 'enrolled' });
    const again = await t.app.inject({ method: 'POST', url: `/api/training/classes/${classId}/enrolments`, headers: h.officer, payload: {} });
    expect(again.statusCode).toBe(409);

    const p1 = await newCandidate('林培训');
    const p2 = await newCandidate('吴候补');
    const r1 = await t.app.inject({ method: 'POST', url: `/api/training/classes/${classId}/enrolments`, headers: h.ent, payload: { candidateId: p1 } });
    expect(r1.json()).toMatchObject({ status: 'enrolled' });
    const r2 = await t.app.inject({ method: 'POST', url: `/api/training/classes/${classId}/enrolments`, headers: h.ent, payload: { candidateId: p2 } });
    expect(r2.json()).toMatchObject({ status: 'waitlisted' });
    // a person who is not the enterprise's, named by another enterprise's candidate id or by the person id
    const other = await t.db
      .selectFrom('candidates as c')
      .innerJoin('enterprises as e', 'e.id', 'c.enterprise_id')
      .innerJoin('org_units as o', 'o.id', 'e.org_unit_id')
      .select(['c.id', 'c.person_id'])
      .where('o.code', '=', '320508')
      .executeTakeFirstOrThrow();
    for (const candidateId of [other.id, other.person_id]) {
      const stranger = await t.app.inject({ method: 'POST', url: `/api/training/classes/${classId}/enrolments`, headers: h.ent, payload: { candidateId } });
      expect(stranger.statusCode).toBe(400);
      expect(stranger.json().error.fields[0].path).toBe('candidateId');
    }
  });

  it('gives a cancelled seat to the first on the waiting list', async () => {
    const { id: classId, enrolments } = await createClass(t, { officers: ['officer-kunshan-1'], candidates: 2 });
    const [officer, candidate, waiting] = enrolments.map((e) => e.id) as [number, number, number];
    expect(enrolments.map((e) => e.status)).toEqual(['enrolled', 'enrolled', 'waitlisted']);
    const cancel = await t.app.inject({ method: 'POST', url: `/api/training/enrolments/${candidate}/cancel`, headers: h.ent, payload: { reason: '工作冲突' } });
    expect(cancel.statusCode).toBe(200);
    const rows = await t.db.selectFrom('training_enrolments').select(['id', 'status']).where('class_id', '=', classId).orderBy('id').execute();
    expect(rows).toEqual([
      { id: officer, status: 'enrolled' },
      { id: candidate, status: 'cancelled' },
      { id: waiting, status: 'enrolled' },
    ]);
    // another enterprise's account cannot cancel, and sees nothing
    expect(
      (await t.app.inject({ method: 'POST', url: `/api/training/enrolments/${waiting}/cancel`, headers: h.gusu, payload: { reason: '测试' } })).statusCode,
    ).toBe(404);
  });

  it('requires a valid 基础 certificate for a 提升 class unless waived', async () => {
    const { id: enhancedId } = await createClass(t, { bureau: 'suzhou', trainer: null, body: { name: '测试提升班', tier: 'enhanced', capacity: 10 } });
    const p = await newCandidate('郑未训');
    const refused = await t.app.inject({ method: 'POST', url: `/api/training/classes/${enhancedId}/enrolments`, headers: h.ent, payload: { candidateId: p } });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.message).toBe('报名提升培训须持有有效的基础培训合格证');
    // the demo officer holds the seeded 基础 certificate
    expect((await t.app.inject({ method: 'POST', url: `/api/training/classes/${enhancedId}/enrolments`, headers: h.officer, payload: {} })).statusCode).toBe(
      201,
    );
    const { id: waivedId } = await createClass(t, {
      bureau: 'suzhou',
      trainer: null,
      body: { name: '测试提升班（免前置）', tier: 'enhanced', waivePrerequisite: true },
    });
    expect(
      (await t.app.inject({ method: 'POST', url: `/api/training/classes/${waivedId}/enrolments`, headers: h.ent, payload: { candidateId: p } })).statusCode,
    ).toBe(201);
  });
});

describe('QR sign-in', () => {
  const signIn = (token: string) => t.app.inject({ method: 'POST', url: '/api/training/sign-in', headers: h.officer, payload: { token } });

  it('accepts the current token for an enrolled officer, once', async () => {
    const { id: classId, sessionIds } = await createClass(t, { officers: ['officer-kunshan-1'], candidates: 1 });
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
    const { sessionIds, enrolments } = await createClass(t, { officers: ['officer-kunshan-1'] });
    const officerEnrolment = enrolments[0]?.id;
    const key = t.ctx.crypto.macKey(SIGN_IN_PURPOSE);
    const current = issueRotatingToken(key, SIGN_IN_PURPOSE, `s${String(sessionIds[0])}`, clock.nowMs()).token;
    // the officer has signed in with the current token
    expect((await signIn(current)).statusCode).toBe(200);
    const old = issueRotatingToken(key, SIGN_IN_PURPOSE, `s${String(sessionIds[0])}`, clock.nowMs() - 120_000).token;
    const expired = await signIn(old);
    expect(expired.statusCode).toBe(400);
    expect(expired.json().error.message).toBe('签到二维码已过期，请扫描屏幕上的最新二维码');
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
    const { id: classId, sessionIds, enrolments } = await createClass(t, { officers: ['officer-kunshan-1'] });
    const officerEnrolment = enrolments[0]?.id ?? 0;
    const url = `/api/training/sessions/${sessionIds[1]}/attendance/${officerEnrolment}`;
    const noReason = await t.app.inject({ method: 'PUT', url, headers: h.trainer, payload: { status: 'present', reason: '' } });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.message).toContain('更正理由');
    expect((await t.app.inject({ method: 'PUT', url, headers: h.otherTrainer, payload: { status: 'present', reason: '补登' } })).statusCode).toBe(404);
    // not before the session has started
    const early = await t.app.inject({ method: 'PUT', url, headers: h.trainer, payload: { status: 'late', reason: '手机没电，现场核实后补登' } });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toMatch(/^该课次开始后（\d{4}-\d{2}-\d{2} \d{2}:\d{2}）方可登记考勤$/);
    expect(
      await t.db
        .selectFrom('training_attendance')
        .select('status')
        .where('session_id', '=', sessionIds[1] ?? 0)
        .execute(),
    ).toEqual([]);
    // the second session has begun (a minute ago)
    await shiftClassTo(
      t,
      classId,
      (
        await t.db
          .selectFrom('training_sessions')
          .select('starts_at')
          .where('id', '=', sessionIds[1] ?? 0)
          .executeTakeFirstOrThrow()
      ).starts_at,
      MIN,
    );
    const ok = await t.app.inject({ method: 'PUT', url, headers: h.trainer, payload: { status: 'late', reason: '手机没电，现场核实后补登' } });
    expect(ok.statusCode).toBe(200);
    const event = await t.db
      .selectFrom('audit_events')
      .select(['actor_username', 'details'])
      .where('action', '=', 'training.attendance.correct')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(event).toMatchObject({
      actor_username: 'trainer-suzhou',
      details: { enrolmentId: officerEnrolment, from: null, to: 'late', reason: '手机没电，现场核实后补登' },
    });
  });
});
