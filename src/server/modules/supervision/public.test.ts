import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usccCheckCharacter } from '../../../domain/uscc';
import { clock, TestClock, useClock } from '../../clock';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { CertificateService } from '../certificates/service';
import { setStudyMinutes } from '../study-ledger/ledger';
import { demoPair } from '../../testing/factories';
import { dayFromToday } from '../../testing/dates';
import { expectStatus } from '../../testing/http';

let t: TestApp;
let pair: Awaited<ReturnType<typeof demoPair>>;
beforeAll(async () => {
  t = await createTestApp();
  pair = await demoPair(t);
  // the demo training class certified this officer: start from an officer without a valid 培训合格证
  await t.db
    .updateTable('certificates')
    .set({ status: 'revoked', status_reason: '测试' })
    .where('person_id', '=', pair.personId)
    .where('kind', '=', 'training_certificate')
    .execute();
});
afterAll(async () => {
  await t.close();
});

const check = (uscc: string) => t.app.inject({ url: `/api/public/award-eligibility?uscc=${encodeURIComponent(uscc)}` });
const year = clock.year();

describe('award eligibility (public)', () => {
  it('refuses a malformed code with a Chinese message naming the field, and an unknown one with 404', async () => {
    const bad = await check('91320583MA1234567X');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].path).toBe('uscc');
    expect(bad.json().error.message).toContain('统一社会信用代码');
    const short = await check('123');
    expect(short.json().error.message).toBe('统一社会信用代码应为 18 位，当前为 3 位');
    const body = '91320583MA1X2Y3Z4';
    const unknown = await check(body.replace('Z', 'W') + usccCheckCharacter(body.replace('Z', 'W')));
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.message).toContain('企业');
  });

  it('八: by default asks only the necessary condition (a CQO appointed and filed) and no blacklisting, names the scheme version, and no person', async () => {
    const res = await check(pair.uscc.toLowerCase());
    expect(res.statusCode).toBe(200);
    const r = res.json();
    expect(r).toMatchObject({ uscc: pair.uscc, enterpriseName: pair.enterpriseName, eligible: true, scheme: { level: 'province', version: 1 } });
    expect(r.conditions.map((c: { key: string; pass: boolean }) => [c.key, c.pass])).toEqual([
      ['filed_officer', true],
      ['not_blacklisted', true],
    ]);
    expect(res.body).not.toContain('陈');
    expect(res.body).not.toMatch(/\d{6}\*+/);
  });

  it('八: the province adopts extra conditions as a new version; the necessary condition cannot be dropped; others cannot edit', async () => {
    const province = await t.as('province');
    const adopt = (payload: Record<string, unknown>, headers = province) =>
      t.app.inject({ method: 'POST', url: '/api/award-schemes/province', headers, payload });
    const extra = {
      conditions: [{ kind: 'filed_officer' }, { kind: 'trained' }, { kind: 'online_study' }, { kind: 'not_blacklisted' }],
      note: '省长质量奖：首席质量官须培训合格且线上自学达标',
    };
    expect((await adopt(extra, await t.as('kunshan'))).statusCode).toBe(403);
    const dropped = await adopt({ conditions: [{ kind: 'trained' }] });
    expect(dropped.statusCode).toBe(400);
    expect(dropped.json().error.message).toContain('必要条件');
    expect((await adopt({ ...extra, adoptedOn: dayFromToday(-1) })).statusCode).toBe(400);
    expect((await adopt({ conditions: [{ kind: 'filed_officer' }, { kind: 'filed_officer' }] })).statusCode).toBe(400);
    const adopted = await adopt(extra);
    expect(adopted.statusCode, adopted.body).toBe(201);
    expect(adopted.json()).toMatchObject({ level: 'province', version: 2 });
    // the city award keeps its own (default) scheme
    expect((await t.app.inject({ url: `/api/public/award-eligibility?uscc=${pair.uscc}&level=city` })).json()).toMatchObject({
      eligible: true,
      scheme: { level: 'city', version: 1 },
    });
    const r = (await check(pair.uscc)).json();
    expect(r).toMatchObject({ eligible: false, scheme: { version: 2 } });
    expect(r.conditions.map((c: { key: string; pass: boolean }) => [c.key, c.pass])).toEqual([
      ['filed_officer', true],
      ['trained', false],
      ['online_study', false],
      ['not_blacklisted', true],
    ]);
    expect(r.conditions[1].reason).toBe('首席质量官尚未取得有效的培训合格证');
    const schemes = (await t.app.inject({ url: '/api/award-schemes', headers: await t.as('kunshan') })).json().schemes;
    expect(schemes.filter((s: { level: string }) => s.level === 'province').map((s: { version: number }) => s.version)).toEqual([2, 1]);
  });

  it('becomes eligible once the officer is trained and the year is studied online; a ban makes it ineligible again', async () => {
    await t.db.transaction().execute(async (trx) => {
      const unit = await trx.selectFrom('enterprises').select('org_unit_id').where('id', '=', pair.enterpriseId).executeTakeFirstOrThrow();
      await new CertificateService(t.ctx.crypto).issue(trx, {
        kind: 'training_certificate',
        subjectType: 'training_class',
        subjectId: 1,
        personId: pair.personId,
        orgUnitId: unit.org_unit_id,
        payload: { personName: '陈质量' },
      });
      await setStudyMinutes(trx, {
        personId: pair.personId,
        year,
        source: 'self_study',
        sourceRef: 'course:1',
        minutes: 50 * 45,
        title: '在线自学',
        occurredOn: `${year}-03-01`,
      });
    });
    const ok = (await check(pair.uscc)).json();
    expect(ok.eligible).toBe(true);
    expect(ok.conditions[2].reason).toBe(`${year} 年度线上自学已达到 50 学时`);
    const proposed = await t.app.inject({
      method: 'POST',
      url: '/api/sanctions',
      headers: await t.as('kunshan'),
      payload: {
        kind: 'blacklist',
        filingId: pair.filingId,
        incidentTitle: '重大质量安全事故',
        incidentDate: dayFromToday(-96),
        incidentDescription: '产品缺陷导致重大事故',
        reason: '履职不到位造成重大质量安全事故',
        banStart: dayFromToday(-66),
        banEnd: dayFromToday(664),
      },
    });
    expect(proposed.statusCode).toBe(201);
    const approved = expectStatus(
      await t.app.inject({ method: 'POST', url: `/api/sanctions/${proposed.json().id}/approve`, headers: await t.as('province'), payload: {} }),
      200,
    );
    const noticeNo = approved.json().noticeNo as string;
    const after = (await check(pair.uscc)).json();
    expect(after.eligible).toBe(false);
    expect(after.conditions.find((c: { key: string }) => c.key === 'filed_officer')).toMatchObject({ pass: false });
    expect(after.conditions.find((c: { key: string }) => c.key === 'not_blacklisted')).toMatchObject({
      pass: false,
      reason: `本企业首席质量官因质量安全事故列入黑名单，禁入期至 ${dayFromToday(664)}（公告 ${noticeNo}）`,
    });
  });

  it('八: a past day’s check is reproducible — the facts and the condition version of that day, whatever is recorded later', async () => {
    const yesterday = dayFromToday(-1);
    const asOf = (day: string) => t.app.inject({ url: `/api/public/award-eligibility?uscc=${pair.uscc}&level=city&asOf=${day}` });
    const first = await asOf(yesterday);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ checkedOn: yesterday });
    // recorded today: a training certificate, online study of the year, a blacklisting of the officer, a new condition version
    await t.db.transaction().execute(async (trx) => {
      const unit = await trx.selectFrom('enterprises').select('org_unit_id').where('id', '=', pair.enterpriseId).executeTakeFirstOrThrow();
      await new CertificateService(t.ctx.crypto).issue(trx, {
        kind: 'training_certificate',
        subjectType: 'training_class',
        subjectId: 2,
        personId: pair.personId,
        orgUnitId: unit.org_unit_id,
        payload: { personName: '陈质量' },
      });
      await setStudyMinutes(trx, {
        personId: pair.personId,
        year,
        source: 'self_study',
        sourceRef: 'course:late',
        minutes: 60 * 45,
        title: '在线自学',
        occurredOn: clock.today(),
      });
    });
    const province = await t.db.selectFrom('accounts').select('id').where('username', '=', 'province').executeTakeFirstOrThrow();
    await t.db
      .insertInto('sanctions')
      .values({
        kind: 'blacklist',
        person_id: pair.personId,
        enterprise_id: pair.enterpriseId,
        filing_id: null,
        org_unit_id: 1,
        incident_title: '事故',
        incident_date: yesterday,
        incident_description: '质量事故',
        reason: '履职不到位',
        ban_start: clock.today(),
        ban_end: dayFromToday(365),
        status: 'in_force',
        proposed_by: province.id,
        decided_by: province.id,
        decided_at: clock.now(),
      })
      .execute();
    const adopted = await t.app.inject({
      method: 'POST',
      url: '/api/award-schemes/city',
      headers: await t.as('province'),
      payload: { conditions: [{ kind: 'filed_officer' }, { kind: 'tenure', params: { months: 120 } }] },
    });
    expect(adopted.statusCode, adopted.body).toBe(201);
    const again = await asOf(yesterday);
    expect(again.json()).toEqual(first.json());
    const today = (await t.app.inject({ url: `/api/public/award-eligibility?uscc=${pair.uscc}&level=city` })).json();
    expect(today.scheme.version).toBeGreaterThan(first.json().scheme.version);
    expect(today.eligible).toBe(false);
    // before the officer's filing took effect there was no filed CQO; a day to come cannot be checked
    const early = (await asOf('2020-01-01')).json();
    expect(early.conditions[0]).toMatchObject({ key: 'filed_officer', pass: false });
    const future = await asOf(dayFromToday(1));
    expect(future.statusCode).toBe(400);
    expect(future.json().error.message).toContain('查询日期');
  });

  it('is rate-limited like certificate verification', async () => {
    // the limit counts 30 answers per fixed minute of the clock: a frozen clock in the next minute starts a window of
    // this test's own, which cannot roll over however slowly the requests run (on a loaded machine the real minute
    // ended mid-loop once and the 31st request was counted anew)
    const frozen = new TestClock(new Date(clock.nowMs() + 60_000), { frozen: true });
    const previous = useClock(frozen);
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 31; i++) statuses.push((await check(pair.uscc)).statusCode);
      expect(statuses.slice(0, 30)).not.toContain(429);
      expect(statuses[30]).toBe(429);
    } finally {
      useClock(previous);
    }
  });
});
