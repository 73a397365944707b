import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clock } from '../../clock';
import { idNumberCheckCharacter } from '../../../domain/id-number';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { attachLetter } from '../../testing/factories';
import { dayFromToday } from '../../testing/dates';
import { expectStatus } from '../../testing/http';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('notification centre', () => {
  it('tells the county bureau of a submitted filing and the enterprise of the decision; each sees only their own', async () => {
    const ent = await t.as('ent-kunshan-1');
    const body = '32058319790909777';
    const person = expectStatus(
      await t.app.inject({
        method: 'POST',
        url: '/api/candidates',
        headers: ent,
        payload: {
          name: '冯通知',
          idNumber: body + idNumberCheckCharacter(body),
          education: 'bachelor',
          qualityYears: 7,
          positionTitle: '副总经理',
          positionLevel: 'deputyGeneralManager',
        },
      }),
      201,
    );
    const filing = expectStatus(
      await t.app.inject({
        method: 'POST',
        url: '/api/filings',
        headers: ent,
        payload: { candidateId: person.json().id, appointmentDate: dayFromToday(-5), reportsToGeneralManager: true, vetoRight: true },
      }),
      201,
    );
    await attachLetter(t, ent, filing.json().id);
    expectStatus(await t.app.inject({ method: 'POST', url: `/api/filings/${filing.json().id}/submit`, headers: ent }), 200);

    const kunshan = await t.as('kunshan');
    const inbox = await t.app.inject({ url: '/api/notifications?unread=true', headers: kunshan });
    expect(inbox.json().unread).toBeGreaterThan(0);
    const notice = inbox.json().items[0];
    expect(notice).toMatchObject({ kind: 'filing.submitted', title: '新的聘任备案待审核', link: `/filings/${filing.json().id}` });
    // the city above and other counties are not bothered while the county has reviewers (other tests may notify them of other things)
    const aboutThisFiling = async (user: string) =>
      ((await t.app.inject({ url: '/api/notifications?pageSize=200', headers: await t.as(user) })).json().items as { link: string }[]).filter(
        (n) => n.link === `/filings/${String(filing.json().id)}`,
      );
    expect(await aboutThisFiling('suzhou')).toEqual([]);
    expect(await aboutThisFiling('gusu')).toEqual([]);
    expect(await aboutThisFiling('kunshan')).toHaveLength(1);

    // nobody marks someone else's notice read
    expect((await t.app.inject({ method: 'POST', url: `/api/notifications/${notice.id}/read`, headers: await t.as('gusu') })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'POST', url: `/api/notifications/${notice.id}/read`, headers: kunshan })).statusCode).toBe(200);

    expectStatus(
      await t.app.inject({ method: 'POST', url: `/api/filings/${filing.json().id}/return`, headers: kunshan, payload: { remarks: '请上传授权书' } }),
      200,
    );
    const entInbox = await t.app.inject({ url: '/api/notifications', headers: ent });
    expect(entInbox.json().items[0]).toMatchObject({ kind: 'filing.returned', body: '主管局意见：请上传授权书' });
    expectStatus(await t.app.inject({ method: 'POST', url: '/api/notifications/read-all', headers: ent }), 200);
    expect((await t.app.inject({ url: '/api/notifications', headers: ent })).json().unread).toBe(0);
  });
});

describe('overdue reminders', () => {
  it('once a day, each bureau with overdue filings gets one notice with the count', async () => {
    const { scheduleOverdueReminder } = await import('../filings/overdue-job');
    expect(await scheduleOverdueReminder(t.ctx)).toBe(true);
    expect(await scheduleOverdueReminder(t.ctx)).toBe(false);
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
    expect(overdue.length).toBeGreaterThan(0);
    let checked = 0;
    for (const [username, code] of [
      ['gusu', '320508'],
      ['kunshan', '320583'],
      ['xuanwu', '320102'],
    ] as const) {
      const inbox = await t.app.inject({ url: '/api/notifications', headers: await t.as(username) });
      const reminders = (inbox.json().items as { kind: string; body: string }[]).filter((n) => n.kind === 'filing.overdue');
      const count = overdue.filter((o) => o.code === code).length;
      expect(reminders).toHaveLength(count > 0 ? 1 : 0);
      if (count > 0) {
        expect(reminders[0]?.body).toContain(`有 ${count} 份聘任备案已超过审核期限`);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });
});
