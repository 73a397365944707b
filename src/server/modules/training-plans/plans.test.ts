import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { clock } from '../../clock';
import { expectStatus } from '../../testing/http';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const YEAR = 2031;
const line = (over: Record<string, unknown> = {}) => ({
  title: '新任首席质量官任职培训班',
  plannedMonth: 4,
  format: 'offline',
  places: 60,
  hours: 16,
  budgetYuan: 30000,
  budgetNote: '师资与场地',
  ...over,
});
const planBody = (over: Record<string, unknown> = {}) => ({
  year: YEAR,
  tier: 'basic',
  title: `昆山市 ${YEAR} 年首席质量官基础培训计划`,
  topics: ['质量法律法规', '首席质量官职责'],
  summary: '面向新任和拟任首席质量官',
  budgetYuan: 80000,
  classes: [line(), line({ title: '拟任首席质量官培训班', plannedMonth: 9, places: 40, hours: 12, budgetYuan: 20000 })],
  ...over,
});
const call = async (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, user: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: await t.as(user), ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
const count = async () =>
  Number(
    (
      await t.db
        .selectFrom('training_plans')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const inbox = async (user: string) =>
  (await call('GET', '/api/notifications', user)).json().items as { kind: string; title: string; body: string; link: string }[];
const unitId = async (code: string) => (await t.db.selectFrom('org_units').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;

describe('demo data', () => {
  it('has plans of several bureaus in every state, two counties merged into 苏州, and the 苏州 and province curricula', async () => {
    const states = await t.db.selectFrom('training_plans').select('status').distinct().execute();
    expect(states.map((r) => r.status).sort()).toEqual(['acknowledged', 'draft', 'returned', 'submitted']);
    const merged = await t.db
      .selectFrom('county_training_settings as s')
      .innerJoin('org_units as o', 'o.id', 's.org_unit_id')
      .select('o.code')
      .where('s.merged_into_city', '=', true)
      .execute();
    expect(merged.map((m) => m.code).sort()).toEqual(['320506', '320507']);
    const curricula = (await call('GET', '/api/training-curricula', 'officer-kunshan-1')).json();
    expect(curricula.map((c: { orgUnitName: string; tier: string }) => `${c.orgUnitName}:${c.tier}`).sort()).toEqual([
      '江苏省:advanced',
      '苏州市:basic',
      '苏州市:enhanced',
    ]);
    const year = new Date(clock.nowMs() + 8 * 3600_000).getUTCFullYear();
    const overview = (await call('GET', `/api/training-plans/overview?year=${year}`, 'suzhou')).json();
    expect(overview.rows.find((r: { orgUnitCode: string }) => r.orgUnitCode === '320506')).toMatchObject({
      status: 'covered',
      coveredBy: { status: 'submitted' },
    });
  });
});

describe('annual training plans', () => {
  let planId: number;

  it('a county files its 基础 plan with planned classes; totals are computed', async () => {
    const res = await call('POST', '/api/training-plans', 'kunshan', planBody());
    expect(res.statusCode).toBe(201);
    planId = res.json().id;
    expect(res.json()).toMatchObject({
      status: 'draft',
      tier: 'basic',
      classCount: 2,
      places: 100,
      hours: 28,
      classBudgetYuan: 50000,
      budgetYuan: 80000,
      reviewerUnitName: '苏州市',
      can: { edit: true, submit: true, review: false },
    });
    expect(res.json().classes.map((c: { seq: number; tier: string }) => [c.seq, c.tier])).toEqual([
      [1, 'basic'],
      [2, 'basic'],
    ]);
    const audit = await t.db
      .selectFrom('audit_events')
      .select('action')
      .where('target_type', '=', 'training_plan')
      .where('target_id', '=', String(planId))
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['training_plan.create']);
  });

  it('refuses bad input with a Chinese message naming the field, and changes nothing', async () => {
    const before = await count();
    const badMonth = await call('POST', '/api/training-plans', 'gusu', planBody({ classes: [line({ plannedMonth: 13 })] }));
    expect(badMonth.statusCode).toBe(400);
    expect(badMonth.json().error.fields[0]).toMatchObject({ path: 'classes.0.plannedMonth' });
    expect(badMonth.json().error.message).toContain('计划月份');
    const negative = await call('POST', '/api/training-plans', 'gusu', planBody({ budgetYuan: -1 }));
    expect(negative.statusCode).toBe(400);
    expect(negative.json().error.message).toContain('专项经费预算不能为负数');
    const noTitle = await call('POST', '/api/training-plans', 'gusu', planBody({ title: ' ' }));
    expect(noTitle.json().error.message).toContain('请填写计划名称');
    // a county plans 基础 only; the city 提升; the province 高级
    const wrongTier = await call('POST', '/api/training-plans', 'gusu', planBody({ tier: 'enhanced' }));
    expect(wrongTier.statusCode).toBe(400);
    expect(wrongTier.json().error).toMatchObject({ message: '本单位只能编制基础培训计划', fields: [{ path: 'tier' }] });
    // 南京 has no county merged into it, so it files no 基础 plan (苏州 does, for 吴中 and 相城 in the demo data)
    expect((await call('POST', '/api/training-plans', 'nanjing', planBody({ tier: 'basic' }))).json().error).toMatchObject({
      message: '本单位只能编制提升培训计划',
      fields: [{ path: 'tier' }],
    });
    expect((await call('POST', '/api/training-plans', 'province', planBody({ tier: 'enhanced' }))).statusCode).toBe(400);
    // one plan per bureau, tier and year
    const dup = await call('POST', '/api/training-plans', 'kunshan', planBody());
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.message).toBe(`本单位已有 ${YEAR} 年度基础培训计划`);
    // roles without training:manage, or outside the bureaus
    expect((await call('POST', '/api/training-plans', 'ent-kunshan-1', planBody())).statusCode).toBe(403);
    expect((await call('GET', '/api/training-plans', 'officer-kunshan-1')).statusCode).toBe(403);
    expect((await call('GET', '/api/training-plans', 'ent-kunshan-1')).statusCode).toBe(403);
    expect(await count()).toBe(before);
  });

  it('a draft is the county’s own: the city does not see it yet, other bureaus never', async () => {
    expect((await call('GET', `/api/training-plans/${planId}`, 'suzhou')).statusCode).toBe(404);
    expect((await call('GET', `/api/training-plans/${planId}`, 'gusu')).statusCode).toBe(404);
    expect((await call('PUT', `/api/training-plans/${planId}`, 'gusu', { ...planBody(), version: 1 })).statusCode).toBe(404);
    expect((await call('POST', `/api/training-plans/${planId}/submit`, 'nanjing')).statusCode).toBe(404);
  });

  it('refuses to submit a plan without classes or whose classes cost more than the budget', async () => {
    const empty = await call('PUT', `/api/training-plans/${planId}`, 'kunshan', { ...planBody({ classes: [] }), version: 1 });
    expect(empty.json()).toMatchObject({ version: 2, classCount: 0 });
    const noClasses = await call('POST', `/api/training-plans/${planId}/submit`, 'kunshan');
    expect(noClasses.statusCode).toBe(422);
    expect(noClasses.json().error.fields[0].path).toBe('classes');
    const stale = await call('PUT', `/api/training-plans/${planId}`, 'kunshan', { ...planBody(), version: 1 });
    expect(stale.statusCode).toBe(409);
    expectStatus(await call('PUT', `/api/training-plans/${planId}`, 'kunshan', { ...planBody({ budgetYuan: 40000 }), version: 2 }), 200);
    const over = await call('POST', `/api/training-plans/${planId}/submit`, 'kunshan');
    expect(over.statusCode).toBe(422);
    expect(over.json().error).toMatchObject({ message: '各班次预算合计 50000 元，超过专项经费预算 40000 元', fields: [{ path: 'budgetYuan' }] });
    expect((await t.db.selectFrom('training_plans').select('status').where('id', '=', planId).executeTakeFirstOrThrow()).status).toBe('draft');
  });

  it('submits to the city, which is notified, comments, returns it; the county revises and the city acknowledges', async () => {
    const fixed = await call('PUT', `/api/training-plans/${planId}`, 'kunshan', { ...planBody(), version: 3 });
    expect(fixed.statusCode).toBe(200);
    const submitted = await call('POST', `/api/training-plans/${planId}/submit`, 'kunshan');
    expect(submitted.json()).toMatchObject({ status: 'submitted', can: { edit: false, submit: false } });
    expect((await inbox('suzhou'))[0]).toMatchObject({ kind: 'training_plan.submitted', link: `/training-plans/${planId}` });
    expect(await inbox('nanjing')).toEqual([]);

    // the city sees it now, with the review actions; the province sees it and may comment but not review
    const seen = await call('GET', `/api/training-plans/${planId}`, 'suzhou');
    expect(seen.json().can).toMatchObject({ review: true, comment: true, edit: false });
    expect((await call('GET', `/api/training-plans/${planId}`, 'province')).json().can).toMatchObject({ review: false, comment: true });
    expect((await call('POST', `/api/training-plans/${planId}/acknowledge`, 'province', {})).statusCode).toBe(403);
    expect((await call('POST', `/api/training-plans/${planId}/acknowledge`, 'kunshan', {})).statusCode).toBe(403);
    expect((await call('POST', `/api/training-plans/${planId}/acknowledge`, 'nanjing', {})).statusCode).toBe(404);
    expect((await call('PUT', `/api/training-plans/${planId}`, 'kunshan', { ...planBody(), version: 4 })).statusCode).toBe(409);

    const comment = await call('POST', `/api/training-plans/${planId}/comments`, 'province', { body: '请增加质量安全事故案例剖析内容' });
    expect(comment.statusCode).toBe(200);
    expect((await inbox('kunshan'))[0]).toMatchObject({ kind: 'training_plan.comment' });
    expect((await call('POST', `/api/training-plans/${planId}/comments`, 'gusu', { body: '路过' })).statusCode).toBe(404);
    expect((await call('POST', `/api/training-plans/${planId}/comments`, 'suzhou', { body: '' })).statusCode).toBe(400);

    expect((await call('POST', `/api/training-plans/${planId}/return`, 'suzhou', { remarks: '' })).json().error.message).toContain('退回意见');
    const returned = await call('POST', `/api/training-plans/${planId}/return`, 'suzhou', { remarks: '请把第二期提前到上半年' });
    expect(returned.json()).toMatchObject({ status: 'returned' });
    expect((await inbox('kunshan'))[0]).toMatchObject({ kind: 'training_plan.returned', body: expect.stringContaining('请把第二期提前到上半年') as unknown });

    const revised = await call('PUT', `/api/training-plans/${planId}`, 'kunshan', {
      ...planBody({ classes: [line(), line({ title: '拟任首席质量官培训班', plannedMonth: 5 })] }),
      version: 4,
    });
    expect(revised.json()).toMatchObject({ status: 'returned', version: 5 });
    expectStatus(await call('POST', `/api/training-plans/${planId}/submit`, 'kunshan'), 200);
    const acknowledged = await call('POST', `/api/training-plans/${planId}/acknowledge`, 'suzhou', { remarks: '同意' });
    expect(acknowledged.json()).toMatchObject({ status: 'acknowledged' });
    expect(acknowledged.json().comments.map((c: { kind: string; authorUnitName: string }) => `${c.kind}:${c.authorUnitName}`)).toEqual([
      'submitted:昆山市',
      'comment:江苏省',
      'returned:苏州市',
      'submitted:昆山市',
      'acknowledged:苏州市',
    ]);
    expect((await call('POST', `/api/training-plans/${planId}/return`, 'suzhou', { remarks: '再看看' })).statusCode).toBe(409);
    const actions = await t.db
      .selectFrom('audit_events')
      .select('action')
      .where('target_type', '=', 'training_plan')
      .where('target_id', '=', String(planId))
      .orderBy('seq')
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      'training_plan.create',
      'training_plan.update',
      'training_plan.update',
      'training_plan.update',
      'training_plan.submit',
      'training_plan.comment',
      'training_plan.return',
      'training_plan.update',
      'training_plan.submit',
      'training_plan.acknowledge',
    ]);
  });

  it('lists plans with filters for the city and the province, not for another city', async () => {
    const city = expectStatus(await call('POST', '/api/training-plans', 'suzhou', planBody({ tier: 'enhanced', title: `苏州市 ${YEAR} 年提升培训计划` })), 201);
    const cityId: number = city.json().id;
    expectStatus(await call('POST', `/api/training-plans/${cityId}/submit`, 'suzhou'), 200);
    expect((await inbox('province'))[0]).toMatchObject({ kind: 'training_plan.submitted' });

    const suzhou = (await call('GET', `/api/training-plans?year=${YEAR}`, 'suzhou')).json();
    expect(suzhou.items.map((p: { id: number }) => p.id).sort()).toEqual([planId, cityId].sort());
    const basic = (await call('GET', `/api/training-plans?year=${YEAR}&tier=basic`, 'province')).json();
    expect(basic.items.map((p: { id: number }) => p.id)).toEqual([planId]);
    const acknowledged = (await call('GET', `/api/training-plans?year=${YEAR}&status=acknowledged&orgUnitId=${await unitId('320500')}`, 'province')).json();
    expect(acknowledged.total).toBe(1);
    expect((await call('GET', `/api/training-plans?year=${YEAR}`, 'nanjing')).json().total).toBe(0);
    expect((await call('GET', `/api/training-plans/${cityId}`, 'nanjing')).statusCode).toBe(404);
    // a county reads the filed plan of its city (and the city can be reviewed only by the province)
    expect((await call('GET', `/api/training-plans/${cityId}`, 'kunshan')).json().can).toMatchObject({ review: false, comment: false });
    expect((await call('POST', `/api/training-plans/${cityId}/acknowledge`, 'province', {})).json().status).toBe('acknowledged');
    expect((await call('GET', '/api/training-plans?tier=middle', 'province')).statusCode).toBe(400);
  });

  it('deletes a draft only', async () => {
    const draft = expectStatus(await call('POST', '/api/training-plans', 'gusu', planBody({ title: '姑苏区计划' })), 201);
    expect((await call('DELETE', `/api/training-plans/${draft.json().id}`, 'kunshan')).statusCode).toBe(404);
    expect((await call('DELETE', `/api/training-plans/${draft.json().id}`, 'gusu')).statusCode).toBe(200);
    expect((await call('DELETE', `/api/training-plans/${planId}`, 'kunshan')).statusCode).toBe(409);
  });

  it('shows who has not filed, and exports the list to Excel', async () => {
    const overview = (await call('GET', `/api/training-plans/overview?year=${YEAR}`, 'suzhou')).json();
    const row = (code: string, tier = 'basic') => overview.rows.find((r: { orgUnitCode: string; tier: string }) => r.orgUnitCode === code && r.tier === tier);
    expect(row('320583')).toMatchObject({ tier: 'basic', status: 'acknowledged', planId });
    expect(row('320508')).toMatchObject({ tier: 'basic', status: 'missing', planId: null });
    expect(row('320500', 'enhanced')).toMatchObject({ status: 'acknowledged' });
    // the demo's merged counties are covered by the city's 基础 plan, which 苏州 has not filed for this year
    expect(row('320506')).toMatchObject({ status: 'covered', coveredBy: { orgUnitName: '苏州市', planId: null, status: 'missing' } });
    expect(row('320500')).toMatchObject({ status: 'missing' });
    expect(overview.rows.some((r: { orgUnitCode: string }) => r.orgUnitCode.startsWith('3201'))).toBe(false);
    expect(overview.summary.expected).toBe(overview.rows.filter((r: { status: string }) => r.status !== 'covered').length);
    expect(overview.summary.filed).toBe(2);
    const province = (await call('GET', `/api/training-plans/overview?year=${YEAR}`, 'province')).json();
    expect(province.rows[0]).toMatchObject({ orgUnitCode: '320000', tier: 'advanced', status: 'missing' });
    expect(province.summary.expected).toBeGreaterThan(100);
    expect((await call('GET', `/api/training-plans/overview?year=${YEAR}`, 'kunshan')).json().rows).toHaveLength(1);

    const res = await call('GET', `/api/training-plans/export?year=${YEAR}`, 'suzhou');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('培训计划');
    expect(sheet?.getRow(1).getCell(1).value).toBe('年度');
    expect(sheet?.rowCount).toBe(3);
    const audit = await t.db.selectFrom('audit_events').select('details').where('action', '=', 'training_plan.export').executeTakeFirstOrThrow();
    expect(audit.details).toMatchObject({ rows: 2 });
  });
});

