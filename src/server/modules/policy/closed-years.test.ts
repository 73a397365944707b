import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { thisYear } from '../../testing/dates';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { setStudyMinutes } from '../study-ledger/ledger';

let t: TestApp;
let province: Record<string, string>;
beforeAll(async () => {
  t = await createTestApp();
  province = await t.as('province');
  // an officer in office through the past year, with 30 学时 of self-study and 30 of offline learning recorded in it
  // (by its end): offline counted online, or a target of 30 or less, would have met that year's target
  const yearEnd = `${String(past())}-12-31`;
  const officer = await t.db
    .selectFrom('filings')
    .select('person_id')
    .where('status', 'in', ['active', 'ended'])
    .where('decided_at', '<', new Date(`${String(past())}-01-01T00:00:00Z`))
    .where((eb) => eb.or([eb('ended_at', 'is', null), eb('ended_at', '>', yearEnd)]))
    .limit(1)
    .executeTakeFirstOrThrow();
  await t.db.transaction().execute(async (trx) => {
    await setStudyMinutes(trx, {
      personId: officer.person_id,
      year: past(),
      source: 'self_study',
      sourceRef: 'course:closed-year',
      title: '线上自学 30 学时',
      occurredOn: `${String(past())}-05-10`,
      minutes: 30 * 45,
    });
    await setStudyMinutes(trx, {
      personId: officer.person_id,
      year: past(),
      source: 'offline',
      sourceRef: 'claim:closed-year',
      title: '线下学习 30 学时',
      occurredOn: `${String(past())}-05-10`,
      minutes: 30 * 45,
    });
  });
  const recorded = new Date(`${String(past())}-05-10T02:00:00Z`);
  await t.db
    .updateTable('study_ledger_entries')
    .set({ created_at: recorded, updated_at: recorded })
    .where('source_ref', 'in', ['course:closed-year', 'claim:closed-year'])
    .execute();
});
afterAll(async () => {
  await t.close();
});

// the last closed year by the clock (never a calendar year: the suite also runs two years ahead)
const past = () => thisYear() - 1;
/** The past year's 考核 (policy 八) as the province reads it. */
const assessment = async () => {
  const res = await t.app.inject({ url: `/api/assessment/results?year=${String(past())}`, headers: province });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<unknown>();
};
const refused = (res: { statusCode: number; json: <T>() => T }, year: number) => {
  expect(res.statusCode).toBe(409);
  expect(res.json<{ error: { message: string } }>().error.message).toContain(`${String(year)} 年已结束，其规则已用于当年考核，不能再修改`);
};

