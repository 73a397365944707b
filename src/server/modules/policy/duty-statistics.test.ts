import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { thisYear } from '../../testing/dates';
import { clock } from '../../clock';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('duty records by the five duties of policy 三 (三.1–三.5)', () => {
  it('三: counts a year’s records per category and region in the caller’s scope; another county sees none of them', async () => {
    const year = thisYear();
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/duty-records',
      headers: await t.as('officer-kunshan-1'),
      payload: { kind: 'laws', title: '组织学习计量法规', description: '组织计量部门学习新修订的计量法规', occurredOn: clock.today() },
    });
    expect(created.statusCode, created.body).toBe(201);
    const kunshan = (await t.app.inject({ url: `/api/duty-records/statistics?year=${year}`, headers: await t.as('kunshan') })).json();
    expect(kunshan.categories.map((c: { clause: string }) => c.clause)).toEqual(['三.1', '三.2', '三.3', '三.4', '三.5']);
    const direct = await sql<{ kind: string; n: number }>`
      select d.kind, count(*)::int as n from duty_records d join org_units o on o.id = d.org_unit_id
      where o.path like (select path from org_units where code = '320583') || '%' and extract(year from d.occurred_on) = ${year} group by d.kind`.execute(t.db);
    for (const r of direct.rows) expect(kunshan.totals.counts[r.kind]).toBe(r.n);
    expect(kunshan.totals.counts.laws).toBeGreaterThanOrEqual(1);
    expect(kunshan.totals.total).toBe(direct.rows.reduce((n, r) => n + r.n, 0));
    const xuanwu = (await t.app.inject({ url: `/api/duty-records/statistics?year=${year}`, headers: await t.as('xuanwu') })).json();
    expect(xuanwu.rows.some((r: { orgUnitName: string }) => r.orgUnitName === '昆山市')).toBe(false);
    expect((await t.app.inject({ url: `/api/duty-records/statistics?year=${year}`, headers: await t.as('officer-kunshan-1') })).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/duty-records/statistics?year=1999', headers: await t.as('kunshan') })).statusCode).toBe(400);
  });
});
