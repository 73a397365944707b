import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clock } from '../../clock';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { createFiling } from '../../testing/factories';
import { basicTierDeliverer, isMergedIntoCity } from './delegation';
import { dayFromToday } from '../../testing/dates';
import { expectStatus } from '../../testing/http';

let t: TestApp;
let ent: Record<string, string>;
beforeAll(async () => {
  t = await createTestApp();
  ent = await t.as('ent-kunshan-1');
});
afterAll(async () => {
  await t.close();
});

const unit = async (code: string) => (await t.db.selectFrom('org_units').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
const post = async (url: string, user: string, payload?: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url, headers: user === 'ent' ? ent : await t.as(user), ...(payload ? { payload } : {}) });
const setMerged = async (merged: boolean) => {
  const res = await t.app.inject({
    method: 'PUT',
    url: `/api/training-merges/${await unit('320583')}`,
    headers: await t.as('suzhou'),
    payload: { mergedIntoCity: merged },
  });
  expect(res.statusCode).toBe(200);
};
const notices = async (user: string) =>
  ((await t.app.inject({ url: '/api/notifications', headers: await t.as(user) })).json().items as { kind: string; link: string }[]).filter(
    (n) => n.kind === 'filing.submitted',
  );

/** A submitted filing of ent-kunshan-1 (in 昆山) for a new candidate. */
const submittedFiling = async (n: number): Promise<number> =>
  (await createFiling(t, { enterprise: ent, status: 'submitted', name: `合并测${'甲乙丙丁'[n % 4] ?? '甲'}`, filing: { appointmentDate: dayFromToday(-5) } }))
    .id;

describe('server helpers', () => {
  it('tell whether a county is merged and who delivers its 基础 tier', async () => {
    const kunshan = await unit('320583');
    expect(await isMergedIntoCity(t.db, kunshan)).toBe(false);
    expect(await basicTierDeliverer(t.db, kunshan)).toMatchObject({ id: kunshan, kind: 'county' });
    await setMerged(true);
    expect(await isMergedIntoCity(t.db, kunshan)).toBe(true);
    expect(await basicTierDeliverer(t.db, kunshan)).toMatchObject({ id: await unit('320500'), kind: 'city' });
    // a neighbouring county is untouched
    expect(await basicTierDeliverer(t.db, await unit('320508'))).toMatchObject({ kind: 'county' });
    await setMerged(false);
    expect(await basicTierDeliverer(t.db, kunshan)).toMatchObject({ id: kunshan });
  });
});