describe('a closed year keeps the rules its 考核 was computed with (policy 八: 纳入政府质量工作考核范围)', () => {
  it("八: a past year's online-study rule cannot be set or changed; the year's 考核 reads the same", async () => {
    const before = await assessment();
    const flags = () => t.db.selectFrom('study_ledger_entries').select(['id', 'online']).where('year', '=', past()).orderBy('id').execute();
    const flagsBefore = await flags();
    refused(
      await t.app.inject({
        method: 'PUT',
        url: `/api/study/online-rules/${String(past())}`,
        headers: province,
        payload: { sources: ['self_study', 'offline', 'training'], version: 0 },
      }),
      past(),
    );
    // the standing rule of an earlier year (it governs the past year) is closed too
    const standing = await t.db
      .selectFrom('study_online_rules')
      .select(['year', 'version', 'sources'])
      .where('year', '<', thisYear())
      .orderBy('year', 'desc')
      .executeTakeFirst();
    if (standing)
      refused(
        await t.app.inject({
          method: 'PUT',
          url: `/api/study/online-rules/${String(standing.year)}`,
          headers: province,
          payload: { sources: ['self_study', 'offline'], version: standing.version },
        }),
        standing.year,
      );
    expect(await t.db.selectFrom('study_online_rules').select('year').where('year', '=', past()).executeTakeFirst()).toBeUndefined();
    expect(await flags()).toEqual(flagsBefore);
    expect(await assessment()).toEqual(before);
    // this year stays editable
    expect(
      (
        await t.app.inject({
          method: 'PUT',
          url: `/api/study/online-rules/${String(thisYear())}`,
          headers: province,
          payload: { sources: ['self_study'], version: 0 },
        })
      ).statusCode,
    ).toBe(200);
  });

  it("八: a past year's study target cannot be set or changed; a new default applies from this year and the year's 考核 reads the same", async () => {
    const before = await assessment();
    const loaded = (await t.app.inject({ url: '/api/study/settings', headers: province })).json<
      { version: number; firstOpenYear: number; annualTargetHours: number; targetHoursByYear: Record<string, number> } & Record<string, unknown>
    >();
    expect(loaded.firstOpenYear).toBe(thisYear());
    const { firstOpenYear: _ignored, ...body } = loaded;
    refused(
      await t.app.inject({
        method: 'PUT',
        url: '/api/study/settings',
        headers: province,
        payload: { ...body, targetHoursByYear: { ...body.targetHoursByYear, [String(past())]: 10 } },
      }),
      past(),
    );
    expect((await t.app.inject({ url: '/api/study/settings', headers: province })).json()).toMatchObject({
      version: loaded.version,
      targetHoursByYear: loaded.targetHoursByYear,
    });
    expect(await assessment()).toEqual(before);
    // a lower default (and next year's own target) is taken; the past year keeps the old default as its own target
    const saved = await t.app.inject({
      method: 'PUT',
      url: '/api/study/settings',
      headers: province,
      payload: { ...body, annualTargetHours: 20, targetHoursByYear: { ...body.targetHoursByYear, [String(thisYear() + 1)]: 70 } },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({
      annualTargetHours: 20,
      targetHoursByYear: { [String(past())]: body.annualTargetHours, [String(thisYear() + 1)]: 70 },
    });
    expect(await assessment()).toEqual(before);
    // and that kept target cannot then be dropped
    const kept = saved.json<{ version: number; targetHoursByYear: Record<string, number> } & Record<string, unknown>>();
    const { firstOpenYear: _again, ...keptBody } = kept;
    const rest = Object.fromEntries(Object.entries(kept.targetHoursByYear).filter(([y]) => y !== String(past())));
    refused(await t.app.inject({ method: 'PUT', url: '/api/study/settings', headers: province, payload: { ...keptBody, targetHoursByYear: rest } }), past());
  });

  it("八: a past year's working calendar cannot be saved; the year's 考核 reads the same", async () => {
    const before = await assessment();
    const read = (await t.app.inject({ url: `/api/working-calendar/${String(past())}`, headers: province })).json<{
      version: number;
      closedReason: string | null;
      days: unknown[];
    }>();
    expect(read.closedReason).toContain(`${String(past())} 年已结束`);
    refused(
      await t.app.inject({
        method: 'PUT',
        url: `/api/working-calendar/${String(past())}`,
        headers: province,
        payload: { source: `国务院办公厅关于${String(past())}年部分节假日安排的通知`, days: [], version: read.version },
      }),
      past(),
    );
    expect((await t.app.inject({ url: `/api/working-calendar/${String(past())}`, headers: province })).json()).toEqual(read);
    expect(await assessment()).toEqual(before);
    const list = (await t.app.inject({ url: '/api/working-calendar', headers: province })).json<{ firstOpenYear: number }>();
    expect(list.firstOpenYear).toBe(thisYear());
    // next year stays editable
    const next = thisYear() + 1;
    const nextRead = (await t.app.inject({ url: `/api/working-calendar/${String(next)}`, headers: province })).json<{
      version: number;
      closedReason: string | null;
    }>();
    expect(nextRead.closedReason).toBeNull();
    expect(
      (
        await t.app.inject({
          method: 'PUT',
          url: `/api/working-calendar/${String(next)}`,
          headers: province,
          payload: { source: `国务院办公厅关于${String(next)}年部分节假日安排的通知`, days: [], version: nextRead.version },
        })
      ).statusCode,
    ).toBe(200);
  });
});
