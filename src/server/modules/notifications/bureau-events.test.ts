import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clock } from '../../clock';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { scheduleTrainingPlanChase } from '../training-plans/chase';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const inbox = async (username: string, kind: string) =>
  (await t.app.inject({ url: '/api/notifications?pageSize=100', headers: await t.as(username) }))
    .json<{ items: { kind: string; title: string; body: string; link: string }[] }>()
    .items.filter((n) => n.kind.startsWith(kind));

async function runJobs(): Promise<void> {
  for (let i = 0; i < 20 && (await t.ctx.jobs.runOnce()); i++) {
    /* run what is queued */
  }
}

describe('events that tell the bureau', () => {
  it('a CQO who resigns is reported to the county and the city, not to another county', async () => {
    const ent = await t.as('ent-kunshan-1');
    const active = (await t.app.inject({ url: '/api/filings?status=active', headers: ent }))
      .json<{ items: { id: number; status: string }[] }>()
      .items.find((f) => f.status === 'active');
    expect(active).toBeDefined();
    const ended = await t.app.inject({
      method: 'POST',
      url: `/api/filings/${active?.id}/end`,
      headers: ent,
      payload: { kind: 'resignation', cause: 'voluntary', reason: '个人原因辞任', date: clock.today() },
    });
    expect(ended.statusCode, ended.body).toBe(200);
    for (const bureau of ['kunshan', 'suzhou']) {
      const notes = await inbox(bureau, 'filing.officer_left');
      expect(notes).toHaveLength(1);
      expect(notes[0]).toMatchObject({ kind: 'filing.officer_left.resignation', link: `/filings/${active?.id}` });
      expect(notes[0]?.body).toContain('辞任');
    }
    expect(await inbox('gusu', 'filing.officer_left')).toHaveLength(0);
    expect(await inbox('province', 'filing.officer_left')).toHaveLength(0);
  });

  it('催报 reminds every bureau below that has not filed its plans, once a day from the button and once a month on schedule', async () => {
    const year = clock.year();
    const suzhou = await t.as('suzhou');
    const overview = (await t.app.inject({ url: `/api/training-plans/overview?year=${year}`, headers: suzhou })).json<{
      rows: { orgUnitId: number; orgUnitName: string; status: string }[];
    }>();
    const owing = new Set(overview.rows.filter((r) => !['covered', 'submitted', 'acknowledged'].includes(r.status)).map((r) => r.orgUnitName));
    owing.delete('苏州市');
    const res = await t.app.inject({ method: 'POST', url: '/api/training-plans/chase', headers: suzhou, payload: { year } });
    expect(res.statusCode, res.body).toBe(202);
    expect((await t.app.inject({ method: 'POST', url: '/api/training-plans/chase', headers: suzhou, payload: { year } })).statusCode).toBe(409);
    await runJobs();
    for (const [username, unit] of [
      ['kunshan', '昆山市'],
      ['gusu', '姑苏区'],
    ] as const) {
      const notes = await inbox(username, 'training_plan.chase');
      expect(notes, unit).toHaveLength(owing.has(unit) ? 1 : 0);
      if (owing.has(unit)) {
        expect(notes[0]?.body).toContain(`${unit}尚未报送 ${year} 年度`);
        // the web's 培训计划 page, on the year chased
        expect(notes[0]?.link).toBe(`/training-plans?year=${year}`);
      }
    }
    expect(owing.size).toBeGreaterThan(0);
    // a bureau outside the caller's region is not chased by it
    expect(await inbox('xuanwu', 'training_plan.chase')).toHaveLength(0);
    // a county cannot chase (it has no bureaus below filing plans) beyond itself; an enterprise may not
    expect((await t.app.inject({ method: 'POST', url: '/api/training-plans/chase', headers: await t.as('ent-kunshan-1'), payload: { year } })).statusCode).toBe(
      403,
    );

    expect(await scheduleTrainingPlanChase(t.ctx)).toBe(true);
    expect(await scheduleTrainingPlanChase(t.ctx)).toBe(false);
    await runJobs();
    const xuanwuOwes = (await t.app.inject({ url: `/api/training-plans/overview?year=${year}`, headers: await t.as('xuanwu') }))
      .json<{ rows: { orgUnitName: string; status: string }[] }>()
      .rows.some((r) => r.orgUnitName === '玄武区' && !['covered', 'submitted', 'acknowledged'].includes(r.status));
    expect(await inbox('xuanwu', 'training_plan.chase')).toHaveLength(xuanwuOwes ? 1 : 0);
  });
});
