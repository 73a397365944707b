import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../../../domain/permissions';
import { clock } from '../../clock';
import { DEMO_PROVINCE_ALLIANCE_ADMIN, DEMO_SECOND_OFFICER, DEMO_SUZHOU_CLUB_ADMIN } from '../../demo/community';
import { DEMO_TRAINER_ACCOUNT } from '../../demo/training';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { createOfficer } from '../../testing/community-factories';
import type { Todo } from './todo';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const todo = async (username: string): Promise<Todo> => {
  const res = await t.app.inject({ url: '/api/home/todo', headers: await t.as(username) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Todo>();
};
const value = (d: Todo, key: string): number => {
  const found = d.items.find((i) => i.key === key);
  if (!found) throw new Error(`no item ${key} in ${d.items.map((i) => i.key).join(',')}`);
  return found.value;
};
const total = async (username: string, url: string): Promise<number> => {
  const res = await t.app.inject({ url, headers: await t.as(username) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ total: number }>().total;
};

describe('the work-first home: one to-do endpoint, each role its own counts in its own scope', () => {
  it('a county’s counts are the totals of the lists they link to, its own only; the city’s include it; a filing made overdue moves the county and the city, not another county', async () => {
    const kunshan = await todo('kunshan');
    expect(kunshan.items.map((i) => i.key)).toEqual(
      expect.arrayContaining([
        'filingsToReview',
        'filingsOverdue',
        'registrations',
        'identityLinks',
        'studyClaims',
        'uncovered',
        'studyBehind',
        'ownPlansMissing',
        'unreadNotices',
      ]),
    );
    // a county has no bureaus below it to chase for plans
    expect(kunshan.items.some((i) => i.key === 'plansMissing')).toBe(false);
    for (const who of ['kunshan', 'gusu', 'suzhou']) {
      const d = await todo(who);
      expect(value(d, 'filingsToReview'), who).toBe(await total(who, '/api/filings?status=submitted&pageSize=1'));
      expect(value(d, 'filingsOverdue'), who).toBe(await total(who, '/api/filings?overdue=true&pageSize=1'));
      expect(value(d, 'uncovered'), who).toBe(await total(who, `/api/coverage/worklists/uncovered?year=${String(clock.year())}&pageSize=1`));
    }
    expect(value(kunshan, 'filingsToReview')).toBeGreaterThan(0);
    expect(kunshan.items.find((i) => i.key === 'filingsOverdue')).toMatchObject({ link: '/filings?tab=overdue', alert: value(kunshan, 'filingsOverdue') > 0 });
    expect(kunshan.items.find((i) => i.key === 'filingsToReview')?.link).toBe('/filings?tab=pending');

    const gusuBefore = await todo('gusu');
    const suzhouBefore = await todo('suzhou');
    const waiting = await t.db
      .selectFrom('filings as f')
      .innerJoin('org_units as o', 'o.id', 'f.org_unit_id')
      .select('f.id')
      .where('o.code', '=', '320583')
      .where('f.status', '=', 'submitted')
      .where('f.review_deadline', '>=', clock.today())
      .orderBy('f.id')
      .executeTakeFirstOrThrow();
    await t.db.updateTable('filings').set({ review_deadline: '2000-01-03' }).where('id', '=', waiting.id).execute();
    expect(value(await todo('kunshan'), 'filingsOverdue')).toBe(value(kunshan, 'filingsOverdue') + 1);
    expect(value(await todo('suzhou'), 'filingsOverdue')).toBe(value(suzhouBefore, 'filingsOverdue') + 1);
    expect(value(await todo('gusu'), 'filingsOverdue')).toBe(value(gusuBefore, 'filingsOverdue'));
    expect(value(await todo('nanjing'), 'filingsOverdue')).toBe(await total('nanjing', '/api/filings?overdue=true&pageSize=1'));
  });

  it('the province and a city count the bureaus below that have not filed a training plan; the 催报 list agrees', async () => {
    const year = clock.year();
    for (const who of ['province', 'suzhou']) {
      const d = await todo(who);
      const overview = (await t.app.inject({ url: `/api/training-plans/overview?year=${String(year)}`, headers: await t.as(who) })).json<{
        rows: { orgUnitId: number; status: string }[];
      }>();
      const me = (await t.db.selectFrom('accounts').select('org_unit_id').where('username', '=', who).executeTakeFirstOrThrow()).org_unit_id;
      const owing = new Set(
        overview.rows.filter((r) => r.orgUnitId !== me && !['covered', 'submitted', 'acknowledged'].includes(r.status)).map((r) => r.orgUnitId),
      );
      expect(value(d, 'plansMissing'), who).toBe(owing.size);
      expect(d.items.find((i) => i.key === 'plansMissing')?.link).toBe(`/training-plans?tab=overview&year=${String(year)}`);
    }
    expect(value(await todo('province'), 'plansMissing')).toBeGreaterThan(value(await todo('suzhou'), 'plansMissing'));
  });

  it('an officer’s phone home: sign-in first, today’s classes and study hours against the target; a class today counts for its enrolled officer only', async () => {
    const officer = await todo('officer-kunshan-1');
    expect(officer.actions.map((a) => a.link)).toEqual(['/training/sign-in', '/me/training']);
    expect(officer.items.slice(0, 2).map((i) => i.key)).toEqual(['classesToday', 'studyHours']);
    const account = (await t.app.inject({ url: '/api/study/my/account', headers: await t.as('officer-kunshan-1') })).json<{
      onlineHours: number;
      targetHours: number;
    }>();
    expect(officer.items.find((i) => i.key === 'studyHours')).toMatchObject({
      value: account.onlineHours,
      target: account.targetHours,
      unit: '学时',
      link: '/study/account',
    });

    const enrolment = await t.db
      .selectFrom('training_enrolments as en')
      .innerJoin('persons as p', 'p.id', 'en.person_id')
      .innerJoin('accounts as a', 'a.id', 'p.account_id')
      .innerJoin('training_classes as c', 'c.id', 'en.class_id')
      .select(['en.class_id'])
      .where('a.username', '=', 'officer-kunshan-1')
      .where('en.status', '=', 'enrolled')
      .where('c.status', '=', 'open')
      .executeTakeFirstOrThrow();
    const other = await todo(DEMO_SECOND_OFFICER);
    const trainer = await todo(DEMO_TRAINER_ACCOUNT);
    const otherEnrolled = await t.db
      .selectFrom('training_enrolments as en')
      .innerJoin('persons as p', 'p.id', 'en.person_id')
      .innerJoin('accounts as a', 'a.id', 'p.account_id')
      .select('en.id')
      .where('a.username', '=', DEMO_SECOND_OFFICER)
      .where('en.class_id', '=', enrolment.class_id)
      .where('en.status', '=', 'enrolled')
      .executeTakeFirst();
    const start = new Date(clock.nowMs() + 5 * 60_000);
    await t.db
      .insertInto('training_sessions')
      .values({ class_id: enrolment.class_id, title: '首页待办测试课', starts_at: start, ends_at: new Date(start.getTime() + 60 * 60_000) })
      .execute();
    // a session that spans today in China counts; the clock may be near midnight, so compare by China day
    const sameDay = new Date(start.getTime() + 8 * 3600_000).toISOString().slice(0, 10) === clock.today();
    expect(value(await todo('officer-kunshan-1'), 'classesToday')).toBe(value(officer, 'classesToday') + (sameDay ? 1 : 0));
    expect(value(await todo(DEMO_SECOND_OFFICER), 'classesToday')).toBe(value(other, 'classesToday') + (sameDay && otherEnrolled ? 1 : 0));
    const classTrainer = await t.db.selectFrom('training_classes').select('trainer_account_id').where('id', '=', enrolment.class_id).executeTakeFirstOrThrow();
    const trainerId = (await t.db.selectFrom('accounts').select('id').where('username', '=', DEMO_TRAINER_ACCOUNT).executeTakeFirstOrThrow()).id;
    expect(value(await todo(DEMO_TRAINER_ACCOUNT), 'sessionsToday')).toBe(
      value(trainer, 'sessionsToday') + (sameDay && classTrainer.trainer_account_id === trainerId ? 1 : 0),
    );
  });

  it('an enterprise, an alliance admin and the 三员 each get their own items; an application counts for its organisation’s admin only', async () => {
    const ent = await todo('ent-kunshan-1');
    expect(ent.items.map((i) => i.key)).toEqual(['filingsToFinish', 'filingsWithBureau', 'noOfficer', 'unreadNotices']);
    const entId =
      (await t.db.selectFrom('accounts').select('enterprise_id').where('username', '=', 'ent-kunshan-1').executeTakeFirstOrThrow()).enterprise_id ?? -1;
    const active = await t.db.selectFrom('filings').select('id').where('enterprise_id', '=', entId).where('status', '=', 'active').execute();
    expect(value(ent, 'noOfficer')).toBe(active.length === 0 ? 1 : 0);

    const clubAdmin = await todo(DEMO_SUZHOU_CLUB_ADMIN);
    expect(clubAdmin.items.map((i) => i.key)).toEqual(['applications', 'moderation', 'eventsAhead', 'unreadNotices']);
    // an application to the 苏州 之家 counts for its admin, not for the province alliance's
    const allianceBefore = value(await todo(DEMO_PROVINCE_ALLIANCE_ADMIN), 'applications');
    const club = await t.db
      .selectFrom('community_members as m')
      .innerJoin('accounts as a', 'a.id', 'm.account_id')
      .select('m.organisation_id')
      .where('a.username', '=', DEMO_SUZHOU_CLUB_ADMIN)
      .executeTakeFirstOrThrow();
    await createOfficer(t, 'officer-home-todo', '320508');
    const applied = await t.app.inject({
      method: 'POST',
      url: `/api/community/organisations/${String(club.organisation_id)}/join`,
      headers: await t.as('officer-home-todo'),
      payload: { message: '申请加入' },
    });
    expect(applied.statusCode, applied.body).toBeLessThan(300);
    expect(value(await todo(DEMO_SUZHOU_CLUB_ADMIN), 'applications')).toBe(value(clubAdmin, 'applications') + 1);
    expect(value(await todo(DEMO_PROVINCE_ALLIANCE_ADMIN), 'applications')).toBe(allianceBefore);

    const sec = await todo('secadmin');
    expect(sec.items.map((i) => i.key)).toEqual(['resetRequests']);
    expect((await todo('auditadmin')).items.map((i) => i.key)).toEqual(['auditToday', 'failedLoginsToday']);
    expect(value(await todo('auditadmin'), 'auditToday')).toBeGreaterThanOrEqual(0);
    expect((await todo('sysadmin')).items.map((i) => i.key)).toEqual(['lockedAccounts', 'myResetRequests', 'unreadNotices']);
  });

  it('answers every role, and nobody without a session', async () => {
    const seen = new Set<string>();
    const accounts = await t.db.selectFrom('accounts').select(['username', 'role']).where('status', '=', 'active').orderBy('id').execute();
    for (const role of ROLES) {
      const a = accounts.find((x) => x.role === role);
      if (!a) continue;
      const d = await todo(a.username);
      expect(d.items.length, role).toBeGreaterThan(0);
      for (const i of d.items) expect(i.link.startsWith('/'), `${role} ${i.key}`).toBe(true);
      seen.add(role);
    }
    expect(seen.size).toBeGreaterThanOrEqual(ROLES.length - 1);
    expect((await t.app.inject({ url: '/api/home/todo' })).statusCode).toBe(401);
  });
});
