import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { send } from '../../testing/http';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { createClass, enterScores, issueCertificate, suzhouInstructors, trainingAccounts, type TrainingAccount } from '../../testing/training-factories';

let t: TestApp;
let h: Record<TrainingAccount, Record<string, string>>;
let instructors: number[];

beforeAll(async () => {
  t = await createTestApp({ publicUrl: 'https://cqo.example.gov.cn' });
  h = await trainingAccounts(t);
  instructors = await suzhouInstructors(t);
});
afterAll(async () => {
  await t.close();
});

const ratings = { content: 5, instructors: 4, organisation: 4, venue: 3, usefulness: 5 };

/** A class taught by the first 苏州 instructor with a one-question quiz, taken place, the officer and a candidate enrolled. */
function taughtClass(over: { attended?: boolean } = {}) {
  return createClass(t, {
    officers: ['officer-kunshan-1'],
    candidates: 1,
    ended: true,
    attended: over.attended ?? false,
    body: {
      instructors: [{ instructorId: instructors[0], topic: '质量管理体系' }],
      quiz: [{ question: '首席质量官向谁负责？', options: ['质量部', '总经理'], answer: 1 }],
    },
  });
}

/** The officer's survey of the class (201). */
const submitSurvey = (classId: number, body: Record<string, unknown>) =>
  send(t, { method: 'POST', url: `/api/training/classes/${String(classId)}/survey`, headers: h.officer, payload: body }, 201);

describe('effect evaluation', () => {
  it('takes one survey per enrolled officer and reports it', async () => {
    const { id: classId } = await taughtClass();
    const bad = await t.app.inject({
      method: 'POST',
      url: `/api/training/classes/${classId}/survey`,
      headers: h.officer,
      payload: { ratings: { ...ratings, venue: 6 } },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('请选择 1–5 分');
    const otherInstructor = await t.app.inject({
      method: 'POST',
      url: `/api/training/classes/${classId}/survey`,
      headers: h.officer,
      payload: { ratings, instructorRatings: { [String(instructors[1])]: 5 } },
    });
    expect(otherInstructor.statusCode).toBe(400);
    const ok = await t.app.inject({
      method: 'POST',
      url: `/api/training/classes/${classId}/survey`,
      headers: h.officer,
      payload: { ratings, instructorRatings: { [String(instructors[0])]: 5 }, comment: '案例很实用', quizAnswers: [1] },
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ postQuizScore: 100 });
    expect((await t.app.inject({ method: 'POST', url: `/api/training/classes/${classId}/survey`, headers: h.officer, payload: { ratings } })).statusCode).toBe(
      409,
    );
    expect((await t.app.inject({ method: 'POST', url: `/api/training/classes/${classId}/survey`, headers: h.kunshan, payload: { ratings } })).statusCode).toBe(
      403,
    );

    const report = await t.app.inject({ url: `/api/training/classes/${classId}/survey-report`, headers: h.trainer });
    expect(report.statusCode).toBe(200);
    expect(report.json()).toMatchObject({
      responses: 1,
      enrolled: 2,
      responseRate: 50,
      overallMean: 4.2,
      items: expect.arrayContaining([{ key: 'venue', label: '场地与平台', mean: 3, satisfiedPercent: 0, distribution: [0, 0, 1, 0, 0] }]),
      instructors: [{ id: instructors[0], mean: 5, count: 1 }],
      quiz: { questions: 1, postMean: 100 },
      comments: [{ text: '案例很实用' }],
    });
    expect((await t.app.inject({ url: `/api/training/classes/${classId}/survey-report`, headers: h.officer })).statusCode).toBe(403);
    expect((await t.app.inject({ url: `/api/training/classes/${classId}/survey-report`, headers: h.gusu })).statusCode).toBe(404);
  });

  it('rates instructors in the pool from survey answers', async () => {
    const pool = async () =>
      (await t.app.inject({ url: '/api/training/instructors', headers: h.suzhou }))
        .json<{ id: number; rating: number | null; ratingCount: number }[]>()
        .find((i) => i.id === instructors[0]);
    const before = await pool();
    const { id: classId } = await taughtClass();
    await submitSurvey(classId, { ratings, instructorRatings: { [String(instructors[0])]: 5 }, quizAnswers: [1] });
    const first = await pool();
    expect(first?.ratingCount).toBe((before?.ratingCount ?? 0) + 1);
    expect(first?.ratingCount).toBeGreaterThan(1);
    expect(first?.rating).toBeGreaterThan(4);
    const county = await t.app.inject({
      method: 'POST',
      url: '/api/training/instructors',
      headers: h.kunshan,
      payload: { name: '王讲师', organisation: '某单位' },
    });
    expect(county.statusCode).toBe(403);
    const city = await t.app.inject({ method: 'POST', url: '/api/training/instructors', headers: h.suzhou, payload: { name: '', organisation: '某单位' } });
    expect(city.statusCode).toBe(400);
    expect(city.json().error.message).toContain('讲师姓名');
  });
});

describe('views', () => {
  it('shows the officer their record with completion and certificates', async () => {
    const { id: classId, enrolments } = await taughtClass({ attended: true });
    const officer = enrolments[0]?.id ?? 0;
    await enterScores(t, classId, [{ enrolmentId: officer, score: 80 }]);
    await issueCertificate(t, officer);
    await submitSurvey(classId, { ratings, instructorRatings: { [String(instructors[0])]: 5 }, quizAnswers: [1] });
    const me = (await t.app.inject({ url: '/api/training/me', headers: h.officer })).json<{
      items: { classId: number; enrolment: { completion: { complete: boolean }; certificate: { status: string } | null; surveySubmittedAt: string | null } }[];
    }>();
    const mine = me.items.find((i) => i.classId === classId);
    expect(mine?.enrolment).toMatchObject({ completion: { complete: true }, certificate: { status: 'valid' } });
    expect(mine?.enrolment.surveySubmittedAt).not.toBeNull();
  });
});
