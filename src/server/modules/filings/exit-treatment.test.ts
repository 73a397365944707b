import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberCheckCharacter } from '../../../domain/id-number';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { dayFromToday } from '../../testing/dates';
import { clock } from '../../clock';
import { createCandidate, createFiling } from '../../testing/factories';
import { expectStatus } from '../../testing/http';

let t: TestApp;
let ent: Record<string, string>;
let kunshan: Record<string, string>;
beforeAll(async () => {
  t = await createTestApp();
  ent = await t.as('ent-kunshan-1');
  kunshan = await t.as('kunshan');
});
afterAll(async () => {
  await t.close();
});

const idNumber = (body: string) => body + idNumberCheckCharacter(body);
const post = (url: string, headers: Record<string, string>, payload?: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url, headers, ...(payload === undefined ? {} : { payload }) });
/** The filing's fields with the structured treatment (四), without the candidate. */
const filingFields = (over: Record<string, unknown> = {}) => ({
  appointmentDate: dayFromToday(-10),
  departmentsLed: '质量管理部',
  reportsToGeneralManager: true,
  vetoRight: true,
  treatmentLevel: 'senior_deputy_or_above',
  attendsManagementMeetings: true,
  postAllowanceYuan: 2000,
  treatmentBenefits: ['executive_pay', 'post_allowance'],
  treatment: '另享年度体检',
  ...over,
});
const filingBody = (candidateId: number, over: Record<string, unknown> = {}) => ({ candidateId, ...filingFields(over) });

/** An approved filing of ent-kunshan-1 with the structured treatment fields above. */
const activeFiling = async (name: string, idBody: string): Promise<number> =>
  (await createFiling(t, { enterprise: ent, name, idNumber: idNumber(idBody), filing: filingFields() })).id;

type TreatmentRow = {
  orgUnitName: string;
  active: number;
  recorded: number;
  seniorDeputy: number;
  attendsMeetings: number;
  withAllowance: number;
  averageAllowanceYuan: number | null;
};

describe('四 岗位基本待遇 as structured fields', () => {
  it('keeps the treatment level, meetings (三.2), allowance and benefits on the filing, and refuses bad values naming the field', async () => {
    const personId = await createCandidate(t, { enterprise: ent, name: '钱待遇', idNumber: idNumber('32058319790101456'), fields: { qualityYears: 9 } });
    const bad = await post('/api/filings', ent, filingBody(personId, { postAllowanceYuan: -5 }));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0]).toMatchObject({ path: 'postAllowanceYuan', message: expect.stringContaining('岗位津贴不能为负数') as unknown });
    const badLevel = await post('/api/filings', ent, filingBody(personId, { treatmentLevel: 'ceo' }));
    expect(badLevel.statusCode).toBe(400);
    expect(badLevel.json().error.fields[0].path).toBe('treatmentLevel');
    expect(
      await t.db
        .selectFrom('filings as f')
        .innerJoin('candidates as c', (j) => j.onRef('c.person_id', '=', 'f.person_id').onRef('c.enterprise_id', '=', 'f.enterprise_id'))
        .select('f.id')
        .where('c.id', '=', personId)
        .execute(),
    ).toEqual([]);
    const draft = await post('/api/filings', ent, filingBody(personId));
    expect(draft.json()).toMatchObject({
      treatmentLevel: 'senior_deputy_or_above',
      attendsManagementMeetings: true,
      postAllowanceYuan: 2000,
      treatmentBenefits: ['executive_pay', 'post_allowance'],
      treatment: '另享年度体检',
    });
    expectStatus(await post(`/api/filings/${draft.json<{ id: number }>().id}/withdraw`, ent), 200);
  });

  it('counts the treatment of officers in office per bureau; other counties and enterprises do not see it', async () => {
    const before = (await t.app.inject({ url: '/api/filings/statistics/treatment', headers: kunshan })).json<{ items: TreatmentRow[] }>().items;
    const beforeKunshan = before.find((r) => r.orgUnitName.includes('昆山'));
    await activeFiling('孙待遇', '32058319780202567');
    const after = (await t.app.inject({ url: '/api/filings/statistics/treatment', headers: kunshan })).json<{ items: TreatmentRow[] }>().items;
    const row = after.find((r) => r.orgUnitName.includes('昆山'));
    expect(row).toBeDefined();
    // the new appointment superseded the enterprise's previous officer: the count of officers stays, the recorded treatment is the new one's
    expect(row?.active).toBe(beforeKunshan?.active);
    expect(row?.recorded).toBeGreaterThanOrEqual(1);
    expect(row?.seniorDeputy).toBeGreaterThanOrEqual(1);
    expect(row?.withAllowance).toBeGreaterThanOrEqual(1);
    const gusu = (await t.app.inject({ url: '/api/filings/statistics/treatment', headers: await t.as('gusu') })).json<{ items: TreatmentRow[] }>().items;
    expect(gusu.some((r) => r.orgUnitName.includes('昆山'))).toBe(false);
    expect((await t.app.inject({ url: '/api/filings/statistics/treatment', headers: ent })).statusCode).toBe(403);
  });
});

