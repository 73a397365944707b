import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { thisYear } from '../../testing/dates';
import { setStudyMinutes } from '../study-ledger/ledger';
import { officerAccountsBelow } from '../study/account';

let t: TestApp;
let h: Record<string, Record<string, string>>;
let personId: number;
let accountId: number;
// a past year: the whole year has passed, so anything short of the target is behind
const year = thisYear() - 1;

beforeAll(async () => {
  t = await createTestApp();
  h = {};
  for (const u of ['officer-kunshan-1', 'kunshan', 'province']) h[u] = await t.as(u);
  const p = await t.db
    .selectFrom('persons as p')
    .innerJoin('accounts as a', 'a.id', 'p.account_id')
    .select(['p.id', 'a.id as accountId'])
    .where('a.username', '=', 'officer-kunshan-1')
    .executeTakeFirstOrThrow();
  personId = p.id;
  accountId = p.accountId;
  await t.db.transaction().execute(async (trx) => {
    // 47 学时 of offline learning (45 minutes each), nothing online
    await setStudyMinutes(trx, {
      personId,
      year,
      source: 'offline',
      sourceRef: 'claim:test-47',
      title: '线下学习 47 学时',
      occurredOn: `${year}-05-10`,
      minutes: 47 * 45,
    });
  });
});
afterAll(async () => {
  await t.close();
});

const account = async () => (await t.app.inject({ method: 'GET', url: `/api/study/my/account?year=${year}`, headers: h['officer-kunshan-1'] })).json();

