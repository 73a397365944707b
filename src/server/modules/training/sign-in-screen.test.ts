import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clock } from '../../clock';
import { createTestApp, type TestApp } from '../../testing/test-app';

/** The projected sign-in screen gets a code only while sign-in is open (30 minutes before the start to the end). */
let t: TestApp;
let province: Record<string, string>;
let sessionId: number;
beforeAll(async () => {
  t = await createTestApp();
  province = await t.as('province');
  const at = (minutes: number): string => new Date(clock.nowMs() + minutes * 60_000).toISOString();
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/training/classes',
    headers: province,
    payload: {
      name: '测试投屏签到班',
      tier: 'advanced',
      format: 'in_person',
      venue: '省局培训中心',
      capacity: 5,
      hours: 8,
      passMark: 60,
      minAttendancePercent: 80,
      sessions: [{ title: '第一课', startsAt: at(10 * 24 * 60), endsAt: at(10 * 24 * 60 + 120) }],
    },
  });
  expect(res.statusCode).toBe(201);
  const detail = await t.app.inject({ url: `/api/training/classes/${res.json<{ id: number }>().id}`, headers: province });
  sessionId = detail.json<{ sessions: { id: number }[] }>().sessions[0]?.id ?? 0;
});
afterAll(async () => {
  await t.close();
});

interface Code {
  state: string;
  opensAt: string;
  startsAt: string;
  token: string | null;
  url: string | null;
  svg: string | null;
}
const code = async (): Promise<Code> => {
  const res = await t.app.inject({ url: `/api/training/sessions/${sessionId}/sign-in-code`, headers: province });
  expect(res.statusCode).toBe(200);
  return res.json<Code>();
};
/** Moves the session so that it starts `minutes` from now (two hours long). */
const startIn = async (minutes: number): Promise<void> => {
  const starts = new Date(clock.nowMs() + minutes * 60_000);
  await sql`update training_sessions set starts_at = ${starts}, ends_at = ${new Date(starts.getTime() + 120 * 60_000)} where id = ${sessionId}`.execute(t.db);
};

describe('GET /api/training/sessions/:id/sign-in-code', () => {
  it('ten days ahead: 未开始, when it opens, and no code', async () => {
    const c = await code();
    expect(c).toMatchObject({ state: 'not_started', token: null, url: null, svg: null });
    expect(new Date(c.startsAt).getTime() - new Date(c.opensAt).getTime()).toBe(30 * 60_000);
  });

  it('from 30 minutes before the start: a live code', async () => {
    await startIn(25);
    const c = await code();
    expect(c.state).toBe('open');
    expect(c.token).toMatch(/^s\d+\./);
    expect(c.svg).toContain('<svg');
  });

  it('after the end: 已结束 and no code', async () => {
    await startIn(-180);
    expect(await code()).toMatchObject({ state: 'ended', token: null, svg: null });
  });
});
