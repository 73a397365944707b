import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { classBody, createClass, suzhouInstructors, trainingAccounts, type TrainingAccount } from '../../testing/training-factories';

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

describe('classes', () => {
  it('refuses bad input with Chinese messages naming the field, and a tier the bureau does not organise', async () => {
    const noVenue = await t.app.inject({
      method: 'POST',
      url: '/api/training/classes',
      headers: h.kunshan,
      payload: classBody({ name: '无效培训班', venue: null }),
    });
    expect(noVenue.statusCode).toBe(400);
    expect(noVenue.json().error.fields).toEqual([expect.objectContaining({ path: 'venue', message: expect.stringContaining('培训地点') })]);
    const badTimes = await t.app.inject({
      method: 'POST',
      url: '/api/training/classes',
      headers: h.kunshan,
      payload: classBody({ name: '无效培训班', sessions: [{ title: 'x', startsAt: '2026-05-01T10:00:00Z', endsAt: '2026-05-01T09:00:00Z' }] }),
    });
    expect(badTimes.statusCode).toBe(400);
    expect(badTimes.json().error.message).toContain('结束时间须晚于开始时间');
    const advanced = await t.app.inject({
      method: 'POST',
      url: '/api/training/classes',
      headers: h.kunshan,
      payload: classBody({ name: '无效培训班', tier: 'advanced' }),
    });
    expect(advanced.statusCode).toBe(400);
    expect(advanced.json().error.fields[0].path).toBe('tier');
    const byOfficer = await t.app.inject({ method: 'POST', url: '/api/training/classes', headers: h.officer, payload: classBody({ name: '无效培训班' }) });
    expect(byOfficer.statusCode).toBe(403);
    expect(await t.db.selectFrom('training_classes').select('id').where('name', '=', '无效培训班').execute()).toEqual([]);
  });

  it('leaves the 基础 tier of a county merged into its city (合并至市级) to the city', async () => {
    const kunshan = await t.db.selectFrom('org_units').select('id').where('code', '=', '320583').executeTakeFirstOrThrow();
    await t.db.insertInto('county_training_settings').values({ org_unit_id: kunshan.id, merged_into_city: true }).execute();
    try {
      const refused = await t.app.inject({ method: 'POST', url: '/api/training/classes', headers: h.kunshan, payload: classBody({ name: '合并县的培训班' }) });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error.fields).toEqual([expect.objectContaining({ path: 'tier', message: expect.stringContaining('合并至设区市') })]);
      expect(await t.db.selectFrom('training_classes').select('id').where('name', '=', '合并县的培训班').execute()).toEqual([]);
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
      payload: classBody({
        trainerAccountId: trainerId,
        instructors: [{ instructorId: instructors[0], topic: '质量管理体系' }],
        quiz: [{ question: '首席质量官向谁负责？', options: ['质量部', '总经理'], answer: 1 }],
      }),
    });
    expect(res.statusCode).toBe(201);
    const classId = res.json<{ id: number }>().id;
    const detail = (await t.app.inject({ url: `/api/training/classes/${classId}`, headers: h.kunshan })).json();
    expect(detail).toMatchObject({ tier: 'basic', providerName: '苏州市质量技术培训中心', hours: 16, canDeliver: true, instructors: [{ id: instructors[0] }] });
    // the quiz answers are not shown
    expect(detail.quiz).toEqual([{ question: '首席质量官向谁负责？', options: ['质量部', '总经理'] }]);
    expect(detail.sessions).toHaveLength(2);
    const audit = await t.db
      .selectFrom('audit_events')
      .select('action')
      .where('target_type', '=', 'training_class')
      .where('target_id', '=', String(classId))
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['training.class.create']);
  });

  it('is seen by the organiser, the bureaus above, its trainer and officers below; not by other counties or trainers', async () => {
    const { id: classId, sessionIds } = await createClass(t);
    const ids = async (who: TrainingAccount) =>
      (await t.app.inject({ url: '/api/training/classes?pageSize=200', headers: h[who] })).json<{ items: { id: number }[] }>().items.map((c) => c.id);
    for (const who of ['kunshan', 'suzhou', 'province', 'trainer', 'officer', 'ent'] as const) expect(await ids(who), who).toContain(classId);
    for (const who of ['gusu', 'nanjing', 'otherTrainer'] as const) expect(await ids(who), who).not.toContain(classId);
    const trainerClasses = await t.db
      .selectFrom('training_classes as c')
      .innerJoin('accounts as a', 'a.id', 'c.trainer_account_id')
      .select('c.id')
      .where('a.username', '=', 'trainer-suzhou')
      .execute();
    expect((await ids('trainer')).sort()).toEqual(trainerClasses.map((c) => c.id).sort());
    for (const who of ['gusu', 'nanjing', 'otherTrainer'] as const) {
      expect((await t.app.inject({ url: `/api/training/classes/${classId}`, headers: h[who] })).statusCode, who).toBe(404);
      expect((await t.app.inject({ url: `/api/training/classes/${classId}/roster`, headers: h[who] })).statusCode, who).toBe(404);
    }
    expect((await t.app.inject({ url: `/api/training/classes/${classId}/roster`, headers: h.officer })).statusCode).toBe(403);
    expect((await t.app.inject({ url: `/api/training/sessions/${sessionIds[0]}/sign-in-code`, headers: h.officer })).statusCode).toBe(403);
    expect((await t.app.inject({ url: `/api/training/sessions/${sessionIds[0]}/sign-in-code`, headers: h.otherTrainer })).statusCode).toBe(404);
    expect(
      (await t.app.inject({ method: 'POST', url: `/api/training/classes/${classId}/cancel`, headers: h.trainer, payload: { reason: '测试取消' } })).statusCode,
    ).toBe(403);
  });
});

describe('views', () => {
  it('gives the bureau pass rates, satisfaction and coverage by region', async () => {
    await createClass(t, { officers: ['officer-kunshan-1'] });
    const res = await t.app.inject({ url: '/api/training/overview', headers: h.suzhou });
    expect(res.statusCode).toBe(200);
    const body = res.json<{
      tiers: { tier: string; classes: number; passRate: number | null }[];
      coverage: { code: string; activeOfficers: number; trainedOfficers: number }[];
    }>();
    expect(body.tiers.find((x) => x.tier === 'basic')?.classes).toBeGreaterThan(0);
    const ks = body.coverage.find((c) => c.code === '320583');
    expect(ks?.activeOfficers).toBeGreaterThan(0);
    // the demo officer holds the seeded 基础 certificate
    expect(ks?.trainedOfficers).toBeGreaterThan(0);
    expect((await t.app.inject({ url: '/api/training/overview', headers: h.officer })).statusCode).toBe(403);
  });
});