describe('六/七 退出机制: exits record their cause and feed the statistics', () => {
  it('ends an appointment for 考核不合格 and counts it under its bureau and year; the cause is always named (no default from the kind)', async () => {
    const year = clock.year();
    const stats = async (headers: Record<string, string>) => (await t.app.inject({ url: `/api/filings/statistics/exits?year=${year}`, headers })).json();
    const before = await stats(kunshan);
    const id = await activeFiling('李考核', '32058319770303678');
    const badCause = await post(`/api/filings/${id}/end`, ent, { kind: 'dismissal', cause: 'lazy', reason: '年度考核不合格', date: clock.today() });
    expect(badCause.statusCode).toBe(400);
    expect(badCause.json().error.fields[0].path).toBe('cause');
    const ended = await post(`/api/filings/${id}/end`, ent, { kind: 'dismissal', cause: 'assessment_failed', reason: '年度考核不合格', date: clock.today() });
    expect(ended.json()).toMatchObject({ status: 'ended', endKind: 'dismissal', exitCause: 'assessment_failed' });
    const after = await stats(kunshan);
    expect(after.total.byCause.assessment_failed).toBe(before.total.byCause.assessment_failed + 1);
    expect(after.total.byKind.dismissal).toBe((before.total.byKind.dismissal ?? 0) + 1);
    const unit = after.items.find((r: { orgUnitName: string }) => r.orgUnitName.includes('昆山'));
    expect(unit.byCause.assessment_failed).toBeGreaterThanOrEqual(1);
    // the province sees it too; another county does not
    expect((await stats(await t.as('province'))).items.some((r: { orgUnitName: string }) => r.orgUnitName.includes('昆山'))).toBe(true);
    expect((await stats(await t.as('gusu'))).items.some((r: { orgUnitName: string }) => r.orgUnitName.includes('昆山'))).toBe(false);
    expect((await t.app.inject({ url: `/api/filings/statistics/exits?year=${year}`, headers: ent })).statusCode).toBe(403);

    const id2 = await activeFiling('周辞任', '32058319760404789');
    const noCause = await post(`/api/filings/${id2}/end`, ent, { kind: 'resignation', reason: '个人原因辞任', date: clock.today() });
    expect(noCause.statusCode).toBe(400);
    expect(noCause.json().error.fields).toEqual([expect.objectContaining({ path: 'cause', message: expect.stringContaining('退出原因') })]);
    expect((await t.db.selectFrom('filings').select('status').where('id', '=', id2).executeTakeFirstOrThrow()).status).toBe('active');
    const resigned = await post(`/api/filings/${id2}/end`, ent, { kind: 'resignation', cause: 'voluntary', reason: '个人原因辞任', date: clock.today() });
    expect(resigned.json()).toMatchObject({ endKind: 'resignation', exitCause: 'voluntary' });
    const audit = await t.db
      .selectFrom('audit_events')
      .select('details')
      .where('action', '=', 'filing.end')
      .where('target_id', '=', String(id2))
      .executeTakeFirstOrThrow();
    expect(audit.details).toMatchObject({ kind: 'resignation', cause: 'voluntary' });
  });

  it('the database refuses an exit without a cause', async () => {
    const row = await t.db.selectFrom('filings').select('id').where('status', '=', 'active').executeTakeFirstOrThrow();
    await expect(sql`update filings set status = 'ended', end_kind = 'dismissal', exit_cause = null where id = ${row.id}`.execute(t.db)).rejects.toThrow(
      /filings_exit_cause_required|check constraint/,
    );
  });
});

describe('a department sees the exit and treatment statistics of its industries only', () => {
  it('counts nothing outside its industry scope and everything in its region without one', async () => {
    const unit = await t.db.selectFrom('org_units').select('id').where('code', '=', '320000').executeTakeFirstOrThrow();
    const created = await post('/api/accounts', await t.as('province'), {
      username: 'dept-stats',
      displayName: '省某厅',
      role: 'department',
      orgUnitId: unit.id,
    });
    expect(created.statusCode).toBe(201);
    const scope = (industries: string[] | null) =>
      t.db.updateTable('accounts').set({ must_change_password: false, industry_scope: industries }).where('username', '=', 'dept-stats').execute();
    const year = clock.year();
    const figures = async () => {
      const headers = await t.as('dept-stats');
      const exits = await t.app.inject({ url: `/api/filings/statistics/exits?year=${year}`, headers });
      const treatment = await t.app.inject({ url: '/api/filings/statistics/treatment', headers });
      expect([exits.statusCode, treatment.statusCode]).toEqual([200, 200]);
      return {
        exits: exits.json<{ total: { total: number } }>().total.total,
        active: treatment.json<{ items: { active: number }[] }>().items.reduce((n, r) => n + r.active, 0),
      };
    };
    // 'T' (households as employers) holds no filed enterprise
    await scope(['T']);
    expect(await figures()).toEqual({ exits: 0, active: 0 });
    await scope(null);
    const province = await t.as('province');
    const all = {
      exits: (await t.app.inject({ url: `/api/filings/statistics/exits?year=${year}`, headers: province })).json<{ total: { total: number } }>().total.total,
      active: (await t.app.inject({ url: '/api/filings/statistics/treatment', headers: province }))
        .json<{ items: { active: number }[] }>()
        .items.reduce((n, r) => n + r.active, 0),
    };
    expect(all.active).toBeGreaterThan(0);
    expect(await figures()).toEqual(all);
  });
});
