import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addWorkingDays, isWorkingDay, workingDaysBetween } from '../../../domain/working-days';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { thisYear } from '../../testing/dates';
import { addOfficialWorkingDays, loadWorkingCalendar } from './working-calendar';

let t: TestApp;
let province: Record<string, string>;

beforeAll(async () => {
  t = await createTestApp();
  province = await t.as('province');
});
afterAll(async () => {
  await t.close();
});

describe('working days as the State Council sets them', () => {
  it('counts 20 working days across 国庆 and across a 调休 Saturday (the seeded 2026 calendar)', async () => {
    // Monday 28 September 2026: 1–7 October are off, Saturday 10 October is a working day
    expect(await addOfficialWorkingDays(t.db, '2026-09-28', 20)).toBe('2026-10-30');
    expect(addWorkingDays('2026-09-28', 20)).toBe('2026-10-26'); // weekends only would end four days early
    const calendar = await loadWorkingCalendar(t.db, '2026-09-01', '2026-10-31');
    expect(isWorkingDay('2026-10-10', calendar)).toBe(true);
    expect(isWorkingDay('2026-10-05', calendar)).toBe(false);
    expect(workingDaysBetween('2026-09-28', '2026-10-30', calendar)).toBe(20);
    // 春节 2026: 15–23 February off, Saturdays 14 and 28 February worked
    expect(await addOfficialWorkingDays(t.db, '2026-02-12', 3)).toBe('2026-02-24');
  });

  it('falls back to weekends only for a year without a calendar, and follows the one the province then saves', async () => {
    const year = thisYear() + 5;
    const list = (await t.app.inject({ url: '/api/working-calendar', headers: province })).json();
    expect(list.years.map((y: { year: number }) => y.year)).not.toContain(year);
    expect((await t.app.inject({ url: `/api/working-calendar/${year}`, headers: province })).json()).toMatchObject({ exists: false, days: [] });
    // the first Monday of May of that year, and the Saturday after it
    const may = new Date(Date.UTC(year, 4, 1));
    while (may.getUTCDay() !== 1) may.setUTCDate(may.getUTCDate() + 1);
    const monday = may.toISOString().slice(0, 10);
    const friday = new Date(may.getTime() - 3 * 86_400_000).toISOString().slice(0, 10);
    const saturday = new Date(may.getTime() + 5 * 86_400_000).toISOString().slice(0, 10);
    const tuesday = new Date(may.getTime() + 86_400_000).toISOString().slice(0, 10);
    expect(await addOfficialWorkingDays(t.db, friday, 1)).toBe(monday);

    const saved = await t.app.inject({
      method: 'PUT',
      url: `/api/working-calendar/${year}`,
      headers: province,
      payload: {
        source: `国务院办公厅关于${year}年部分节假日安排的通知`,
        days: [
          { day: monday, kind: 'holiday', name: '劳动节' },
          { day: saturday, kind: 'workday', name: '劳动节调休上班' },
        ],
        version: 0,
      },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(await addOfficialWorkingDays(t.db, friday, 1)).toBe(tuesday);
    expect(await addOfficialWorkingDays(t.db, friday, 5)).toBe(saturday);
    const read = (await t.app.inject({ url: `/api/working-calendar/${year}`, headers: await t.as('kunshan') })).json();
    expect(read).toMatchObject({
      exists: true,
      version: 1,
      days: [
        { day: monday, kind: 'holiday' },
        { day: saturday, kind: 'workday' },
      ],
    });
  });

  it('only the province maintains it; bad days are all named and change nothing; a stale version is 409', async () => {
    const year = thisYear() + 6;
    const body = (days: unknown[], version = 0) => ({ source: `国务院办公厅关于${year}年部分节假日安排的通知`, days, version });
    expect((await t.app.inject({ method: 'PUT', url: `/api/working-calendar/${year}`, headers: await t.as('kunshan'), payload: body([]) })).statusCode).toBe(
      403,
    );
    const jan = new Date(Date.UTC(year, 0, 1));
    while (jan.getUTCDay() !== 6) jan.setUTCDate(jan.getUTCDate() + 1);
    const sat = jan.toISOString().slice(0, 10);
    const mon = new Date(jan.getTime() + 2 * 86_400_000).toISOString().slice(0, 10);
    const bad = await t.app.inject({
      method: 'PUT',
      url: `/api/working-calendar/${year}`,
      headers: province,
      payload: body([
        { day: sat, kind: 'holiday', name: '元旦' },
        { day: mon, kind: 'workday', name: '调休' },
        { day: `${year + 1}-01-01`, kind: 'holiday', name: '元旦' },
      ]),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain(`${sat} 是周末`);
    expect(bad.json().error.message).toContain(`${mon} 是工作日`);
    expect(bad.json().error.message).toContain(`${year + 1}-01-01 不在 ${year} 年度内`);
    expect((await t.app.inject({ url: `/api/working-calendar/${year}`, headers: province })).json()).toMatchObject({ exists: false });
    expect((await t.app.inject({ method: 'PUT', url: `/api/working-calendar/${year}`, headers: province, payload: body([]) })).statusCode).toBe(200);
    const stale = await t.app.inject({ method: 'PUT', url: `/api/working-calendar/${year}`, headers: province, payload: body([], 5) });
    expect(stale.statusCode).toBe(409);
  });
});
