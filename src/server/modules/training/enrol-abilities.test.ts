import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clock } from '../../clock';
import { createTestApp, type TestApp } from '../../testing/test-app';

/** The class list carries the caller's enrolment ability and the reason, decided by the rule the enrolment applies. */
let t: TestApp;
const h: Record<string, Record<string, string>> = {};
beforeAll(async () => {
  t = await createTestApp();
  for (const u of ['province', 'kunshan', 'officer-kunshan-1', 'ent-kunshan-1']) h[u] = await t.as(u);
});
afterAll(async () => {
  await t.close();
});

const MIN = 60_000;
const at = (minutes: number): string => new Date(clock.nowMs() + minutes * MIN).toISOString();
const advancedClass = async (over: Record<string, unknown>): Promise<number> => {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/training/classes',
    headers: h.province,
    payload: {
      name: '测试高级研修班',
      tier: 'advanced',
      format: 'in_person',
      venue: '省局培训中心',
      capacity: 5,
      hours: 24,
      passMark: 60,
      minAttendancePercent: 80,
      sessions: [{ title: '第一课', startsAt: at(3 * 24 * 60), endsAt: at(3 * 24 * 60 + 180) }],
      ...over,
    },
  });
  expect(res.statusCode).toBe(201);
  return res.json<{ id: number }>().id;
};
interface Row {
  id: number;
  canEnrol: boolean;
  enrolRefusal: string | null;
}
const rowOf = async (username: string, id: number): Promise<Row | undefined> => {
  const res = await t.app.inject({ method: 'GET', url: '/api/training/classes?scope=upcoming&pageSize=100', headers: h[username] });
  expect(res.statusCode).toBe(200);
  return res.json<{ items: Row[] }>().items.find((r) => r.id === id);
};

describe('canEnrol and enrolRefusal on GET /api/training/classes', () => {
  it('an officer without the prerequisite certificate sees why before enrolling, and the enrolment refuses with the same words', async () => {
    const id = await advancedClass({ name: '测试高级研修班（须提升证书）' });
    const row = await rowOf('officer-kunshan-1', id);
    expect(row).toMatchObject({ canEnrol: false, enrolRefusal: '报名高级培训须持有有效的提升培训合格证' });
    const refused = await t.app.inject({ method: 'POST', url: `/api/training/classes/${id}/enrolments`, headers: h['officer-kunshan-1'], payload: {} });
    expect(refused.statusCode).toBe(422);
    expect(refused.json<{ error: { message: string } }>().error.message).toBe(row?.enrolRefusal);
  });

  it('a waived class can be joined; once enrolled it says so', async () => {
    const id = await advancedClass({ name: '测试高级研修班（免前置）', waivePrerequisite: true });
    expect(await rowOf('officer-kunshan-1', id)).toMatchObject({ canEnrol: true, enrolRefusal: null });
    expect(
      (await t.app.inject({ method: 'POST', url: `/api/training/classes/${id}/enrolments`, headers: h['officer-kunshan-1'], payload: {} })).statusCode,
    ).toBe(201);
    expect(await rowOf('officer-kunshan-1', id)).toMatchObject({ canEnrol: false, enrolRefusal: '已报名该培训班' });
  });

  it('a passed enrolment deadline is named', async () => {
    const yesterday = new Date(clock.nowMs() - 24 * 60 * MIN).toISOString().slice(0, 10);
    const id = await advancedClass({ name: '测试高级研修班（已截止）', waivePrerequisite: true, enrolDeadline: yesterday });
    expect((await rowOf('officer-kunshan-1', id))?.enrolRefusal).toMatch(/报名已于 .* 截止/);
  });

  it('the enterprise is judged on the class alone; bureaus never enrol and are owed no reason', async () => {
    const id = await advancedClass({ name: '测试高级研修班（企业）' });
    expect(await rowOf('ent-kunshan-1', id)).toMatchObject({ canEnrol: true, enrolRefusal: null });
    expect(await rowOf('province', id)).toMatchObject({ canEnrol: false, enrolRefusal: null });
  });

  it('the class page carries the same: who enrols candidates, why not, and who reads the survey report', async () => {
    const id = await advancedClass({ name: '测试高级研修班（详情）' });
    const detail = async (u: string) => (await t.app.inject({ url: `/api/training/classes/${id}`, headers: h[u] })).json<Record<string, unknown>>();
    expect(await detail('officer-kunshan-1')).toMatchObject({
      canEnrol: false,
      enrolRefusal: '报名高级培训须持有有效的提升培训合格证',
      canEnrolCandidates: false,
      canSeeSurveyReport: false,
    });
    expect(await detail('ent-kunshan-1')).toMatchObject({ canEnrol: true, canEnrolCandidates: true, canSeeSurveyReport: false });
    expect(await detail('province')).toMatchObject({ canEnrolCandidates: false, canSeeSurveyReport: true });
    // the flag says what the report route answers
    expect((await t.app.inject({ url: `/api/training/classes/${id}/survey-report`, headers: h['officer-kunshan-1'] })).statusCode).toBe(403);
    expect((await t.app.inject({ url: `/api/training/classes/${id}/survey-report`, headers: h.province })).statusCode).toBe(200);
  });
});
