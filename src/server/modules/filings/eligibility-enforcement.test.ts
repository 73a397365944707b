import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberCheckCharacter } from '../../../domain/id-number';
import { clock } from '../../clock';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { attachLetter } from '../../testing/factories';

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

const post = (url: string, headers: Record<string, string>, payload?: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url, headers, ...(payload === undefined ? {} : { payload }) });

/** A submitted filing of ent-kunshan-1 (规上 or 国有: a binding segment) for a candidate with the given facts. */
async function submitted(idBody: string, facts: Record<string, unknown>): Promise<number> {
  const person = await post('/api/candidates', ent, {
    name: '吴质量',
    idNumber: idBody + idNumberCheckCharacter(idBody),
    education: 'bachelor',
    positionTitle: '副总经理',
    positionLevel: 'deputyGeneralManager',
    ...facts,
  });
  expect(person.statusCode).toBe(201);
  const draft = await post('/api/filings', ent, {
    candidateId: person.json().id,
    appointmentDate: clock.today(),
    reportsToGeneralManager: true,
    vetoRight: true,
  });
  expect(draft.statusCode).toBe(201);
  await attachLetter(t, ent, draft.json().id);
  expect((await post(`/api/filings/${draft.json().id}/submit`, ent)).statusCode).toBe(200);
  return draft.json().id as number;
}

describe('binding eligibility rules', () => {
  it('approve a failing filing only with a written override reason, kept on the filing, audited and counted', async () => {
    const id = await submitted('32058319790303321', { qualityYears: 2 });
    const before = (await t.app.inject({ url: `/api/filings/${id}`, headers: kunshan })).json();
    expect(before.eligibility.binding).toBe(true);
    expect(before.eligibility.criteria.filter((c: { pass: boolean }) => !c.pass).map((c: { key: string }) => c.key)).toEqual(['qualityYears']);

    const missing = await post(`/api/filings/${id}/approve`, kunshan, {});
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.fields).toEqual([expect.objectContaining({ path: 'overrideReason', message: expect.stringContaining('破格理由') })]);
    expect((await post(`/api/filings/${id}/approve`, kunshan, { overrideReason: '同意' })).statusCode).toBe(400);
    expect((await t.db.selectFrom('filings').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status).toBe('submitted');

    const reason = '拟任人员主持企业质量体系建设，实绩突出，经局务会研究同意破格备案';
    const approved = await post(`/api/filings/${id}/approve`, kunshan, { overrideReason: reason });
    expect(approved.statusCode).toBe(200);
    const rules = await t.db.selectFrom('eligibility_rules').select('version').orderBy('version', 'desc').executeTakeFirstOrThrow();
    expect(approved.json()).toMatchObject({ status: 'active', overrideReason: reason, overrideRuleVersion: rules.version });
    expect(approved.json().overrideCriteria).toEqual([expect.objectContaining({ key: 'qualityYears', required: '5 年及以上', actual: '2 年', pass: false })]);

    const audit = await t.db
      .selectFrom('audit_events')
      .select(['action', 'details'])
      .where('target_type', '=', 'filing')
      .where('target_id', '=', String(id))
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit.action).toBe('filing.approve_override');
    expect(audit.details).toMatchObject({ overrideReason: reason, ruleVersion: rules.version, failedCriteria: [{ key: 'qualityYears', actual: '2 年' }] });

    // the statistic: overrides per bureau in the year of decision, within the caller's region
    const stats = await t.app.inject({ url: `/api/filings/statistics/overrides?year=${String(clock.year())}`, headers: await t.as('suzhou') });
    expect(stats.statusCode).toBe(200);
    const row = stats.json().items.find((r: { orgUnitName: string }) => r.orgUnitName === '昆山市');
    expect(row).toMatchObject({ overrides: 1 });
    expect(row.approved).toBeGreaterThanOrEqual(1);
    expect(stats.json().total.overrides).toBe(1);
    const elsewhere = await t.app.inject({ url: `/api/filings/statistics/overrides?year=${String(clock.year())}`, headers: await t.as('nanjing') });
    expect(elsewhere.json().total.overrides).toBe(0);
    expect((await t.app.inject({ url: '/api/filings/statistics/overrides', headers: ent })).statusCode).toBe(403);
  });

  it('approve a filing that meets the rules without an override, and record none', async () => {
    const id = await submitted('32058319790303411', { qualityYears: 9 });
    const approved = await post(`/api/filings/${id}/approve`, kunshan, { overrideReason: '无需破格，但审核人员仍然填写了说明' });
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'active', overrideReason: null, overrideRuleVersion: null, overrideCriteria: null });
  });

  it('refuse to approve a filing whose criteria were never evaluated until the reviewer re-evaluates it', async () => {
    const id = await submitted('32058319790303500', { qualityYears: 12 });
    await t.db
      .updateTable('filings')
      .set({ eligibility: JSON.stringify({ segment: 'aboveScale', pass: true, advisory: false, criteria: [] }) })
      .where('id', '=', id)
      .execute();
    const refused = await post(`/api/filings/${id}/approve`, kunshan, {});
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain('尚未进行资格审查');
    expect((await post(`/api/filings/${id}/reevaluate`, ent)).statusCode).toBe(403);
    expect((await post(`/api/filings/${id}/reevaluate`, await t.as('xuanwu'))).statusCode).toBe(404);
    const again = await post(`/api/filings/${id}/reevaluate`, kunshan);
    expect(again.statusCode).toBe(200);
    expect(again.json().eligibility.criteria.length).toBeGreaterThan(0);
    expect(again.json().rounds.at(-1).eligibility.criteria.length).toBeGreaterThan(0);
    expect((await post(`/api/filings/${id}/approve`, kunshan, {})).statusCode).toBe(200);
    const audit = await t.db
      .selectFrom('audit_events')
      .select('action')
      .where('target_type', '=', 'filing')
      .where('target_id', '=', String(id))
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toContain('filing.reevaluate');
  });
});
