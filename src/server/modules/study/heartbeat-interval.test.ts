import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config';
import { createTestApp, type TestApp } from '../../testing/test-app';

/** The study heartbeat interval setting (CQO_STUDY_HEARTBEAT_SECONDS): end-to-end tests run with a short one. */

describe('the heartbeat interval setting', () => {
  it('defaults to 20 s, accepts a short interval outside production and refuses it in production or out of range', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).studyHeartbeatSeconds).toBe(20);
    expect(loadConfig({ NODE_ENV: 'development', CQO_STUDY_HEARTBEAT_SECONDS: '3' }).studyHeartbeatSeconds).toBe(3);
    const keys = { CQO_DATA_KEY: 'k', CQO_HASH_KEY: 'k', CQO_SIGNING_KEY: 'k' };
    expect(loadConfig({ NODE_ENV: 'production', ...keys }).studyHeartbeatSeconds).toBe(20);
    expect(() => loadConfig({ NODE_ENV: 'production', ...keys, CQO_STUDY_HEARTBEAT_SECONDS: '3' })).toThrow(/CQO_STUDY_HEARTBEAT_SECONDS/);
    expect(() => loadConfig({ NODE_ENV: 'test', CQO_STUDY_HEARTBEAT_SECONDS: '0' })).toThrow(/CQO_STUDY_HEARTBEAT_SECONDS/);
    expect(() => loadConfig({ NODE_ENV: 'test', CQO_STUDY_HEARTBEAT_SECONDS: 'soon' })).toThrow(/CQO_STUDY_HEARTBEAT_SECONDS/);
  });
});

interface Opened {
  sessionId: number;
  heartbeatSeconds: number;
  creditedSeconds: number;
  requiredSeconds: number;
}

/**
 * Studies the demo course's first lesson for `totalSeconds` of server time, beating every `everySeconds`
 * (the session's mark is moved back instead of waiting) as `username`, and returns the session answer and what each beat earned.
 */
async function study(t: TestApp, totalSeconds: number, everySeconds: number, username = 'officer-kunshan-1'): Promise<{ opened: Opened; credits: number[] }> {
  const officer = await t.as(username);
  const list = await t.app.inject({ method: 'GET', url: `/api/study/courses?q=${encodeURIComponent('履职基础')}`, headers: officer });
  expect(list.statusCode, list.body).toBe(200);
  const courseId = list.json<{ items: { id: number }[] }>().items[0]?.id;
  const detail = await t.app.inject({ method: 'GET', url: `/api/study/courses/${courseId}`, headers: officer });
  expect(detail.statusCode, detail.body).toBe(200);
  const lessonId = detail.json<{ lessons: { id: number }[] }>().lessons[0]?.id;
  const open = await t.app.inject({ method: 'POST', url: `/api/study/lessons/${lessonId}/sessions`, headers: officer });
  expect(open.statusCode, open.body).toBe(201);
  const opened = open.json<Opened>();
  const credits: number[] = [];
  let position = 0;
  for (let seq = 1; position < totalSeconds; seq++) {
    const step = Math.min(everySeconds, totalSeconds - position);
    await sql`update study_sessions set last_beat_at = last_beat_at - make_interval(secs => ${step}) where id = ${opened.sessionId}`.execute(t.db);
    position += step;
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/study/sessions/${opened.sessionId}/heartbeats`,
      headers: officer,
      payload: { seq, position, visible: true, active: true },
    });
    expect(res.statusCode, res.body).toBe(200);
    credits.push(res.json<{ creditSeconds: number }>().creditSeconds);
  }
  return { opened, credits };
}

describe('a short heartbeat interval', () => {
  let short: TestApp;
  let standard: TestApp;
  beforeAll(async () => {
    short = await createTestApp({ studyHeartbeatSeconds: 3 });
    standard = await createTestApp();
  });
  afterAll(async () => {
    await short.close();
    await standard.close();
  });

  it('is told to the player and credits exactly what the standard interval credits for the same study', async () => {
    const fast = await study(short, 40, 3);
    const slow = await study(standard, 40, 20);
    expect(fast.opened.heartbeatSeconds).toBe(3);
    expect(slow.opened.heartbeatSeconds).toBe(20);
    // the quiz opens after the same time whatever the interval
    expect(fast.opened.requiredSeconds).toBe(slow.opened.requiredSeconds);
    expect(fast.credits).toHaveLength(14);
    expect(slow.credits).toEqual([20, 20]);
    // every beat earns the server time elapsed since the previous one, so the totals are the same
    expect(fast.credits.reduce((a, b) => a + b, 0)).toBe(40);
    expect(fast.opened.creditedSeconds).toBe(slow.opened.creditedSeconds);
  });

  it('caps a late beat at one interval plus the same 15 s of slack', async () => {
    // one beat after 30 s of silence: the standard interval (cap 35 s) credits all of it, the short one (cap 18 s) not
    expect((await study(standard, 30, 30, 'officer-kunshan-2')).credits).toEqual([30]);
    expect((await study(short, 30, 30, 'officer-kunshan-2')).credits).toEqual([18]);
  });
});