describe('filing review of a county merged into its city', () => {
  it('the city is notified and decides; the county reads but can no longer review', async () => {
    await setMerged(true);
    const id = await submittedFiling(1);
    expect((await notices('suzhou')).map((n) => n.link)).toContain(`/filings/${id}`);
    expect((await notices('kunshan')).map((n) => n.link)).not.toContain(`/filings/${id}`);

    expect((await t.app.inject({ url: `/api/filings/${id}`, headers: await t.as('kunshan') })).statusCode).toBe(200);
    const refused = await post(`/api/filings/${id}/approve`, 'kunshan', {});
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toBe('该县（市、区）已合并至设区市，聘任备案由市局审核');
    expect((await post(`/api/filings/${id}/return`, 'kunshan', { remarks: '请补充材料' })).statusCode).toBe(403);
    expect((await post(`/api/filings/${id}/reject`, 'kunshan', { reason: '不符合条件' })).statusCode).toBe(403);
    // the refusals changed nothing
    expect((await t.db.selectFrom('filings').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status).toBe('submitted');
    // another city still sees nothing
    expect((await post(`/api/filings/${id}/approve`, 'nanjing', {})).statusCode).toBe(404);

    const returned = await post(`/api/filings/${id}/return`, 'suzhou', { remarks: '请补充授权书盖章页' });
    expect(returned.json().status).toBe('returned');
    expectStatus(await post(`/api/filings/${id}/submit`, 'ent'), 200);
    const approved = await post(`/api/filings/${id}/approve`, 'suzhou', {});
    expect(approved.json().status).toBe('active');
    // ending an appointment as the bureau follows the same rule
    const end = await post(`/api/filings/${id}/end`, 'kunshan', { kind: 'dismissal', cause: 'other', reason: '企业解聘', date: dayFromToday(14) });
    expect(end.statusCode).toBe(403);
  });

  it('the filing detail tells each bureau whether it decides the filing (canReview), by the rule the routes enforce', async () => {
    await setMerged(true);
    const id = await submittedFiling(3);
    const detail = async (user: string) =>
      (await t.app.inject({ url: `/api/filings/${id}`, headers: user === 'ent' ? ent : await t.as(user) })).json<{ status: string; canReview: boolean }>();
    expect(await detail('kunshan')).toMatchObject({ status: 'submitted', canReview: false });
    expect(await detail('suzhou')).toMatchObject({ status: 'submitted', canReview: true });
    expect(await detail('province')).toMatchObject({ canReview: true });
    // neither the enterprise nor the officer decides
    expect(await detail('ent')).toMatchObject({ canReview: false });
    // the route still refuses the merged county, whatever a client shows
    expect((await post(`/api/filings/${id}/approve`, 'kunshan', {})).statusCode).toBe(403);
    // un-merged, the county decides again
    await setMerged(false);
    expect(await detail('kunshan')).toMatchObject({ status: 'submitted', canReview: true });
    expect((await post(`/api/filings/${id}/approve`, 'kunshan', {})).json()).toMatchObject({ status: 'active', canReview: true });
  });

  it('the filings list carries the same canReview per row, so the list offers 审核 only to who decides', async () => {
    await setMerged(true);
    const id = await submittedFiling(0);
    const rows = async (user: string) =>
      (await t.app.inject({ url: '/api/filings?status=submitted&pageSize=100', headers: await t.as(user) })).json<{
        items: { id: number; orgUnitId: number; canReview: boolean }[];
      }>().items;
    const county = await rows('kunshan');
    expect(county.find((f) => f.id === id)).toMatchObject({ canReview: false });
    expect(county.every((f) => !f.canReview)).toBe(true);
    expect((await rows('suzhou')).find((f) => f.id === id)).toMatchObject({ canReview: true });
    await setMerged(false);
    expect((await rows('kunshan')).find((f) => f.id === id)).toMatchObject({ canReview: true });
    // leave no open filing behind for the enterprise
    expect((await post(`/api/filings/${id}/approve`, 'kunshan', {})).statusCode).toBe(200);
  });

  it('un-merging restores the county as reviewer and as the bureau notified', async () => {
    await setMerged(false);
    const id = await submittedFiling(2);
    expect((await notices('kunshan')).map((n) => n.link)).toContain(`/filings/${id}`);
    expect((await notices('suzhou')).map((n) => n.link)).not.toContain(`/filings/${id}`);
    const approved = await post(`/api/filings/${id}/approve`, 'kunshan', {});
    expect(approved.statusCode).toBe(200);
    expect(approved.json().status).toBe('active');
  });

  it('overdue reminders for a merged county go to the city', async () => {
    await setMerged(true);
    const { scheduleOverdueReminder } = await import('../filings/overdue-job');
    expect(await scheduleOverdueReminder(t.ctx)).toBe(true);
    while (await t.ctx.jobs.runOnce()) {
      /* run it */
    }
    const overdue = await t.db
      .selectFrom('filings as f')
      .innerJoin('org_units as o', 'o.id', 'f.org_unit_id')
      .select('o.code')
      .where('f.status', '=', 'submitted')
      .where('f.review_deadline', '<', clock.today())
      .execute();
    expect(overdue.some((o) => o.code === '320583')).toBe(true);
    const kinds = async (user: string) =>
      ((await t.app.inject({ url: '/api/notifications', headers: await t.as(user) })).json().items as { kind: string }[]).filter(
        (n) => n.kind === 'filing.overdue',
      ).length;
    expect(await kinds('kunshan')).toBe(0);
    expect(await kinds('suzhou')).toBeGreaterThan(0);
  });
});