describe('合并至市级', () => {
  it('only the city or the province sets it, within its region; audited; the county is told', async () => {
    const kunshan = await unitId('320583');
    expect((await call('PUT', `/api/training-merges/${kunshan}`, 'kunshan', { mergedIntoCity: true })).statusCode).toBe(403);
    expect((await call('PUT', `/api/training-merges/${kunshan}`, 'nanjing', { mergedIntoCity: true })).statusCode).toBe(404);
    expect((await call('PUT', `/api/training-merges/${await unitId('320500')}`, 'province', { mergedIntoCity: true })).json().error.fields[0].path).toBe(
      'orgUnitId',
    );
    expect((await call('PUT', `/api/training-merges/${kunshan}`, 'suzhou', { mergedIntoCity: 'yes' })).json().error.message).toContain('合并至市级');
    const set = await call('PUT', `/api/training-merges/${kunshan}`, 'suzhou', { mergedIntoCity: true, note: '县局暂不具备培训条件' });
    expect(set.json()).toMatchObject({
      orgUnitName: '昆山市',
      cityName: '苏州市',
      mergedIntoCity: true,
      note: '县局暂不具备培训条件',
      updatedByName: '苏州市市场监管局',
    });
    const audit = await t.db
      .selectFrom('audit_events')
      .select(['action', 'details'])
      .where('target_type', '=', 'org_unit')
      .where('target_id', '=', String(kunshan))
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ action: 'county_training.merge', details: { before: false, after: true } });
    expect((await inbox('kunshan'))[0]).toMatchObject({ kind: 'county_training.merge' });
    const list = (await call('GET', '/api/training-merges?merged=true', 'suzhou')).json();
    expect(list.map((r: { orgUnitName: string }) => r.orgUnitName)).toContain('昆山市');
    expect((await call('GET', '/api/training-merges', 'nanjing')).json().every((r: { cityName: string }) => r.cityName === '南京市')).toBe(true);
  });

  it('a merged county files no 基础 plan; the city files one that covers it, and the overview says so', async () => {
    const refused = await call('POST', '/api/training-plans', 'kunshan', planBody({ year: YEAR + 1 }));
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.message).toBe('本县（市、区）已合并至设区市，基础培训由市局统一编制计划');
    const city = await call('POST', '/api/training-plans', 'suzhou', planBody({ year: YEAR + 1, title: '苏州市基础培训计划（含合并县市）' }));
    expect(city.statusCode).toBe(201);
    expect(city.json().coveredCounties.map((c: { name: string }) => c.name)).toContain('昆山市');
    expectStatus(await call('POST', `/api/training-plans/${city.json().id}/submit`, 'suzhou'), 200);
    const overview = (await call('GET', `/api/training-plans/overview?year=${YEAR + 1}`, 'suzhou')).json();
    expect(overview.rows.find((r: { orgUnitCode: string }) => r.orgUnitCode === '320583')).toMatchObject({
      status: 'covered',
      mergedIntoCity: true,
      coveredBy: { orgUnitName: '苏州市', planId: city.json().id, status: 'submitted' },
    });
    expect(overview.rows.filter((r: { orgUnitCode: string }) => r.orgUnitCode === '320500').map((r: { tier: string }) => r.tier)).toEqual([
      'basic',
      'enhanced',
    ]);
    // the county reads the city's plan that covers it
    expect((await call('GET', `/api/training-plans/${city.json().id}`, 'kunshan')).statusCode).toBe(200);
  });

  it('un-merging restores the county', async () => {
    const kunshan = await unitId('320583');
    const unset = await call('PUT', `/api/training-merges/${kunshan}`, 'province', { mergedIntoCity: false });
    expect(unset.json().mergedIntoCity).toBe(false);
    const last = await t.db
      .selectFrom('audit_events')
      .select('action')
      .where('target_type', '=', 'org_unit')
      .where('target_id', '=', String(kunshan))
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(last.action).toBe('county_training.unmerge');
    expect((await call('POST', '/api/training-plans', 'kunshan', planBody({ year: YEAR + 1 }))).statusCode).toBe(201);
  });
});
