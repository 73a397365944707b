import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { CALENDAR_REMINDER, missingCalendarYear, scheduleCalendarReminder } from './calendar-reminder';

let t: TestApp;
beforeAll(async () => {
  // mid-October 2026: the seeded calendars are 2025 and 2026, so 2027's is due
  t = await createTestApp({}, { now: '2026-10-15T02:00:00Z' });
});
afterAll(async () => {
  await t.close();
});

const runJobs = async () => {
  for (let i = 0; i < 20 && (await t.ctx.jobs.runOnce()); i++) {
    /* run what is queued */
  }
};
const calendarNotices = async () =>
  (await t.app.inject({ url: '/api/notifications?pageSize=100', headers: await t.as('province') }))
    .json<{ items: { kind: string; title: string; link: string }[] }>()
    .items.filter((n) => n.kind === 'policy.calendar-missing');

describe('a reminder to the province when next year’s working calendar is missing', () => {
  it('asks for next year’s calendar from October, and for this year’s at any time', async () => {
    expect(await missingCalendarYear(t.ctx, '2026-09-30')).toBeNull();
    expect(await missingCalendarYear(t.ctx, '2026-10-01')).toBe(2027);
    expect(await missingCalendarYear(t.ctx, '2028-03-01')).toBe(2028);
  });

  it('queues one reminder per missing year and month whatever the number of nodes, notifies the province, and stops once the calendar is saved', async () => {
    const queued = await Promise.all([scheduleCalendarReminder(t.ctx), scheduleCalendarReminder(t.ctx), scheduleCalendarReminder(t.ctx)]);
    expect(queued.filter(Boolean)).toHaveLength(1);
    const jobs = await t.db.selectFrom('jobs').select('singleton_key').where('kind', '=', CALENDAR_REMINDER).execute();
    expect(jobs).toEqual([{ singleton_key: `${CALENDAR_REMINDER}:2027:2026-10` }]);
    await runJobs();
    expect(await calendarNotices()).toEqual([expect.objectContaining({ title: '2027 年工作日历尚未维护', link: '/policy/rules' })]);
    // a county is not told
    const county = (await t.app.inject({ url: '/api/notifications?pageSize=100', headers: await t.as('kunshan') })).json<{ items: { kind: string }[] }>().items;
    expect(county.some((n) => n.kind === 'policy.calendar-missing')).toBe(false);

    // the province saves 2027 (元旦 1 January 2027 is a Friday); next month nothing is queued
    const saved = await t.app.inject({
      method: 'PUT',
      url: '/api/working-calendar/2027',
      headers: await t.as('province'),
      payload: { source: '国务院办公厅关于2027年部分节假日安排的通知', days: [{ day: '2027-01-01', kind: 'holiday', name: '元旦' }], version: 0 },
    });
    expect(saved.statusCode).toBe(200);
    t.clock?.set('2026-11-15T02:00:00Z');
    expect(await scheduleCalendarReminder(t.ctx)).toBe(false);
    expect(await t.db.selectFrom('jobs').select('id').where('kind', '=', CALENDAR_REMINDER).execute()).toHaveLength(1);
  });
});