describe('online self-study as its own measure (policy 五: 每年累计线上自学应不少于 50 个学时)', () => {
  it('五: an officer with 47 offline hours and 0 online is behind; the offline hours are other learning beside it', async () => {
    const a = await account();
    expect(a.onlineSources).toEqual(['self_study']);
    expect(a).toMatchObject({ onlineMinutes: 0, onlineHours: 0, otherHours: 47, hours: 47, targetHours: 50, pace: 'behind' });
    expect(a.bySource.find((s: { source: string }) => s.source === 'offline')).toMatchObject({ hours: 47, online: false });
    expect(a.lines.find((l: { title: string }) => l.title === '线下学习 47 学时')).toMatchObject({ online: false });
  });

  it('五: the bureau overview and the reminders count the online figure, not the total', async () => {
    const o = (await t.app.inject({ method: 'GET', url: `/api/study/overview?year=${year}`, headers: h.kunshan })).json();
    expect(o.behind.find((r: { personId: number }) => r.personId === personId)).toMatchObject({ onlineHours: 0, hours: 47, pace: 'behind' });
    expect(await officerAccountsBelow(t.db, year, 50 * 45)).toContain(accountId);
  });

  it('五: the transcript states the online hours against the target and the other learning beside them', async () => {
    const issued = await t.app.inject({ method: 'POST', url: '/api/study/my/transcripts', headers: h['officer-kunshan-1'], payload: { year } });
    expect(issued.statusCode).toBe(201);
    const cert = await t.db.selectFrom('certificates').select('payload').where('id', '=', issued.json().id).executeTakeFirstOrThrow();
    expect(cert.payload).toMatchObject({ onlineMinutes: 0, onlineHours: 0, hours: 47, targetHours: 50 });
  });

  it('the province marks offline learning as online from this year: the accounts are recomputed from that year on, the closed year is not', async () => {
    // a past year's rule is closed (policy 八, closed-years.test.ts): a rule set now governs this year and later
    const cur = thisYear();
    await t.db.transaction().execute((trx) =>
      setStudyMinutes(trx, {
        personId,
        year: cur,
        source: 'offline',
        sourceRef: 'claim:test-cur',
        title: '线下学习（本年度）',
        occurredOn: `${cur}-01-02`,
        minutes: 3 * 45,
      }),
    );
    const currentAccount = async () =>
      (await t.app.inject({ method: 'GET', url: `/api/study/my/account?year=${cur}`, headers: h['officer-kunshan-1'] })).json();
    const before = await currentAccount();
    const saved = await t.app.inject({
      method: 'PUT',
      url: `/api/study/online-rules/${cur}`,
      headers: h.province,
      payload: { sources: ['self_study', 'offline'], note: '测试：线下学习计入', version: 0 },
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ year: cur, version: 1 });
    expect(saved.json().recomputed).toBeGreaterThanOrEqual(1);
    const offlineHours = before.bySource.find((x: { source: string }) => x.source === 'offline').hours;
    expect(offlineHours).toBeGreaterThanOrEqual(3);
    const after = await currentAccount();
    expect(after.onlineSources).toEqual(['self_study', 'offline']);
    expect(after.onlineHours).toBeCloseTo(before.onlineHours + offlineHours, 1);
    expect(after.lines.find((l: { title: string }) => l.title === '线下学习（本年度）')).toMatchObject({ online: true });
    // the closed year keeps the rule that governed it
    expect(await account()).toMatchObject({ onlineHours: 0, otherHours: 47, pace: 'behind' });
    // the rule governs the later years too (a line written there is flagged by it), until one has its own
    await t.db.transaction().execute((trx) =>
      setStudyMinutes(trx, {
        personId,
        year: cur + 1,
        source: 'offline',
        sourceRef: 'claim:test-next',
        title: '线下学习（下年度）',
        occurredOn: `${cur + 1}-02-01`,
        minutes: 90,
      }),
    );
    const later = () =>
      t.db
        .selectFrom('study_ledger_entries')
        .select('online')
        .where('person_id', '=', personId)
        .where('year', '=', cur + 1)
        .where('source', '=', 'offline')
        .execute();
    expect((await later()).length).toBeGreaterThan(0);
    expect((await later()).every((l) => l.online)).toBe(true);
    const own = await t.app.inject({
      method: 'PUT',
      url: `/api/study/online-rules/${cur + 1}`,
      headers: h.province,
      payload: { sources: ['self_study'], version: 0 },
    });
    expect(own.statusCode).toBe(200);
    expect((await later()).every((l) => !l.online)).toBe(true);
    expect((await currentAccount()).onlineHours).toBeCloseTo(after.onlineHours, 1);
    const rules = (await t.app.inject({ method: 'GET', url: '/api/study/online-rules', headers: h.kunshan })).json();
    expect(rules.rules.map((r: { year: number }) => r.year)).toEqual(expect.arrayContaining([cur, cur + 1, 2020]));
    expect(rules.firstOpenYear).toBe(cur);
    expect(rules.rules.find((r: { year: number }) => r.year === cur).closedReason).toBeNull();
    expect(rules.rules.find((r: { year: number }) => r.year === 2020).closedReason).toContain('2020 年已结束');
  });

  it('only the province edits the rule; bad input and a stale version change nothing', async () => {
    const cur = thisYear();
    expect(
      (await t.app.inject({ method: 'PUT', url: `/api/study/online-rules/${cur}`, headers: h.kunshan, payload: { sources: ['offline'], version: 1 } }))
        .statusCode,
    ).toBe(403);
    const empty = await t.app.inject({ method: 'PUT', url: `/api/study/online-rules/${cur}`, headers: h.province, payload: { sources: [], version: 1 } });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.message).toContain('请至少选择一种计入线上自学的来源');
    const bogus = await t.app.inject({
      method: 'PUT',
      url: `/api/study/online-rules/${cur}`,
      headers: h.province,
      payload: { sources: ['gossip'], version: 1 },
    });
    expect(bogus.statusCode).toBe(400);
    const stale = await t.app.inject({
      method: 'PUT',
      url: `/api/study/online-rules/${cur}`,
      headers: h.province,
      payload: { sources: ['self_study'], version: 0 },
    });
    expect(stale.statusCode).toBe(409);
    const conflict = await t.app.inject({
      method: 'PUT',
      url: `/api/study/online-rules/${cur}`,
      headers: h.province,
      payload: { sources: ['self_study'], version: 7 },
    });
    expect(conflict.statusCode).toBe(409);
    expect(conflict.json().error.code).toBe('VERSION_CONFLICT');
    const rule = await t.db.selectFrom('study_online_rules').select(['sources', 'version']).where('year', '=', cur).executeTakeFirstOrThrow();
    expect(rule).toEqual({ sources: ['self_study', 'offline'], version: 1 });
  });

  // PostgreSQL only: PGlite serves one connection, so a writer and a rule save cannot overlap there
  it.runIf(process.env.TEST_DATABASE_URL)(
    'a ledger line written while the province saves a rule ends up flagged by the saved rule (the save waits for writers)',
    async () => {
      const ruleYear = thisYear() + 2;
      let release = (): void => undefined;
      const held = new Promise<void>((resolve) => (release = resolve));
      let wrote = (): void => undefined;
      const written = new Promise<void>((resolve) => (wrote = resolve));
      // a study write in flight: its line is flagged by the rule it sees (offline is not online yet)
      const writer = t.db.transaction().execute(async (trx) => {
        await setStudyMinutes(trx, {
          personId,
          year: ruleYear,
          source: 'offline',
          sourceRef: 'claim:test-race',
          title: '线下学习（并发）',
          occurredOn: `${ruleYear}-03-01`,
          minutes: 90,
        });
        wrote();
        await held;
      });
      await written;
      const save = t.app.inject({
        method: 'PUT',
        url: `/api/study/online-rules/${ruleYear}`,
        headers: h.province,
        payload: { sources: ['self_study', 'offline'], version: 0 },
      });
      // either the save waits for the writer's lock (as it must) or it finishes first (the race this test catches)
      let settled = false;
      const waiting = (async () => {
        while (!settled) {
          const w = await sql<{
            n: number;
          }>`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`.execute(t.db);
          if ((w.rows[0]?.n ?? 0) > 0) return;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      })();
      await Promise.race([save, waiting]);
      settled = true;
      release();
      await writer;
      expect((await save).statusCode).toBe(200);
      const line = await t.db
        .selectFrom('study_ledger_entries')
        .select('online')
        .where('person_id', '=', personId)
        .where('source_ref', '=', 'claim:test-race')
        .executeTakeFirstOrThrow();
      expect(line.online).toBe(true);
    },
  );
});
